import type { AppContext } from "../context.ts";
import type { Db, Sql } from "../db/database.ts";
import { notFound, unprocessable } from "../lib/errors.ts";
import { isId } from "../lib/ids.ts";
import { findCustomEmojis, SHORTCODE } from "../emojis/custom-emojis.ts";
import { renderPlainText } from "../statuses/render.ts";

/** At most this many different reactions on one announcement (Mastodon's limit). */
export const REACTION_LIMIT = 8;
const UNICODE_EMOJI = /^\p{RGI_Emoji}$/v;

export interface AnnouncementRow {
  id: string;
  content: string;
  startsAt: Date | null;
  endsAt: Date | null;
  allDay: boolean;
  publishedAt: Date;
  updatedAt: Date;
  read: boolean;
  reactions: { name: string; count: number; me: boolean }[];
}

/**
 * Published announcements that have not ended, oldest first, as `accountId` sees them (read or
 * not, their reactions); dismissed ones only when `withDismissed`.
 */
export function loadAnnouncements(db: Db, accountId: string, options: { withDismissed?: boolean; id?: string } = {}): Promise<AnnouncementRow[]> {
  return db<AnnouncementRow[]>`
    select a.id, a.content, a.starts_at, a.ends_at, a.all_day, a.published_at, a.updated_at,
      exists (select 1 from announcement_reads r where r.announcement_id = a.id and r.account_id = ${accountId}) as read,
      (select coalesce(jsonb_agg(jsonb_build_object('name', x.name, 'count', x.count, 'me', x.me) order by x.first), '[]')
         from (select name, count(*)::int as count, bool_or(account_id = ${accountId}) as me, min(created_at) as first
               from announcement_reactions where announcement_id = a.id group by name) x) as reactions
    from announcements a
    where a.published and (a.ends_at is null or a.ends_at > now())
      ${options.id ? db`and a.id = ${options.id}` : db``}
      ${options.withDismissed ? db`` : db`and not exists (select 1 from announcement_reads r where r.announcement_id = a.id and r.account_id = ${accountId})`}
    order by coalesce(a.starts_at, a.published_at), a.id`;
}

/** The id of a published, unended announcement, or 404. */
async function liveAnnouncement(db: Db, id: string): Promise<string> {
  if (!isId(id)) throw notFound();
  const [row] = await db<{ id: string }[]>`select id from announcements where id = ${id} and published and (ends_at is null or ends_at > now())`;
  if (!row) throw notFound();
  return row.id;
}

/** Marks an announcement read (dismissed) for the account. */
export async function dismissAnnouncement(db: Db, accountId: string, id: string): Promise<void> {
  const announcementId = await liveAnnouncement(db, id);
  await db`insert into announcement_reads (announcement_id, account_id) values (${announcementId}, ${accountId}) on conflict do nothing`;
}

/** Adds the account's reaction: a single Unicode emoji or a local custom emoji's shortcode. */
export async function addReaction(db: Sql, accountId: string, id: string, name: string): Promise<void> {
  const announcementId = await liveAnnouncement(db, id);
  const custom = SHORTCODE.test(name) && (await findCustomEmojis(db, [name])).has(name);
  if (!custom && !UNICODE_EMOJI.test(name)) throw unprocessable("Name is not a recognized emoji");
  await db.begin(async (tx) => {
    // Serialize reactions to one announcement so the limit on distinct names holds.
    await tx`select 1 from announcements where id = ${announcementId} for update`;
    const [known] = await tx`select 1 from announcement_reactions where announcement_id = ${announcementId} and name = ${name} limit 1`;
    const [names] = await tx<{ count: number }[]>`
      select count(distinct name)::int as count from announcement_reactions where announcement_id = ${announcementId}`;
    if (!known && (names?.count ?? 0) >= REACTION_LIMIT) throw unprocessable(`Reactions are limited to ${REACTION_LIMIT} different emojis`);
    await tx`insert into announcement_reactions (announcement_id, account_id, name) values (${announcementId}, ${accountId}, ${name}) on conflict do nothing`;
  });
}

/** Removes the account's reaction, if it had one. */
export async function removeReaction(db: Db, accountId: string, id: string, name: string): Promise<void> {
  const announcementId = await liveAnnouncement(db, id);
  await db`delete from announcement_reactions where announcement_id = ${announcementId} and account_id = ${accountId} and name = ${name}`;
}

export interface AnnouncementInput {
  text: string;
  startsAt: Date | null;
  endsAt: Date | null;
  allDay: boolean;
  publish: boolean;
}

/** Creates an announcement (a draft unless `publish`); its text is rendered like a post's. */
export async function createAnnouncement(ctx: AppContext, input: AnnouncementInput): Promise<string> {
  if (input.startsAt && input.endsAt && input.endsAt <= input.startsAt) throw unprocessable("Ends at must be after starts at");
  const rendered = await renderPlainText(ctx, ctx.sql, input.text);
  const [row] = await ctx.sql<{ id: string }[]>`
    insert into announcements (text, content, starts_at, ends_at, all_day, published, published_at)
    values (${input.text}, ${rendered.html}, ${input.startsAt}, ${input.endsAt}, ${input.allDay}, ${input.publish}, now())
    returning id`;
  return row!.id;
}

/** Publishes or withdraws an announcement; publishing dates it now. */
export async function setPublished(db: Db, id: string, published: boolean): Promise<void> {
  if (!isId(id)) throw notFound();
  const rows = await db`update announcements set published = ${published},
      published_at = case when ${published} and not published then now() else published_at end, updated_at = now()
    where id = ${id} returning id`;
  if (rows.length === 0) throw notFound();
}

/** Every announcement, drafts and ended ones included, newest first: the admins' view. */
export function allAnnouncements(db: Db) {
  return db<{ id: string; text: string; published: boolean; startsAt: Date | null; endsAt: Date | null; allDay: boolean; publishedAt: Date }[]>`
    select id, text, published, starts_at, ends_at, all_day, published_at from announcements order by id desc`;
}

/** Deletes an announcement with its reads and reactions. */
export async function deleteAnnouncement(db: Db, id: string): Promise<void> {
  if (!isId(id)) throw notFound();
  const rows = await db`delete from announcements where id = ${id} returning id`;
  if (rows.length === 0) throw notFound();
}
