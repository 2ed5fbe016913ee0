import type { Db } from "../db/database.ts";
import { requireAvailableAccount } from "../accounts/lookup.ts";

/** Why an account is suggested, in Mastodon's `sources` vocabulary. */
export type SuggestionSource = "friends_of_friends" | "most_interactions";

export interface Suggestion {
  accountId: string;
  source: SuggestionSource;
}

/** How recently a local account must have posted to be suggested as active. */
const ACTIVE_DAYS = 30;

/**
 * Accounts to follow: first those followed by the people the viewer follows (most shared first),
 * then local accounts that posted lately. Leaves out the viewer, accounts already followed or
 * requested, blocked either way, muted, dismissed, in a blocked domain, suspended, moved, or
 * not discoverable.
 */
export async function suggestAccounts(db: Db, viewerId: string, limit: number): Promise<Suggestion[]> {
  const rows = await db<{ id: string; mutuals: number | null }[]>`
    select a.id, fof.n as mutuals
    from accounts a
    left join (
      select theirs.target_account_id as id, count(*)::int as n
      from follows mine join follows theirs on theirs.account_id = mine.target_account_id
      where mine.account_id = ${viewerId}
      group by theirs.target_account_id
    ) fof on fof.id = a.id
    where a.id <> ${viewerId} and a.suspended_at is null and a.discoverable and a.moved_to_account_id is null
      and (fof.n is not null or (a.domain is null and a.last_status_at > now() - make_interval(days => ${ACTIVE_DAYS})))
      and not exists (select 1 from follows where account_id = ${viewerId} and target_account_id = a.id)
      and not exists (select 1 from follow_requests where account_id = ${viewerId} and target_account_id = a.id)
      and not exists (select 1 from blocks where (account_id = ${viewerId} and target_account_id = a.id)
                                              or (account_id = a.id and target_account_id = ${viewerId}))
      and not exists (select 1 from mutes where account_id = ${viewerId} and target_account_id = a.id
                                            and (expires_at is null or expires_at > now()))
      and not exists (select 1 from suggestion_dismissals where account_id = ${viewerId} and target_account_id = a.id)
      and not exists (select 1 from account_domain_blocks where account_id = ${viewerId} and domain = lower(a.domain))
    order by fof.n desc nulls last, a.last_status_at desc nulls last, a.followers_count desc, a.id desc
    limit ${limit}`;
  return rows.map((r) => ({ accountId: r.id, source: r.mutuals ? "friends_of_friends" : "most_interactions" }));
}

/** Stops suggesting `targetId` to the viewer. */
export async function dismissSuggestion(db: Db, viewerId: string, targetId: string): Promise<void> {
  const target = await requireAvailableAccount(db, targetId);
  await db`
    insert into suggestion_dismissals (account_id, target_account_id) values (${viewerId}, ${target.id})
    on conflict do nothing`;
}
