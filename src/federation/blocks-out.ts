import { Block, Undo } from "@fedify/vocab";
import type { AppContext } from "../context.ts";
import { federationOf } from "./federation.ts";

/** Blocks of remote accounts go out as Block (their server drops follows too); unblocks as Undo(Block). */
export function blockSubscribers(ctx: AppContext): Record<string, (payload: { accountId: string; targetAccountId: string }) => Promise<void>> {
  const send = async (payload: { accountId: string; targetAccountId: string }, undo: boolean) => {
    const [pair] = await ctx.sql<{ username: string; uri: string; inboxUrl: string; sharedInboxUrl: string | null }[]>`
      select me.username, t.uri, t.inbox_url, t.shared_inbox_url from accounts me, accounts t
      where me.id = ${payload.accountId} and me.domain is null
        and t.id = ${payload.targetAccountId} and t.domain is not null and t.uri is not null and t.inbox_url is not null`;
    if (!pair) return;
    const fctx = federationOf(ctx).federation.createContext(new URL(ctx.config.origin), ctx);
    const actor = fctx.getActorUri(pair.username);
    const block = new Block({ id: new URL(`${actor.href}#blocks/${payload.targetAccountId}`), actor, object: new URL(pair.uri) });
    const to = { id: new URL(pair.uri), inboxId: new URL(pair.inboxUrl), endpoints: pair.sharedInboxUrl ? { sharedInbox: new URL(pair.sharedInboxUrl) } : null };
    await fctx.sendActivity({ identifier: pair.username }, to, undo ? new Undo({ id: new URL(`${block.id!.href}/undo/${Date.now()}`), actor, object: block }) : block);
  };
  return {
    "block.created": (payload) => send(payload, false),
    "block.deleted": (payload) => send(payload, true),
  };
}
