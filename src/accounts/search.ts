import type { Db } from "../db/database.ts";
import { accountColumns, type AccountRow } from "./queries.ts";

export interface AccountSearch {
  q: string;
  limit: number;
  offset: number;
  /** Only accounts the viewer follows. */
  following: boolean;
}

/** Words of a query as prefix terms for `to_tsquery('simple', …)`; only letters, digits survive. */
export function prefixQuery(q: string): string | null {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.slice(0, 8).map((w) => `${w}:*`).join(" & ") : null;
}

/**
 * Accounts whose username or display name starts with the query's words (`user@domain`
 * narrows to that domain). Discoverable accounts and exact usernames rank first; suspended
 * accounts and anyone blocking or blocked by the viewer are left out.
 */
export async function searchAccounts(db: Db, viewerId: string | null, localDomain: string, s: AccountSearch): Promise<AccountRow[]> {
  const [name = "", rawDomain] = s.q.trim().replace(/^@/, "").split("@");
  const terms = prefixQuery(name);
  if (!terms) return [];
  const domain = rawDomain?.toLowerCase();
  const domainFilter = domain === undefined || domain === ""
    ? db``
    : domain === localDomain.toLowerCase() ? db`and a.domain is null` : db`and lower(a.domain) = ${domain}`;
  return db<AccountRow[]>`
    select ${accountColumns(db, "a")} from accounts a
    where to_tsvector('simple', a.username || ' ' || a.display_name) @@ to_tsquery('simple', ${terms})
      and a.suspended_at is null ${domainFilter}
      ${viewerId ? db`and not exists (select 1 from blocks b where (b.account_id = ${viewerId} and b.target_account_id = a.id)
                                                         or (b.account_id = a.id and b.target_account_id = ${viewerId}))` : db``}
      ${viewerId && s.following ? db`and exists (select 1 from follows f where f.account_id = ${viewerId} and f.target_account_id = a.id)` : db``}
    order by lower(a.username) = lower(${name}) desc, a.discoverable desc, a.domain is null desc, a.followers_count desc, a.id
    limit ${s.limit} offset ${s.offset}`;
}
