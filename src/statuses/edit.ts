import type { AppContext } from "../context.ts";
import type { Tx } from "../db/database.ts";
import { notFound, unprocessable } from "../lib/errors.ts";
import { createNotification } from "../notifications/notify.ts";
import { linkTags, MAX_CHARACTERS, MAX_MEDIA } from "./create.ts";
import { renderPlainText } from "./render.ts";
import { notifyQuoters, type QuotePolicy } from "./quotes.ts";

export interface StatusEdit {
  text: string;
  spoilerText: string;
  sensitive: boolean;
  language: string | null;
  mediaIds: string[];
  /** New alt texts of attached media, by media id. */
  mediaDescriptions: Record<string, string>;
  /** A new quote policy, when given (private and direct statuses stay `nobody`). The quote itself is kept. */
  quotePolicy?: QuotePolicy | undefined;
}

interface Current {
  text: string;
  content: string;
  spoilerText: string;
  sensitive: boolean;
  createdAt: Date;
}

/**
 * Edits the author's own status, keeping every version: the first edit also records the
 * original. Accounts that boosted it are told (`update`), so are those who quoted it
 * (`quoted_update`), and `status.updated` is emitted.
 */
export async function editStatus(ctx: AppContext, accountId: string, statusId: string, edit: StatusEdit): Promise<void> {
  if ([...edit.text].length + [...edit.spoilerText].length > MAX_CHARACTERS) throw unprocessable(`Text character limit of ${MAX_CHARACTERS} exceeded`);
  if (edit.text.trim() === "" && edit.mediaIds.length === 0) throw unprocessable("Text can't be blank");
  if (edit.mediaIds.length > MAX_MEDIA) throw unprocessable(`You can attach at most ${MAX_MEDIA} media`);
  await ctx.sql.begin(async (tx) => {
    const [current] = await tx<Current[]>`
      select text, content, spoiler_text, sensitive, created_at from statuses
      where id = ${statusId} and account_id = ${accountId} and deleted_at is null and reblog_of_id is null for update`;
    if (!current) throw notFound();
    await recordOriginal(tx, accountId, statusId, current);
    await setMedia(tx, accountId, statusId, edit);
    const rendered = await renderPlainText(ctx, tx, edit.text);
    await applyEdit(ctx, tx, accountId, statusId, {
      text: edit.text, content: rendered.html, searchText: `${edit.spoilerText} ${edit.text}`, spoilerText: edit.spoilerText,
      sensitive: edit.sensitive || edit.spoilerText !== "", language: edit.language,
      mentionedAccountIds: rendered.mentionedAccountIds, tags: rendered.tags, quotePolicy: edit.quotePolicy ?? null,
    });
  });
}

/** A new version of a status, rendered (local) or sanitized (remote). */
interface NewVersion {
  text: string;
  content: string;
  searchText: string;
  spoilerText: string;
  sensitive: boolean;
  language: string | null;
  mentionedAccountIds: string[];
  tags: string[];
  /** A new quote policy, or null to keep it (private and direct posts are never quotable). */
  quotePolicy?: string | null;
}

/** The first edit also records the original version (with the media it had then). */
async function recordOriginal(tx: Tx, accountId: string, statusId: string, current: Current): Promise<void> {
  const [versions] = await tx<{ n: number }[]>`select count(*)::int as n from status_edits where status_id = ${statusId}`;
  if (versions!.n === 0) await recordVersion(tx, accountId, statusId, current, current.createdAt);
}

/** The one path by which a status changes, local or remote: row, new version, mentions, tags, boosters told, `status.updated`. */
async function applyEdit(ctx: AppContext, tx: Tx, accountId: string, statusId: string, v: NewVersion): Promise<void> {
  await tx`
    update statuses set text = ${v.text}, content = ${v.content}, spoiler_text = ${v.spoilerText},
      sensitive = ${v.sensitive}, language = ${v.language}, edited_at = now(), updated_at = now(),
      search = to_tsvector('simple', ${v.searchText}),
      quote_policy = case when visibility in ('private', 'direct') then 'nobody' else coalesce(${v.quotePolicy ?? null}, quote_policy) end
    where id = ${statusId}`;
  await recordVersion(tx, accountId, statusId, { text: v.text, content: v.content, spoilerText: v.spoilerText, sensitive: v.sensitive }, new Date());
  for (const id of v.mentionedAccountIds) {
    await tx`insert into mentions (status_id, account_id) values (${statusId}, ${id}) on conflict do nothing`;
  }
  await tx`delete from status_tags where status_id = ${statusId}`;
  await linkTags(tx, statusId, v.tags);
  const boosters = await tx<{ accountId: string }[]>`
    select distinct account_id from statuses where reblog_of_id = ${statusId} and deleted_at is null`;
  for (const b of boosters) await createNotification(tx, { accountId: b.accountId, fromAccountId: accountId, type: "update", statusId });
  await notifyQuoters(tx, statusId, accountId);
  await ctx.events.emit(tx, "status.updated", { statusId });
}

/** A remote author's edit of their status (sanitized HTML); the same path as a local edit. No-op when the status is not theirs. */
export async function editRemoteStatus(ctx: AppContext, accountId: string, uri: string, v: Omit<NewVersion, "searchText" | "language"> & { language?: string | null }): Promise<boolean> {
  return ctx.sql.begin(async (tx) => {
    const [current] = await tx<(Current & { id: string; language: string | null })[]>`
      select id, text, content, spoiler_text, sensitive, language, created_at from statuses
      where uri = ${uri} and account_id = ${accountId} and not local and deleted_at is null and reblog_of_id is null for update`;
    if (!current) return false;
    await recordOriginal(tx, accountId, current.id, current);
    await applyEdit(ctx, tx, accountId, current.id, { ...v, language: v.language ?? current.language, searchText: `${v.spoilerText} ${v.text}` });
    return true;
  });
}

async function setMedia(tx: Tx, accountId: string, statusId: string, edit: StatusEdit) {
  const ids = [...new Set(edit.mediaIds)];
  if (ids.length) {
    const [owned] = await tx<{ n: number }[]>`
      select count(*)::int as n from media_attachments
      where id = any(${ids}::bigint[]) and account_id = ${accountId} and (status_id is null or status_id = ${statusId})`;
    if (owned!.n !== ids.length) throw unprocessable("Media ids are invalid, attached elsewhere, or not yours");
  }
  await tx`update media_attachments set status_id = null where status_id = ${statusId} and id <> all(${ids}::bigint[])`;
  if (ids.length) await tx`update media_attachments set status_id = ${statusId} where id = any(${ids}::bigint[])`;
  for (const [id, description] of Object.entries(edit.mediaDescriptions)) {
    await tx`update media_attachments set description = ${description}, updated_at = now() where id = ${id} and status_id = ${statusId}`;
  }
}

async function recordVersion(tx: Tx, accountId: string, statusId: string, v: Omit<Current, "createdAt">, at: Date) {
  await tx`
    insert into status_edits (status_id, account_id, text, content, spoiler_text, sensitive, media_ids, media_descriptions, created_at)
    select ${statusId}, ${accountId}, ${v.text}, ${v.content}, ${v.spoilerText}, ${v.sensitive},
      coalesce(array_agg(id order by id), '{}'), coalesce(array_agg(coalesce(description, '') order by id), '{}'), ${at}
    from media_attachments where status_id = ${statusId}`;
}
