import type { Sql } from "../db/database.ts";

/** How many entries a home feed keeps (Mastodon keeps about 800); older pages are read from follows. */
export const HOME_FEED_LIMIT = 800;

/**
 * A feed is trimmed about once every TRIM_EVERY posts it receives, not on each one: trimming
 * reads past the newest HOME_FEED_LIMIT entries, too costly to do for every follower of every post.
 */
export const TRIM_EVERY = 16;

/**
 * Whether fan-out of `statusId` trims `accountId`'s feed. Ids end in a database-wide sequence,
 * so each feed comes due once in about TRIM_EVERY posts, and followers of one post spread out.
 */
export function trimDue(statusId: string, accountId: string): boolean {
  return (BigInt(statusId) + BigInt(accountId)) % BigInt(TRIM_EVERY) === 0n;
}

/** Keeps only the newest `limit` entries of each of these home feeds; returns how many were removed. */
export async function trimHomeFeeds(sql: Sql, accountIds: readonly string[], limit = HOME_FEED_LIMIT): Promise<number> {
  if (accountIds.length === 0) return 0;
  return sql.begin(async (tx) => {
    // Estimates for many feeds cross the JIT threshold; compiling would cost more than the work.
    await tx`set local jit = off`;
    const result = await tx`
      delete from home_feed h using (
        select r.id as account_id, cut.status_id from unnest(${accountIds}::bigint[]) as r(id)
        cross join lateral (select status_id from home_feed where account_id = r.id
                            order by status_id desc offset ${limit} limit 1) cut
      ) c
      where h.account_id = c.account_id and h.status_id <= c.status_id`;
    return result.count;
  });
}
