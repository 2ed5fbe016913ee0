import type { Context } from "@fedify/fedify";
import { Accept, Follow, Reject, Undo, type Recipient } from "@fedify/vocab";
import type { AppContext } from "../context.ts";
import { federationOf } from "./federation.ts";

/** The payload of follow events (see src/social/follow-requests.ts and follows.ts). */
interface FollowEvent {
  accountId: string;
  targetAccountId: string;
  followUri?: string | null;
}

interface Party {
  id: string;
  username: string;
  domain: string | null;
  uri: string | null;
  inboxUrl: string | null;
  sharedInboxUrl: string | null;
}

async function parties(ctx: AppContext, event: FollowEvent): Promise<[Party, Party] | undefined> {
  const rows = await ctx.sql<Party[]>`
    select id, username, domain, uri, inbox_url, shared_inbox_url from accounts
    where id in (${event.accountId}, ${event.targetAccountId})`;
  const follower = rows.find((r) => r.id === event.accountId);
  const target = rows.find((r) => r.id === event.targetAccountId);
  return follower && target ? [follower, target] : undefined;
}

function recipient(account: Party): Recipient | undefined {
  if (!account.uri || !account.inboxUrl) return undefined;
  return {
    id: new URL(account.uri),
    inboxId: new URL(account.inboxUrl),
    endpoints: account.sharedInboxUrl ? { sharedInbox: new URL(account.sharedInboxUrl) } : null,
  };
}

function fedifyContext(ctx: AppContext): Context<AppContext> {
  return federationOf(ctx).federation.createContext(new URL(ctx.config.origin), ctx);
}

/** The Follow a local account sends to a remote one; its id is stable so Accept can name it. */
function followActivity(fctx: Context<AppContext>, follower: Party, target: Party, uri?: string | null): Follow {
  const actor = follower.domain === null ? fctx.getActorUri(follower.username) : new URL(follower.uri!);
  const object = target.domain === null ? fctx.getActorUri(target.username) : new URL(target.uri!);
  return new Follow({ id: uri ? new URL(uri) : new URL(`${actor.href}#follows/${target.id}`), actor, object });
}

/**
 * Federation's reactions to follow events: a local account asking to follow a remote one sends
 * Follow; a local account deciding on a remote request sends Accept or Reject; unfollowing a
 * remote account sends Undo. Each goes out through Fedify's queue (our job queue).
 */
export function followSubscribers(ctx: AppContext): Record<string, (payload: FollowEvent) => Promise<void>> {
  return {
    "follow_request.created": async (event) => {
      const pair = await parties(ctx, event);
      if (!pair || pair[0].domain !== null || pair[1].domain === null) return;
      const [follower, target] = pair;
      const to = recipient(target);
      if (!to) return;
      const fctx = fedifyContext(ctx);
      const follow = followActivity(fctx, follower, target);
      await ctx.sql`update follow_requests set uri = ${follow.id!.href} where account_id = ${follower.id} and target_account_id = ${target.id}`;
      await fctx.sendActivity({ identifier: follower.username }, to, follow);
    },
    "follow_request.accepted": (event) => decide(ctx, event, "accept"),
    "follow_request.rejected": (event) => decide(ctx, event, "reject"),
    "follow.deleted": async (event) => {
      const pair = await parties(ctx, event);
      if (!pair || pair[0].domain !== null || pair[1].domain === null) return;
      const [follower, target] = pair;
      const to = recipient(target);
      if (!to) return;
      const fctx = fedifyContext(ctx);
      const follow = followActivity(fctx, follower, target);
      await fctx.sendActivity({ identifier: follower.username }, to, new Undo({
        id: new URL(`${follow.id!.href}/undo/${Date.now()}`), actor: follow.actorId, object: follow,
      }));
    },
  };
}

async function decide(ctx: AppContext, event: FollowEvent, decision: "accept" | "reject"): Promise<void> {
  const pair = await parties(ctx, event);
  // Only a remote requester of a local account is told; a remote target told us itself.
  if (!pair || pair[0].domain === null || pair[1].domain !== null) return;
  const [requester, owner] = pair;
  const to = recipient(requester);
  if (!to) return;
  const fctx = fedifyContext(ctx);
  const follow = followActivity(fctx, requester, owner, event.followUri);
  const actor = fctx.getActorUri(owner.username);
  const Type = decision === "accept" ? Accept : Reject;
  await fctx.sendActivity({ identifier: owner.username }, to, new Type({
    id: new URL(`${actor.href}#${decision}s/${encodeURIComponent(follow.id!.href)}`), actor, object: follow,
  }));
}
