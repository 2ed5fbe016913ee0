import { Like, Undo, type Recipient } from "@fedify/vocab";
import type { AppContext } from "../context.ts";
import { federationOf } from "./federation.ts";

interface LikeTarget {
  username: string;
  statusUri: string;
  authorUri: string;
  inboxUrl: string;
  sharedInboxUrl: string | null;
}

/** A local account's favourite of a remote status, with where to tell its author. */
async function likeTarget(ctx: AppContext, accountId: string, statusId: string): Promise<LikeTarget | undefined> {
  const [row] = await ctx.sql<LikeTarget[]>`
    select me.username, s.uri as status_uri, a.uri as author_uri, a.inbox_url, a.shared_inbox_url
    from statuses s join accounts a on a.id = s.account_id, accounts me
    where s.id = ${statusId} and not s.local and a.domain is not null and a.inbox_url is not null
      and me.id = ${accountId} and me.domain is null`;
  return row;
}

/** Favourites of remote statuses go out as Like to the author; withdrawing one sends Undo. */
export function likeSubscribers(ctx: AppContext): Record<string, (payload: { accountId: string; statusId: string }) => Promise<void>> {
  const send = async (payload: { accountId: string; statusId: string }, undo: boolean) => {
    const target = await likeTarget(ctx, payload.accountId, payload.statusId);
    if (!target) return;
    const fctx = federationOf(ctx).federation.createContext(new URL(ctx.config.origin), ctx);
    const actor = fctx.getActorUri(target.username);
    // A stable id per (account, status), so the Undo names the Like it withdraws.
    const like = new Like({ id: new URL(`${actor.href}#likes/${payload.statusId}`), actor, object: new URL(target.statusUri) });
    const to: Recipient = {
      id: new URL(target.authorUri), inboxId: new URL(target.inboxUrl),
      endpoints: target.sharedInboxUrl ? { sharedInbox: new URL(target.sharedInboxUrl) } : null,
    };
    const activity = undo ? new Undo({ id: new URL(`${like.id!.href}/undo/${Date.now()}`), actor, object: like }) : like;
    await fctx.sendActivity({ identifier: target.username }, to, activity);
  };
  return {
    "favourite.created": (payload) => send(payload, false),
    "favourite.deleted": (payload) => send(payload, true),
  };
}
