import type { AppContext } from "../context.ts";
import type { Db } from "../db/database.ts";
import { notFound } from "../lib/errors.ts";
import { isId } from "../lib/ids.ts";
import { deleteFollowRequest, insertFollow } from "./follow-rows.ts";

/** Accepts `requesterId`'s pending request to follow `ownerId`: the request becomes a follow. */
export async function authorizeFollowRequest(ctx: AppContext, ownerId: string, requesterId: string): Promise<void> {
  if (!isId(requesterId)) throw notFound();
  await ctx.sql.begin(async (tx) => {
    if (!(await acceptRequest(ctx, tx, ownerId, requesterId))) throw notFound();
  });
}

/** Refuses `requesterId`'s pending request to follow `ownerId`. */
export async function rejectFollowRequest(ctx: AppContext, ownerId: string, requesterId: string): Promise<void> {
  if (!isId(requesterId)) throw notFound();
  await ctx.sql.begin(async (tx) => {
    const request = await deleteFollowRequest(tx, requesterId, ownerId);
    if (!request) throw notFound();
    await ctx.events.emit(tx, "follow_request.rejected", { accountId: requesterId, targetAccountId: ownerId, followUri: request.uri });
  });
}

/** Accepts every pending request to follow `ownerId`, in the caller's transaction (on unlocking). */
export async function acceptAllFollowRequests(ctx: AppContext, tx: Db, ownerId: string): Promise<void> {
  const pending = await tx<{ accountId: string }[]>`
    select account_id from follow_requests where target_account_id = ${ownerId} order by id`;
  for (const { accountId } of pending) await acceptRequest(ctx, tx, ownerId, accountId);
}

async function acceptRequest(ctx: AppContext, tx: Db, ownerId: string, requesterId: string): Promise<boolean> {
  const request = await deleteFollowRequest(tx, requesterId, ownerId);
  if (!request) return false;
  await ctx.events.emit(tx, "follow_request.accepted", { accountId: requesterId, targetAccountId: ownerId, followUri: request.uri });
  if (await insertFollow(tx, requesterId, ownerId, request)) {
    await ctx.events.emit(tx, "follow.created", { accountId: requesterId, targetAccountId: ownerId });
  }
  return true;
}
