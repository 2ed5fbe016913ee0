import type { AppContext } from "../context.ts";
import { requireAvailableAccount } from "../accounts/lookup.ts";
import { forbidden } from "../lib/errors.ts";
import { deleteFollow, deleteFollowRequest } from "./follow-rows.ts";

/**
 * Blocks `targetId`: follows both ways and pending requests both ways end in the same
 * transaction (counters adjusted), and endorsements of the target go with the follow.
 */
export async function blockAccount(ctx: AppContext, blockerId: string, targetId: string): Promise<void> {
  await ctx.sql.begin(async (tx) => {
    const target = await requireAvailableAccount(tx, targetId);
    if (target.id === blockerId) throw forbidden();
    const [row] = await tx`
      insert into blocks (account_id, target_account_id) values (${blockerId}, ${target.id})
      on conflict (account_id, target_account_id) do nothing returning id`;
    if (!row) return;
    for (const [from, to] of [[blockerId, target.id], [target.id, blockerId]] as const) {
      await deleteFollow(ctx, tx, from, to);
      if (await deleteFollowRequest(tx, from, to)) {
        await ctx.events.emit(tx, "follow_request.rejected", { accountId: from, targetAccountId: to });
      }
    }
    await tx`delete from endorsements where account_id = ${blockerId} and target_account_id = ${target.id}`;
    await ctx.events.emit(tx, "block.created", { accountId: blockerId, targetAccountId: target.id });
  });
}

/** Lifts a block; does nothing when there was none. */
export async function unblockAccount(ctx: AppContext, blockerId: string, targetId: string): Promise<void> {
  await ctx.sql.begin(async (tx) => {
    const target = await requireAvailableAccount(tx, targetId);
    const [row] = await tx`delete from blocks where account_id = ${blockerId} and target_account_id = ${target.id} returning id`;
    if (row) await ctx.events.emit(tx, "block.deleted", { accountId: blockerId, targetAccountId: target.id });
  });
}
