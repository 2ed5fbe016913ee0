import type { Federation, InboxContext } from "@fedify/fedify";
import { Accept, Announce, Block, Create, Delete, Follow, Like, Reject, Undo, Update, isActor, type Activity, type Actor } from "@fedify/vocab";
import type { AppContext } from "../context.ts";
import { logger } from "../log.ts";
import { followAccount, unfollowAccount } from "../social/follows.ts";
import { authorizeFollowRequest, rejectFollowRequest } from "../social/follow-requests.ts";
import { blockAccount, unblockAccount } from "../social/blocks.ts";
import { createDocumentLoader } from "./document-loader.ts";
import { storeRemoteActor } from "./remote-accounts.ts";
import { ingestCreate, ingestUpdate } from "./notes.ts";
import { deleteStatus, favourite, reblog, unfavourite, unreblog } from "../statuses/interactions.ts";
import type { FetchPolicy } from "./safe-fetch.ts";

const log = logger("federation", "inbox");

/**
 * Inbox listeners. Fedify has already verified the HTTP signature, checked that the signing
 * key belongs to the activity's actor, and deduplicated by activity id; it answers 202 and
 * runs these in the queue. Here: the actor must be remote and on the activity's origin, and
 * the activity must concern a local account.
 */
export function registerInbox(federation: Federation<AppContext>, policy: FetchPolicy): void {
  const loader = createDocumentLoader(policy);

  /** The sender as a stored account, if it is a remote actor on the activity's own origin. */
  async function senderAccount(fctx: InboxContext<AppContext>, activity: Activity): Promise<string | undefined> {
    return (await sender(fctx, activity))?.id;
  }

  /** The sending actor and its stored account id (see senderAccount). */
  async function sender(fctx: InboxContext<AppContext>, activity: Activity): Promise<{ id: string; actor: Actor } | undefined> {
    if (!activity.id || !activity.actorId || activity.id.origin !== activity.actorId.origin) return undefined;
    if (activity.actorId.origin === new URL(fctx.data.config.origin).origin) return undefined;
    const actor = await activity.getActor({ documentLoader: loader, contextLoader: loader });
    if (!isActor(actor) || actor.id?.href !== activity.actorId.href) return undefined;
    return { id: await storeRemoteActor(fctx.data, actor, actor.id.host, loader), actor };
  }

  /** The local account an actor URI names, if any. */
  async function localAccount(fctx: InboxContext<AppContext>, uri: URL | null): Promise<{ id: string; username: string } | undefined> {
    const parsed = uri ? fctx.parseUri(uri) : null;
    if (parsed?.type !== "actor") return undefined;
    const [row] = await fctx.data.sql<{ id: string; username: string }[]>`
      select id, username from accounts where domain is null and username = ${parsed.identifier} and suspended_at is null`;
    return row;
  }

  /** A status we hold, named by its URI (Like and Announce only ever name existing statuses). */
  async function targetStatusId(fctx: InboxContext<AppContext>, uri: URL | null): Promise<string | undefined> {
    if (!uri) return undefined;
    const [row] = await fctx.data.sql<{ id: string }[]>`select id from statuses where uri = ${uri.href} and deleted_at is null and reblog_of_id is null`;
    return row?.id;
  }

  /** A remote account answering a local account's Follow: only the followed actor may. */
  async function followAnswered(fctx: InboxContext<AppContext>, answer: Accept | Reject, decision: "accept" | "reject"): Promise<void> {
    // The Follow is ours: match it by id against what we sent, never fetch it.
    const followUri = answer.objectId?.href;
    const ownerId = await senderAccount(fctx, answer);
    if (!ownerId || !followUri) return;
    const [request] = await fctx.data.sql<{ accountId: string }[]>`
      select account_id from follow_requests where uri = ${followUri} and target_account_id = ${ownerId}`;
    if (!request) return;
    if (decision === "accept") await authorizeFollowRequest(fctx.data, ownerId, request.accountId);
    else await rejectFollowRequest(fctx.data, ownerId, request.accountId);
  }

  federation
    .setInboxListeners("/users/{identifier}/inbox", "/inbox")
    .on(Follow, async (fctx, follow) => {
      const target = await localAccount(fctx, follow.objectId);
      if (!target) return;
      const followerId = await senderAccount(fctx, follow);
      if (!followerId) return;
      const outcome = await followAccount(fctx.data, followerId, target.id);
      if (outcome === "requested") {
        // A locked account decides later; the Accept or Reject must name this Follow.
        await fctx.data.sql`update follow_requests set uri = ${follow.id!.href} where account_id = ${followerId} and target_account_id = ${target.id}`;
      }
      if (outcome !== "following") return;
      await fctx.sendActivity({ identifier: target.username }, await follow.getActor({ documentLoader: loader, contextLoader: loader }) as never, new Accept({
        id: new URL(`${fctx.getActorUri(target.username).href}#accepts/${encodeURIComponent(follow.id!.href)}`),
        actor: fctx.getActorUri(target.username),
        object: follow,
      }));
    })
    .on(Create, async (fctx, create) => {
      const from = await sender(fctx, create);
      if (from) await ingestCreate(fctx, create, from.id, from.actor, loader);
    })
    .on(Update, async (fctx, update) => {
      const from = await sender(fctx, update);
      if (from) await ingestUpdate(fctx, update, from.id, from.actor, loader);
    })
    .on(Delete, async (fctx, del) => {
      // Only the author may delete, and only a status of theirs: matched by URI and owner.
      const authorId = del.objectId && del.objectId.origin === del.actorId?.origin ? await senderAccount(fctx, del) : undefined;
      if (!authorId) return;
      const [status] = await fctx.data.sql<{ id: string }[]>`
        select id from statuses where uri = ${del.objectId!.href} and account_id = ${authorId} and not local and deleted_at is null`;
      if (status) await deleteStatus(fctx.data, authorId, status.id);
    })
    .on(Like, async (fctx, like) => {
      const statusId = await targetStatusId(fctx, like.objectId);
      const from = statusId ? await senderAccount(fctx, like) : undefined;
      if (statusId && from) await favourite(fctx.data, from, statusId);
    })
    .on(Announce, async (fctx, announce) => {
      const statusId = await targetStatusId(fctx, announce.objectId);
      const from = statusId ? await senderAccount(fctx, announce) : undefined;
      if (statusId && from) await reblog(fctx.data, from, statusId, "public", announce.id!.href);
    })
    .on(Block, async (fctx, block) => {
      // A remote block ends follows both ways here too, through the same domain function.
      const target = await localAccount(fctx, block.objectId);
      const blockerId = target ? await senderAccount(fctx, block) : undefined;
      if (target && blockerId) await blockAccount(fctx.data, blockerId, target.id);
    })
    .on(Accept, (fctx, accept) => followAnswered(fctx, accept, "accept"))
    .on(Reject, (fctx, reject) => followAnswered(fctx, reject, "reject"))
    .on(Undo, async (fctx, undo) => {
      // Only what the actor did itself can be undone by it.
      const object = await undo.getObject({ documentLoader: loader, contextLoader: loader });
      if (!(object instanceof Follow || object instanceof Like || object instanceof Announce || object instanceof Block) || object.actorId?.href !== undo.actorId?.href) return;
      if (object instanceof Block) {
        const target = await localAccount(fctx, object.objectId);
        const blockerId = target ? await senderAccount(fctx, undo) : undefined;
        if (target && blockerId) await unblockAccount(fctx.data, blockerId, target.id);
        return;
      }
      if (object instanceof Follow) {
        const target = await localAccount(fctx, object.objectId);
        const followerId = target ? await senderAccount(fctx, undo) : undefined;
        if (target && followerId) await unfollowAccount(fctx.data, followerId, target.id);
        return;
      }
      const statusId = await targetStatusId(fctx, object.objectId);
      const from = statusId ? await senderAccount(fctx, undo) : undefined;
      if (!statusId || !from) return;
      if (object instanceof Like) await unfavourite(fctx.data, from, statusId);
      else await unreblog(fctx.data, from, statusId);
    })
    .onError((_fctx, error) => {
      log.warn("Inbox activity failed: {error}", { error });
    });
}
