import type { Context, Federation } from "@fedify/fedify";
import { Create, Delete, Hashtag, Mention, Note, PUBLIC_COLLECTION, Tombstone, Update, type Recipient } from "@fedify/vocab";
import { Temporal } from "@js-temporal/polyfill";
import type { AppContext } from "../context.ts";
import { federationOf } from "./federation.ts";

interface NoteRow {
  id: string;
  uri: string;
  url: string;
  username: string;
  content: string;
  spoilerText: string;
  sensitive: boolean;
  visibility: "public" | "unlisted" | "private" | "direct";
  createdAt: Date;
  deletedAt: Date | null;
  inReplyToUri: string | null;
  mentions: { uri: string; acct: string }[];
  tags: string[];
}

async function loadNote(ctx: AppContext, statusId: string): Promise<NoteRow | undefined> {
  const [row] = await ctx.sql<NoteRow[]>`
    select s.id, s.uri, s.url, a.username, s.content, s.spoiler_text, s.sensitive, s.visibility, s.created_at, s.deleted_at,
      (select p.uri from statuses p where p.id = s.in_reply_to_id) as in_reply_to_uri,
      (select coalesce(json_agg(json_build_object('uri', coalesce(m.uri, ${`${ctx.config.origin}/users/`} || m.username),
              'acct', m.username || coalesce('@' || m.domain, ''))), '[]')
         from mentions mm join accounts m on m.id = mm.account_id where mm.status_id = s.id) as mentions,
      (select coalesce(array_agg(t.name), '{}') from status_tags st join tags t on t.id = st.tag_id where st.status_id = s.id) as tags
    from statuses s join accounts a on a.id = s.account_id
    where s.id = ${statusId} and s.local and a.domain is null and s.reblog_of_id is null`;
  return row;
}

/** The Note of a local status, addressed as Mastodon addresses each visibility. */
function noteOf(fctx: Context<AppContext>, row: NoteRow): Note {
  const actor = fctx.getActorUri(row.username);
  const followers = new URL(`${actor.href}/followers`);
  const mentioned = row.mentions.map((m) => new URL(m.uri));
  const to = row.visibility === "public" ? [PUBLIC_COLLECTION] : row.visibility === "direct" ? mentioned : [followers];
  const cc = row.visibility === "public" ? [followers, ...mentioned] : row.visibility === "unlisted" ? [PUBLIC_COLLECTION, ...mentioned] : row.visibility === "private" ? mentioned : [];
  return new Note({
    id: new URL(row.uri),
    url: new URL(row.url),
    attribution: actor,
    content: row.content,
    summary: row.spoilerText || null,
    sensitive: row.sensitive,
    published: Temporal.Instant.fromEpochMilliseconds(row.createdAt.getTime()) as never,
    replyTarget: row.inReplyToUri ? new URL(row.inReplyToUri) : null,
    tos: to,
    ccs: cc,
    tags: [
      ...row.mentions.map((m) => new Mention({ href: new URL(m.uri), name: `@${m.acct}` })),
      ...row.tags.map((t) => new Hashtag({ href: new URL(`${fctx.origin}/tags/${encodeURIComponent(t)}`), name: `#${t}` })),
    ],
  });
}

/** Remote followers (for all but direct) and remote mentioned accounts of a local status. */
async function recipients(ctx: AppContext, statusId: string, visibility: NoteRow["visibility"]): Promise<Recipient[]> {
  const rows = await ctx.sql<{ uri: string; inboxUrl: string; sharedInboxUrl: string | null }[]>`
    select distinct a.uri, a.inbox_url, a.shared_inbox_url from accounts a
    where a.domain is not null and a.inbox_url is not null and a.suspended_at is null and (
      a.id in (select account_id from mentions where status_id = ${statusId})
      or (${visibility !== "direct"} and a.id in (
        select f.account_id from follows f join statuses s on s.account_id = f.target_account_id where s.id = ${statusId})))`;
  return rows.map((r) => ({ id: new URL(r.uri), inboxId: new URL(r.inboxUrl), endpoints: r.sharedInboxUrl ? { sharedInbox: new URL(r.sharedInboxUrl) } : null }));
}

/** Serves local Notes to other servers (public and unlisted only; signed fetch is not required yet). */
export function registerNotes(federation: Federation<AppContext>): void {
  federation.setObjectDispatcher(Note, "/users/{identifier}/statuses/{id}", async (fctx, values) => {
    if (!/^\d+$/.test(values.id)) return null;
    const row = await loadNote(fctx.data, values.id);
    if (!row || row.deletedAt || row.username !== values.identifier || (row.visibility !== "public" && row.visibility !== "unlisted")) return null;
    return noteOf(fctx, row);
  });
}

/** A deleted local status answers 410 Gone to ActivityPub fetches, as Mastodon does. */
export async function isDeletedNote(ctx: AppContext, username: string, statusId: string): Promise<boolean> {
  if (!/^\d+$/.test(statusId)) return false;
  const row = await loadNote(ctx, statusId);
  return row !== undefined && row.deletedAt !== null && row.username === username;
}

/** Local statuses go out as Create, Update and Delete, one delivery per shared inbox. */
export function statusSubscribers(ctx: AppContext): Record<string, (payload: { statusId: string }) => Promise<void>> {
  const fctxOf = () => federationOf(ctx).federation.createContext(new URL(ctx.config.origin), ctx);
  return {
    "status.created": async ({ statusId }) => {
      const row = await loadNote(ctx, statusId);
      if (!row || row.deletedAt) return;
      const to = await recipients(ctx, statusId, row.visibility);
      if (to.length === 0) return;
      const fctx = fctxOf();
      const note = noteOf(fctx, row);
      await fctx.sendActivity({ identifier: row.username }, to, new Create({
        id: new URL(`${row.uri}/activity`), actor: fctx.getActorUri(row.username), object: note, tos: note.toIds, ccs: note.ccIds,
      }), { preferSharedInbox: true });
    },
    "status.updated": async ({ statusId }) => {
      const row = await loadNote(ctx, statusId);
      if (!row || row.deletedAt) return;
      const to = await recipients(ctx, statusId, row.visibility);
      if (to.length === 0) return;
      const fctx = fctxOf();
      const note = noteOf(fctx, row);
      await fctx.sendActivity({ identifier: row.username }, to, new Update({
        id: new URL(`${row.uri}#updates/${Date.now()}`), actor: fctx.getActorUri(row.username), object: note, tos: note.toIds, ccs: note.ccIds,
      }), { preferSharedInbox: true });
    },
    "status.deleted": async ({ statusId }) => {
      const row = await loadNote(ctx, statusId);
      if (!row || !row.deletedAt) return;
      const to = await recipients(ctx, statusId, row.visibility);
      if (to.length === 0) return;
      const fctx = fctxOf();
      await fctx.sendActivity({ identifier: row.username }, to, new Delete({
        id: new URL(`${row.uri}#delete`), actor: fctx.getActorUri(row.username), object: new Tombstone({ id: new URL(row.uri) }), tos: [PUBLIC_COLLECTION],
      }), { preferSharedInbox: true });
    },
  };
}
