import type { Db } from "../db/database.ts";

const PER_ACCOUNT = 40;

/**
 * For each account in `ids`: the accounts the viewer follows that also follow it, skipping
 * suspended accounts and those that hide their collections. Keyed by target id, in `ids` order.
 */
export async function familiarFollowers(db: Db, viewerId: string, ids: readonly string[]): Promise<{ id: string; accountIds: string[] }[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await db<{ targetId: string; followerId: string }[]>`
    select target_id, follower_id from (
      select theirs.target_account_id as target_id, theirs.account_id as follower_id,
             row_number() over (partition by theirs.target_account_id order by theirs.id desc) as n
      from follows mine
      join follows theirs on theirs.account_id = mine.target_account_id
      join accounts a on a.id = theirs.account_id
      where mine.account_id = ${viewerId} and theirs.target_account_id = any(${unique}::bigint[])
        and a.suspended_at is null and not a.hide_collections
    ) ranked where n <= ${PER_ACCOUNT}
    order by target_id, n`;
  return unique.map((id) => ({ id, accountIds: rows.filter((r) => r.targetId === id).map((r) => r.followerId) }));
}
