import type { InboxContext } from "@fedify/fedify";
import { Article, Create, Hashtag, Mention, Note, PUBLIC_COLLECTION, Update, type Actor } from "@fedify/vocab";
import type { DocumentLoader } from "@fedify/vocab-runtime";
import type { AppContext } from "../context.ts";
import { createRemoteStatus, type Visibility } from "../statuses/create.ts";
import { editRemoteStatus } from "../statuses/edit.ts";
import { htmlToText } from "../filters/match.ts";
import { sanitizeHtml } from "./sanitize.ts";

/**
 * Ingests a remote Create of a Note or Article as a status, through the statuses domain.
 * The object must be on the activity's origin and attributed to its actor (FEP-fe34); it is
 * stored only when it concerns someone here: a local follower of the author, a mention of a
 * local account, or a reply to a status we hold.
 */
export async function ingestCreate(fctx: InboxContext<AppContext>, create: Create, authorId: string, author: Actor, loader: DocumentLoader): Promise<string | undefined> {
  const ctx = fctx.data;
  const object = await create.getObject({ documentLoader: loader, contextLoader: loader });
  if (!(object instanceof Note || object instanceof Article) || !object.id) return undefined;
  if (object.id.origin !== create.actorId?.origin || object.attributionId?.href !== author.id?.href) return undefined;

  const { mentionedAccountIds, tags, content } = await readNote(fctx, object, loader);
  const [parent] = object.replyTargetId
    ? await ctx.sql<{ id: string }[]>`select id from statuses where uri = ${object.replyTargetId.href}`
    : [];
  const [followed] = await ctx.sql<{ n: number }[]>`
    select count(*)::int as n from follows f join accounts a on a.id = f.account_id
    where f.target_account_id = ${authorId} and a.domain is null`;
  if (followed!.n === 0 && mentionedAccountIds.length === 0 && !parent) return undefined;

  return createRemoteStatus(ctx, authorId, {
    uri: object.id.href,
    url: (object.url instanceof URL ? object.url : object.id).href,
    content,
    text: htmlToText(content),
    spoilerText: String(object.summary ?? "").slice(0, 1000),
    sensitive: object.sensitive ?? false,
    visibility: visibilityOf(object.toIds, object.ccIds, author),
    language: null,
    inReplyToId: parent?.id ?? null,
    mentionedAccountIds,
    tags,
  });
}

/**
 * Applies a remote Update of a Note or Article: only its author, only a status of theirs
 * (matched by URI and owner), only an object on the actor's origin. Returns whether it changed.
 */
export async function ingestUpdate(fctx: InboxContext<AppContext>, update: Update, authorId: string, author: Actor, loader: DocumentLoader): Promise<boolean> {
  const object = await update.getObject({ documentLoader: loader, contextLoader: loader });
  if (!(object instanceof Note || object instanceof Article) || !object.id) return false;
  if (object.id.origin !== update.actorId?.origin || object.attributionId?.href !== author.id?.href) return false;
  const { mentionedAccountIds, tags, content } = await readNote(fctx, object, loader);
  return editRemoteStatus(fctx.data, authorId, object.id.href, {
    text: htmlToText(content), content, spoilerText: String(object.summary ?? "").slice(0, 1000),
    sensitive: object.sensitive ?? false, mentionedAccountIds, tags,
  });
}

/** Sanitized content, local mentions and hashtags of a remote Note. */
async function readNote(fctx: InboxContext<AppContext>, object: Note | Article, loader: DocumentLoader) {
  const ctx = fctx.data;
  const mentionedAccountIds: string[] = [];
  const tags: string[] = [];
  for await (const tag of object.getTags({ documentLoader: loader, contextLoader: loader, suppressError: true })) {
    if (tag instanceof Mention && tag.href) {
      const local = fctx.parseUri(tag.href);
      if (local?.type !== "actor") continue;
      const [row] = await ctx.sql<{ id: string }[]>`select id from accounts where domain is null and username = ${local.identifier}`;
      if (row) mentionedAccountIds.push(row.id);
    } else if (tag instanceof Hashtag && tag.name) {
      const name = String(tag.name).replace(/^#/, "").toLowerCase();
      if (/^[\p{L}\p{N}_]{1,100}$/u.test(name)) tags.push(name);
    }
  }
  return { mentionedAccountIds, tags: [...new Set(tags)], content: sanitizeHtml(String(object.content ?? "")) };
}

/** Mastodon's reading of the addressing: Public in to → public, in cc → unlisted, followers → private, else direct. */
function visibilityOf(to: URL[], cc: URL[], author: Actor): Visibility {
  const isPublic = (u: URL) => u.href === PUBLIC_COLLECTION.href || u.href === "as:Public" || u.href === "Public";
  if (to.some(isPublic)) return "public";
  if (cc.some(isPublic)) return "unlisted";
  const followers = author.followersId?.href;
  if (followers && [...to, ...cc].some((u) => u.href === followers)) return "private";
  return "direct";
}
