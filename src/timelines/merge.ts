import type { Db } from "../db/database.ts";

/** How many of an account's recent statuses enter a home feed when it is followed (Mastodon's figure). */
export const MERGE_LIMIT = 200;

/**
 * A new follow brings the followed account's recent statuses into the follower's home feed,
 * with the fan-out's rules (boosts only when shown, no replies to strangers, nothing direct).
 */
export async function mergeIntoHome(db: Db, followerId: string, targetId: string): Promise<void> {
  await db`
    insert into home_feed (account_id, status_id)
    select f.account_id, s.id from follows f
    join accounts fa on fa.id = f.account_id and fa.domain is null
    join lateral (
      select s.id from statuses s
      where s.account_id = f.target_account_id and s.deleted_at is null and s.visibility in ('public', 'unlisted', 'private')
        and (s.reblog_of_id is null or f.show_reblogs)
        and (s.in_reply_to_account_id is null or s.in_reply_to_account_id in (s.account_id, f.account_id)
             or exists (select 1 from follows rf where rf.account_id = f.account_id and rf.target_account_id = s.in_reply_to_account_id))
      order by s.id desc limit ${MERGE_LIMIT}) s on true
    where f.account_id = ${followerId} and f.target_account_id = ${targetId}
    on conflict do nothing`;
}

/**
 * Takes an account's statuses and boosts out of a home feed (after an unfollow or a block),
 * keeping those that mention the feed's owner.
 */
export async function unmergeFromHome(db: Db, ownerId: string, authorId: string): Promise<void> {
  await db`
    delete from home_feed h using statuses s
    where h.account_id = ${ownerId} and s.id = h.status_id and s.account_id = ${authorId}
      and not exists (select 1 from mentions m where m.status_id = s.id and m.account_id = ${ownerId})
      and not exists (select 1 from follows f where f.account_id = ${ownerId} and f.target_account_id = ${authorId})`;
}

/** The accounts whose home feed holds a status. */
export async function homeFeedHolders(db: Db, statusId: string): Promise<string[]> {
  const rows = await db<{ accountId: string }[]>`select account_id from home_feed where status_id = ${statusId}`;
  return rows.map((r) => r.accountId);
}
