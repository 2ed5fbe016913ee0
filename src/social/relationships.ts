import type { Db } from "../db/database.ts";

/** How the viewer relates to one account, as Mastodon's Relationship entity describes it. */
export interface Relationship {
  id: string;
  following: boolean;
  showingReblogs: boolean;
  notifying: boolean;
  languages: string[] | null;
  followedBy: boolean;
  blocking: boolean;
  blockedBy: boolean;
  muting: boolean;
  mutingNotifications: boolean;
  mutingExpiresAt: Date | null;
  requested: boolean;
  requestedBy: boolean;
  domainBlocking: boolean;
  endorsed: boolean;
  note: string;
}

/**
 * The viewer's relationships with `ids`, in the order given, skipping unknown accounts (and
 * suspended ones unless `withSuspended`). One query for the whole batch.
 */
export async function findRelationships(db: Db, viewerId: string, ids: readonly string[], options: { withSuspended?: boolean } = {}): Promise<Relationship[]> {
  if (ids.length === 0) return [];
  const rows = await db<Relationship[]>`
    select a.id,
      f.id is not null as following,
      coalesce(f.show_reblogs, fr.show_reblogs, false) as showing_reblogs,
      coalesce(f.notify, fr.notify, false) as notifying,
      coalesce(f.languages, fr.languages) as languages,
      exists (select 1 from follows where account_id = a.id and target_account_id = ${viewerId}) as followed_by,
      exists (select 1 from blocks where account_id = ${viewerId} and target_account_id = a.id) as blocking,
      exists (select 1 from blocks where account_id = a.id and target_account_id = ${viewerId}) as blocked_by,
      m.id is not null as muting,
      coalesce(m.hide_notifications, false) as muting_notifications,
      m.expires_at as muting_expires_at,
      fr.id is not null as requested,
      exists (select 1 from follow_requests where account_id = a.id and target_account_id = ${viewerId}) as requested_by,
      a.domain is not null and exists (
        select 1 from account_domain_blocks where account_id = ${viewerId} and domain = lower(a.domain)) as domain_blocking,
      exists (select 1 from endorsements where account_id = ${viewerId} and target_account_id = a.id) as endorsed,
      coalesce(n.comment, '') as note
    from accounts a
    left join follows f on f.account_id = ${viewerId} and f.target_account_id = a.id
    left join follow_requests fr on fr.account_id = ${viewerId} and fr.target_account_id = a.id
    left join mutes m on m.account_id = ${viewerId} and m.target_account_id = a.id and (m.expires_at is null or m.expires_at > now())
    left join account_notes n on n.account_id = ${viewerId} and n.target_account_id = a.id
    where a.id = any(${[...new Set(ids)]}::bigint[])
      ${options.withSuspended ? db`` : db`and a.suspended_at is null`}`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  return [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
}

/** The viewer's relationship with one account (which must exist). */
export async function findRelationship(db: Db, viewerId: string, id: string): Promise<Relationship> {
  const [rel] = await findRelationships(db, viewerId, [id], { withSuspended: true });
  if (!rel) throw new Error(`relationship with missing account ${id}`);
  return rel;
}
