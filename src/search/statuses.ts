import type { Db } from "../db/database.ts";
import { visibleStatusFilter } from "../statuses/visibility.ts";

export interface StatusSearch {
  q: string;
  limit: number;
  offset: number;
  accountId: string | null;
  maxId: string | null;
  minId: string | null;
}

/**
 * Full-text search over statuses the viewer may read: public posts of authors who allow
 * indexing, and the viewer's own posts or those they favourited, bookmarked or were mentioned
 * in. Newest first; no ranking by engagement.
 */
export async function searchStatuses(db: Db, viewerId: string, s: StatusSearch): Promise<string[]> {
  const rows = await db<{ id: string }[]>`
    select s.id from statuses s join accounts a on a.id = s.account_id
    where s.search @@ websearch_to_tsquery('simple', ${s.q}) and s.reblog_of_id is null
      and ${visibleStatusFilter(db, viewerId)}
      and ((s.visibility = 'public' and a.indexable)
           or s.account_id = ${viewerId}
           or exists (select 1 from favourites f where f.account_id = ${viewerId} and f.status_id = s.id)
           or exists (select 1 from bookmarks b where b.account_id = ${viewerId} and b.status_id = s.id)
           or exists (select 1 from mentions m where m.account_id = ${viewerId} and m.status_id = s.id))
      ${s.accountId ? db`and s.account_id = ${s.accountId}` : db``}
      ${s.maxId ? db`and s.id < ${s.maxId}` : db``}
      ${s.minId ? db`and s.id > ${s.minId}` : db``}
    order by s.id desc limit ${s.limit} offset ${s.offset}`;
  return rows.map((r) => r.id);
}

/** Hashtags starting with the query (without `#`), most used recently first. */
export async function searchTags(db: Db, q: string, limit: number, offset: number, viewerId: string | null = null) {
  const prefix = q.replace(/^#/, "").toLowerCase().replace(/[^\p{L}\p{N}_]/gu, "");
  if (!prefix) return [];
  return db<{ id: string; name: string; uses: number; following: boolean }[]>`
    select t.id, t.name, (select count(*)::int from status_tags st where st.tag_id = t.id) as uses,
      exists (select 1 from followed_tags f where f.account_id = ${viewerId ?? "0"} and f.tag_id = t.id) as following
    from tags t
    where t.name like ${`${prefix}%`} and t.usable
    order by (t.name = ${prefix}) desc, uses desc, t.name limit ${limit} offset ${offset}`;
}
