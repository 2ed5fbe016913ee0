import type { AppContext } from "../context.ts";
import { notFound } from "../lib/errors.ts";
import { isId } from "../lib/ids.ts";
import { deleteFollowRequest, insertFollow } from "./follow-rows.ts";

/** Accepts `requesterId`'s pending request to follow `ownerId`: the request becomes a follow. */
export async function authorizeFollowRequest(ctx: AppContext, ownerId: string, requesterId: string): Promise<void> {
  if (!isId(requesterId)) throw notFound();
  await ctx.sql.begin(async (tx) => {
    const request = await deleteFollowRequest(tx, requesterId, ownerId);
    if (!request) throw notFound();
    await ctx.events.emit(tx, "follow_request.accepted", { accountId: requesterId, targetAccountId: ownerId });
    if (await insertFollow(tx, requesterId, ownerId, request)) {
      await ctx.events.emit(tx, "follow.created", { accountId: requesterId, targetAccountId: ownerId });
    }
  });
}

/** Refuses `requesterId`'s pending request to follow `ownerId`. */
export async function rejectFollowRequest(ctx: AppContext, ownerId: string, requesterId: string): Promise<void> {
  if (!isId(requesterId)) throw notFound();
  await ctx.sql.begin(async (tx) => {
    const request = await deleteFollowRequest(tx, requesterId, ownerId);
    if (!request) throw notFound();
    await ctx.events.emit(tx, "follow_request.rejected", { accountId: requesterId, targetAccountId: ownerId });
  });
}
