import { Announce, PUBLIC_COLLECTION, Undo, type Recipient } from "@fedify/vocab";
import type { AppContext } from "../context.ts";
import { federationOf } from "./federation.ts";

interface BoostRow {
  uri: string;
  username: string;
  accountId: string;
  originalUri: string;
  originalAuthorId: string;
  deletedAt: Date | null;
}

async function loadBoost(ctx: AppContext, statusId: string): Promise<BoostRow | undefined> {
  const [row] = await ctx.sql<BoostRow[]>`
    select b.uri, a.username, a.id as account_id, o.uri as original_uri, o.account_id as original_author_id, b.deleted_at
    from statuses b join accounts a on a.id = b.account_id join statuses o on o.id = b.reblog_of_id
    where b.id = ${statusId} and b.local and a.domain is null and o.visibility in ('public', 'unlisted')`;
  return row;
}

/** The booster's remote followers and the original's remote author, one entry each. */
async function recipients(ctx: AppContext, boost: BoostRow): Promise<Recipient[]> {
  const rows = await ctx.sql<{ uri: string; inboxUrl: string; sharedInboxUrl: string | null }[]>`
    select distinct a.uri, a.inbox_url, a.shared_inbox_url from accounts a
    where a.domain is not null and a.inbox_url is not null and a.suspended_at is null
      and (a.id = ${boost.originalAuthorId} or a.id in (select account_id from follows where target_account_id = ${boost.accountId}))`;
  return rows.map((r) => ({ id: new URL(r.uri), inboxId: new URL(r.inboxUrl), endpoints: r.sharedInboxUrl ? { sharedInbox: new URL(r.sharedInboxUrl) } : null }));
}

/** Local boosts go out as Announce; withdrawing one sends Undo(Announce). */
export function announceSubscribers(ctx: AppContext): Record<string, (payload: { statusId: string }) => Promise<void>> {
  const send = async (statusId: string, undo: boolean) => {
    const boost = await loadBoost(ctx, statusId);
    if (!boost || (boost.deletedAt !== null) !== undo) return;
    const to = await recipients(ctx, boost);
    if (to.length === 0) return;
    const fctx = federationOf(ctx).federation.createContext(new URL(ctx.config.origin), ctx);
    const actor = fctx.getActorUri(boost.username);
    const announce = new Announce({
      id: new URL(boost.uri), actor, object: new URL(boost.originalUri), tos: [PUBLIC_COLLECTION], ccs: [fctx.getFollowersUri(boost.username)],
    });
    const activity = undo ? new Undo({ id: new URL(`${boost.uri}#undo`), actor, object: announce }) : announce;
    await fctx.sendActivity({ identifier: boost.username }, to, activity, { preferSharedInbox: true });
  };
  return {
    "status.created": ({ statusId }) => send(statusId, false),
    "status.deleted": ({ statusId }) => send(statusId, true),
  };
}
