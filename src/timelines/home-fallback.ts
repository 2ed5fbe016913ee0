import type { Db, Sql } from "../db/database.ts";
import { visibleStatusFilter } from "../statuses/visibility.ts";
import { notMutedFilter } from "./filters.ts";

/** Rounds of candidates one page may read before it settles for fewer statuses than asked. */
const MAX_ROUNDS = 10;

/**
 * Older home statuses than the feed holds (it keeps only its newest entries): the viewer's
 * own statuses and those of the accounts they follow, newest first, below `beforeId` (and
 * above `sinceId`), with the rules fan-out applies — boosts only when shown, follow
 * languages, no replies to strangers, nothing direct — and the home timeline's filters.
 */
export async function olderHomeStatuses(sql: Sql, viewerId: string, beforeId: string | null, sinceId: string | null, limit: number): Promise<string[]> {
  return sql.begin(async (tx) => {
    // The estimates of these queries cross the JIT threshold; compiling costs far more than running.
    await tx`set local jit = off`;
    const found: string[] = [];
    let before = beforeId;
    // Cheap candidates first (index order per followed account), then the costly filters on a
    // page's worth of them, so the filters never run over every followed account's posts.
    for (let round = 0; round < MAX_ROUNDS && found.length < limit; round++) {
      const candidates = await candidateIds(tx, viewerId, before, sinceId, limit);
      if (candidates.length === 0) break;
      found.push(...await visibleIds(tx, viewerId, candidates, limit - found.length));
      if (candidates.length < limit) break;
      before = candidates.at(-1)!;
    }
    return found;
  });
}

async function candidateIds(db: Db, viewerId: string, beforeId: string | null, sinceId: string | null, limit: number): Promise<string[]> {
  const rows = await db<{ id: string }[]>`
    select s.id from (
      select ${viewerId}::bigint as account_id, true as show_reblogs, null::text[] as languages
      union all
      select target_account_id, show_reblogs, languages from follows where account_id = ${viewerId}
    ) a
    cross join lateral (
      select s.id from statuses s
      where s.account_id = a.account_id and s.deleted_at is null
        ${beforeId ? db`and s.id < ${beforeId}` : db``} ${sinceId ? db`and s.id > ${sinceId}` : db``}
        and s.visibility in ('public', 'unlisted', 'private')
        and (s.reblog_of_id is null or a.show_reblogs)
        and (a.languages is null or cardinality(a.languages) = 0 or s.language is null or s.language = any(a.languages))
        and (s.in_reply_to_account_id is null or s.in_reply_to_account_id in (s.account_id, ${viewerId})
             or exists (select 1 from follows rf where rf.account_id = ${viewerId} and rf.target_account_id = s.in_reply_to_account_id))
      order by s.id desc limit ${limit}
    ) s
    order by s.id desc limit ${limit}`;
  return rows.map((r) => r.id);
}

async function visibleIds(db: Db, viewerId: string, ids: readonly string[], limit: number): Promise<string[]> {
  const rows = await db<{ id: string }[]>`
    select s.id from statuses s
    where s.id = any(${ids}::bigint[])
      and ${visibleStatusFilter(db, viewerId)}
      and (s.reblog_of_id is null or exists (select 1 from statuses o where o.id = s.reblog_of_id and ${visibleStatusFilter(db, viewerId, "o")}))
      and (s.account_id = ${viewerId} or ${notMutedFilter(db, viewerId)})
      and not exists (select 1 from list_accounts la join lists l on l.id = la.list_id
                      where l.account_id = ${viewerId} and l.exclusive and la.account_id = s.account_id)
    order by s.id desc limit ${limit}`;
  return rows.map((r) => r.id);
}
