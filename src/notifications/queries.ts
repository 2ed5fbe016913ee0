import type { Db } from "../db/database.ts";

/** Which of an account's notifications a listing shows. */
export interface NotificationSelection {
  types?: readonly string[] | undefined;
  excludeTypes?: readonly string[] | undefined;
  /** Only those caused by this account. */
  fromAccountId?: string | undefined;
  /** Also those the policy filtered (default: not). */
  includeFiltered?: boolean | undefined;
}

/**
 * Types that Mastodon apps do not know: listed only when a request names them in `types`, so an
 * app never meets a notification it cannot draw (Stoa's own API lists them by name).
 */
const STOA_ONLY_TYPES = ["governance"];

/** SQL condition selecting the recipient's notifications (alias `n`) as `selection` says. */
export function notificationConditions(db: Db, accountId: string, selection: NotificationSelection) {
  return db`n.account_id = ${accountId}
    ${selection.includeFiltered ? db`` : db`and not n.filtered`}
    ${selection.types?.length ? db`and n.type = any(${selection.types})` : db`and n.type <> all(${STOA_ONLY_TYPES})`}
    ${selection.excludeTypes?.length ? db`and n.type <> all(${selection.excludeTypes})` : db``}
    ${selection.fromAccountId ? db`and n.from_account_id = ${selection.fromAccountId}` : db``}`;
}

/** Notifications newer than the recipient's notifications marker (capped at `limit`). */
export async function countUnread(db: Db, accountId: string, selection: NotificationSelection, limit: number, grouped: readonly string[] | null = null): Promise<number> {
  const key = grouped?.length ? db`case when n.type = any(${grouped}) then n.group_key else n.id::text end` : db`n.id::text`;
  const [row] = await db<{ n: number }[]>`
    select count(distinct key)::int as n from (
      select ${key} as key from notifications n
      where ${notificationConditions(db, accountId, selection)}
        and n.id > coalesce((select last_read_id from markers where account_id = ${accountId} and timeline = 'notifications'), 0)
      order by n.id desc limit ${limit}) x`;
  return row!.n;
}
