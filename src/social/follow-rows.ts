import type { AppContext } from "../context.ts";
import type { Db } from "../db/database.ts";

/** Options a follower chooses for a follow or a pending request. `undefined` keeps the current value. */
export interface FollowOptions {
  reblogs?: boolean | undefined;
  notify?: boolean | undefined;
  /** ISO 639-1 codes to receive; `null` means every language. */
  languages?: string[] | null | undefined;
}

/** A follow or follow request row's options as stored. */
export interface StoredFollowOptions {
  showReblogs: boolean;
  notify: boolean;
  languages: string[] | null;
}

/**
 * Inserts a follow and bumps both counters in the caller's transaction. Returns false when the
 * follow already existed (nothing changed), so concurrent follows never double-count.
 */
export async function insertFollow(tx: Db, accountId: string, targetId: string, o: StoredFollowOptions): Promise<boolean> {
  const [row] = await tx<{ id: string }[]>`
    insert into follows (account_id, target_account_id, show_reblogs, notify, languages)
    values (${accountId}, ${targetId}, ${o.showReblogs}, ${o.notify}, ${o.languages})
    on conflict (account_id, target_account_id) do nothing
    returning id`;
  if (!row) return false;
  await adjustFollowCounts(tx, accountId, targetId, 1);
  return true;
}

/**
 * Deletes a follow with everything that depends on it (endorsement, list memberships), adjusts
 * both counters and emits `follow.deleted`. Returns false when there was no such follow.
 */
export async function deleteFollow(ctx: AppContext, tx: Db, accountId: string, targetId: string): Promise<boolean> {
  const [row] = await tx<{ id: string }[]>`
    delete from follows where account_id = ${accountId} and target_account_id = ${targetId} returning id`;
  if (!row) return false;
  await adjustFollowCounts(tx, accountId, targetId, -1);
  await tx`delete from endorsements where account_id = ${accountId} and target_account_id = ${targetId}`;
  await tx`
    delete from list_accounts la using lists l
    where la.list_id = l.id and l.account_id = ${accountId} and la.account_id = ${targetId}`;
  await ctx.events.emit(tx, "follow.deleted", { accountId, targetAccountId: targetId });
  return true;
}

/**
 * Deletes a pending follow request (withdrawn, accepted or rejected) and the notification that
 * asked the target to handle it. Returns its options and the Follow activity's URI (remote
 * requests), or null when there was none.
 */
export async function deleteFollowRequest(tx: Db, accountId: string, targetId: string): Promise<(StoredFollowOptions & { uri: string | null }) | null> {
  const [row] = await tx<(StoredFollowOptions & { uri: string | null })[]>`
    delete from follow_requests where account_id = ${accountId} and target_account_id = ${targetId}
    returning show_reblogs, notify, languages, uri`;
  if (!row) return null;
  await tx`delete from notifications where account_id = ${targetId} and from_account_id = ${accountId} and type = 'follow_request'`;
  return row;
}

async function adjustFollowCounts(tx: Db, accountId: string, targetId: string, delta: 1 | -1): Promise<void> {
  // Lock both rows in id order so two opposite follows cannot deadlock.
  await tx`
    update accounts set
      following_count = greatest(0, following_count + case when id = ${accountId} then ${delta}::int else 0 end),
      followers_count = greatest(0, followers_count + case when id = ${targetId} then ${delta}::int else 0 end)
    where id in (${accountId}, ${targetId})`;
}
