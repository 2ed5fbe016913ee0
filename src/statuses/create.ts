import type { AppContext } from "../context.ts";
import type { Db, Tx } from "../db/database.ts";
import { notFound, unprocessable } from "../lib/errors.ts";
import { createNotification } from "../notifications/notify.ts";
import { localStatusUrls } from "../accounts/urls.ts";
import { renderPlainText } from "./render.ts";
import { visibleStatusFilter } from "./visibility.ts";
import { checkPoll, createPoll, type NewPoll } from "./polls.ts";
import { attachQuote, quoteTarget, quotingVisibility, type QuotePolicy } from "./quotes.ts";

export const MAX_CHARACTERS = 500;
export const MAX_MEDIA = 4;
export type Visibility = "public" | "unlisted" | "private" | "direct";

export interface NewStatus {
  text: string;
  spoilerText: string;
  sensitive: boolean;
  visibility: Visibility;
  language: string | null;
  inReplyToId: string | null;
  mediaIds: string[];
  applicationId: string | null;
  idempotencyKey: string | null;
  poll: NewPoll | null;
  /** Absent in statuses scheduled before quotes existed. */
  quotedStatusId?: string | null;
  /** Who may quote this status (forced to `nobody` for private and direct ones). */
  quotePolicy?: QuotePolicy;
}

/** Publishes a local status: renders it, links mentions, tags, media, thread and quote, then emits `status.created`. */
export async function createStatus(ctx: AppContext, accountId: string, input: NewStatus): Promise<string> {
  if ([...input.text].length + [...input.spoilerText].length > MAX_CHARACTERS) throw unprocessable(`Text character limit of ${MAX_CHARACTERS} exceeded`);
  if (input.text.trim() === "" && input.mediaIds.length === 0) throw unprocessable("Text can't be blank");
  if (input.mediaIds.length > MAX_MEDIA) throw unprocessable(`You can attach at most ${MAX_MEDIA} media`);
  if (input.poll) {
    if (input.mediaIds.length) throw unprocessable("Cannot attach both media and a poll");
    checkPoll(input.poll);
  }
  return ctx.sql.begin(async (tx) => {
    if (input.idempotencyKey) {
      await tx`select pg_advisory_xact_lock(hashtext(${`${accountId}:${input.idempotencyKey}`}))`;
      const [seen] = await tx<{ statusId: string }[]>`
        select status_id from idempotency_keys
        where account_id = ${accountId} and key = ${input.idempotencyKey} and created_at > now() - interval '1 hour' and status_id is not null`;
      if (seen) return seen.statusId;
    }
    const thread = await replyThread(tx, accountId, input.inReplyToId);
    await checkMedia(tx, accountId, input.mediaIds);
    const quote = input.quotedStatusId ? await quoteTarget(tx, accountId, input.quotedStatusId) : null;
    const visibility = quote ? quotingVisibility(input.visibility, quote) : input.visibility;
    const quotePolicy = visibility === "private" || visibility === "direct" ? "nobody" : input.quotePolicy ?? "public";
    const rendered = await renderPlainText(ctx, tx, input.text);
    const [author] = await tx<{ id: string; username: string }[]>`select stoa_id() as id, username from accounts where id = ${accountId}`;
    const { id, username } = author!;
    const urls = localStatusUrls(ctx.config.origin, username, id);
    await storeStatus(tx, {
      id, accountId, uri: urls.uri, url: urls.url, local: true, text: input.text, content: rendered.html,
      searchText: `${input.spoilerText} ${input.text}`, spoilerText: input.spoilerText,
      sensitive: input.sensitive || input.spoilerText !== "", visibility, language: input.language,
      inReplyToId: input.inReplyToId, thread, applicationId: input.applicationId, quotePolicy,
      mentionedAccountIds: rendered.mentionedAccountIds, tags: rendered.tags,
    });
    if (input.mediaIds.length) await tx`update media_attachments set status_id = ${id} where id = any(${input.mediaIds}::bigint[])`;
    if (input.poll) await createPoll(tx, accountId, id, input.poll);
    if (quote) await attachQuote(ctx, tx, id, accountId, quote);
    if (input.idempotencyKey) {
      await tx`insert into idempotency_keys (account_id, key, status_id) values (${accountId}, ${input.idempotencyKey}, ${id})
        on conflict (account_id, key) do update set status_id = excluded.status_id, created_at = now()`;
    }
    await ctx.events.emit(tx, "status.created", { statusId: id });
    return id;
  });
}

/** A status as stored, whoever wrote it. */
interface StatusInsert {
  id: string;
  accountId: string;
  uri: string;
  url: string;
  local: boolean;
  /** Source text (local statuses only). */
  text: string;
  /** Rendered, sanitized HTML. */
  content: string;
  searchText: string;
  spoilerText: string;
  sensitive: boolean;
  visibility: Visibility;
  language: string | null;
  inReplyToId: string | null;
  thread: { accountId: string | null; conversationId: string | null };
  applicationId: string | null;
  /** Who may quote it; remote statuses keep the default until federation reads their policy. */
  quotePolicy?: QuotePolicy;
  mentionedAccountIds: string[];
  tags: string[];
}

/** The one path by which a status enters the database, local or remote: row, thread, mentions, tags, counters. */
async function storeStatus(tx: Tx, s: StatusInsert): Promise<void> {
  const conversationId = s.thread.conversationId ?? (await tx<{ id: string }[]>`insert into conversations default values returning id`)[0]!.id;
  await tx`
    insert into statuses (id, account_id, uri, url, local, text, content, spoiler_text, sensitive, visibility, language,
      in_reply_to_id, in_reply_to_account_id, conversation_id, application_id, quote_policy, search)
    values (${s.id}, ${s.accountId}, ${s.uri}, ${s.url}, ${s.local}, ${s.text}, ${s.content}, ${s.spoilerText},
      ${s.sensitive}, ${s.visibility}, ${s.language}, ${s.inReplyToId},
      ${s.thread.accountId}, ${conversationId}, ${s.applicationId}, ${s.quotePolicy ?? "public"},
      to_tsvector('simple', ${s.searchText}))`;
  await linkMentions(tx, s.id, s.accountId, s.mentionedAccountIds);
  await linkTags(tx, s.id, s.tags);
  await tx`update accounts set statuses_count = statuses_count + 1, last_status_at = now() where id = ${s.accountId}`;
  if (s.inReplyToId) await tx`update statuses set replies_count = replies_count + 1 where id = ${s.inReplyToId}`;
}

/** A status received from another server: sanitized HTML, its own URI and URL. */
export interface RemoteStatus {
  uri: string;
  url: string;
  content: string;
  /** Plain text for search. */
  text: string;
  spoilerText: string;
  sensitive: boolean;
  visibility: Visibility;
  language: string | null;
  /** A known local or remote status this one answers; unknown parents leave it a root. */
  inReplyToId: string | null;
  mentionedAccountIds: string[];
  tags: string[];
}

/**
 * Stores a remote author's status through the same path as a local post and emits
 * `status.created`. Idempotent: a URI already stored returns the existing id.
 */
export async function createRemoteStatus(ctx: AppContext, accountId: string, input: RemoteStatus): Promise<string> {
  return ctx.sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext(${input.uri}))`;
    const [existing] = await tx<{ id: string }[]>`select id from statuses where uri = ${input.uri}`;
    if (existing) return existing.id;
    const [parent] = input.inReplyToId
      ? await tx<{ accountId: string; conversationId: string | null }[]>`select account_id, conversation_id from statuses where id = ${input.inReplyToId}`
      : [];
    const [row] = await tx<{ id: string }[]>`select stoa_id() as id`;
    await storeStatus(tx, {
      id: row!.id, accountId, uri: input.uri, url: input.url, local: false, text: "", content: input.content,
      searchText: `${input.spoilerText} ${input.text}`, spoilerText: input.spoilerText, sensitive: input.sensitive,
      visibility: input.visibility, language: input.language, inReplyToId: parent ? input.inReplyToId : null,
      thread: parent ?? { accountId: null, conversationId: null }, applicationId: null,
      mentionedAccountIds: input.mentionedAccountIds, tags: input.tags,
    });
    await ctx.events.emit(tx, "status.created", { statusId: row!.id });
    return row!.id;
  });
}

async function replyThread(tx: Tx, accountId: string, inReplyToId: string | null) {
  if (!inReplyToId) return { accountId: null, conversationId: null };
  const [parent] = await tx<{ accountId: string; conversationId: string | null }[]>`
    select s.account_id, s.conversation_id from statuses s
    where s.id = ${inReplyToId} and s.reblog_of_id is null and ${visibleStatusFilter(tx, accountId)}`;
  if (!parent) throw notFound();
  return parent;
}

/** The media must be the account's own and not attached yet. */
export async function checkMedia(tx: Db, accountId: string, ids: string[]) {
  if (ids.length === 0) return;
  const [row] = await tx<{ n: number }[]>`
    select count(*)::int as n from media_attachments
    where id = any(${ids}::bigint[]) and account_id = ${accountId} and status_id is null`;
  if (row!.n !== new Set(ids).size) throw unprocessable("Media ids are invalid, attached already, or not yours");
}

/** Mentioned accounts can always see the status they are mentioned in, so each is notified. */
async function linkMentions(tx: Tx, statusId: string, authorId: string, accountIds: string[]) {
  for (const accountId of accountIds) {
    await tx`insert into mentions (status_id, account_id) values (${statusId}, ${accountId}) on conflict do nothing`;
    await createNotification(tx, { accountId, fromAccountId: authorId, type: "mention", statusId });
  }
}

/** Links a status to its (at most 30) hashtags, creating unknown tags. */
export async function linkTags(tx: Db, statusId: string, tags: string[]) {
  for (const name of tags.slice(0, 30)) {
    const [tag] = await tx<{ id: string }[]>`
      insert into tags (name, display_name) values (${name}, ${name})
      on conflict (name) do update set name = excluded.name returning id`;
    await tx`insert into status_tags (status_id, tag_id) values (${statusId}, ${tag!.id}) on conflict do nothing`;
  }
}
