import type { Db } from "../db/database.ts";

/**
 * SQL condition: status `alias` (and, for a boost, its original) is by no one the viewer
 * mutes (an active mute) or whose domain the viewer blocks. Blocks and visibility are
 * `visibleStatusFilter`'s job; this adds what Mastodon hides from timelines on top.
 */
export function notMutedFilter(db: Db, viewerId: string | null, alias = "s") {
  if (!viewerId) return db`true`;
  const s = db(alias);
  const authors = db`(select ${s}.account_id union all select o.account_id from statuses o where o.id = ${s}.reblog_of_id)`;
  return db`not exists (select 1 from mutes mu where mu.account_id = ${viewerId} and mu.target_account_id in ${authors}
                        and (mu.expires_at is null or mu.expires_at > now()))
    and not exists (select 1 from accounts a join account_domain_blocks d on d.account_id = ${viewerId} and d.domain = a.domain
                    where a.id in ${authors})`;
}

/**
 * SQL condition for public timelines: the author is not silenced by the instance, unless the
 * viewer follows them (Mastodon keeps limited accounts out of public timelines only).
 */
export function notSilencedFilter(db: Db, viewerId: string | null, alias = "s") {
  const s = db(alias);
  const silenced = db`exists (select 1 from accounts a where a.id = ${s}.account_id and a.silenced_at is not null)`;
  if (!viewerId) return db`not ${silenced}`;
  return db`(not ${silenced} or exists (select 1 from follows f where f.account_id = ${viewerId} and f.target_account_id = ${s}.account_id))`;
}

/**
 * Whether a status may show on a viewer's timeline stream: what the REST timelines' filters
 * let through — no muted or domain-blocked author (the viewer's own posts always), and on
 * public and hashtag timelines no silenced author the viewer does not follow.
 */
export async function passesTimelineFilters(db: Db, viewerId: string | null, statusId: string, publicTimeline: boolean): Promise<boolean> {
  const rows = await db`
    select 1 from statuses s
    where s.id = ${statusId} and (s.account_id = ${viewerId} or ${notMutedFilter(db, viewerId)})
      ${publicTimeline ? db`and ${notSilencedFilter(db, viewerId)}` : db``}`;
  return rows.length > 0;
}
