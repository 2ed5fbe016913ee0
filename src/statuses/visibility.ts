import type { Db } from "../db/database.ts";

/**
 * SQL condition (for a `where` clause) that a status row `alias` may be seen by the viewer:
 * not deleted, author not suspended, no block either way, and its visibility allows it —
 * public and unlisted to all, private to the author and followers, direct to the author and
 * mentioned accounts (mentioned accounts also see private replies that mention them).
 */
export function visibleStatusFilter(db: Db, viewerId: string | null, alias = "s") {
  const s = db(alias);
  const author = db`(select suspended_at is null from accounts where id = ${s}.account_id)`;
  if (!viewerId) {
    return db`${s}.deleted_at is null and ${s}.visibility in ('public', 'unlisted') and ${author}`;
  }
  return db`${s}.deleted_at is null and ${author} and (
      ${s}.account_id = ${viewerId}
      or (not exists (select 1 from blocks b where (b.account_id = ${s}.account_id and b.target_account_id = ${viewerId})
                                              or (b.account_id = ${viewerId} and b.target_account_id = ${s}.account_id))
          and (${s}.visibility in ('public', 'unlisted')
               or (${s}.visibility = 'private' and exists (select 1 from follows f where f.account_id = ${viewerId} and f.target_account_id = ${s}.account_id))
               or exists (select 1 from mentions m where m.status_id = ${s}.id and m.account_id = ${viewerId}))))`;
}
