import type { AppContext } from "../context.ts";
import type { Db } from "../db/database.ts";
import { requireAvailableAccount } from "../accounts/lookup.ts";
import { createNotification } from "../notifications/notify.ts";
import { forbidden } from "../lib/errors.ts";
import { deleteFollow, deleteFollowRequest, insertFollow, type FollowOptions, type StoredFollowOptions } from "./follow-rows.ts";

export type FollowOutcome = "following" | "requested" | "updated";

/**
 * Follows `targetId`, or asks to when the target is locked or remote (a remote follow stays
 * pending until federation brings the Accept). Following again only updates the options.
 */
export async function followAccount(ctx: AppContext, followerId: string, targetId: string, options: FollowOptions = {}): Promise<FollowOutcome> {
  return ctx.sql.begin(async (tx) => {
    const target = await requireAvailableAccount(tx, targetId);
    await assertMayFollow(tx, followerId, target.id, target.domain, target.movedToAccountId);
    if (await updateExisting(tx, followerId, target.id, options)) return "updated";
    const stored: StoredFollowOptions = {
      showReblogs: options.reblogs ?? true,
      notify: options.notify ?? false,
      languages: options.languages ?? null,
    };
    if (target.locked || target.domain !== null) {
      const created = await insertFollowRequest(tx, followerId, target.id, stored);
      if (created) {
        if (target.domain === null) await createNotification(tx, { accountId: target.id, fromAccountId: followerId, type: "follow_request" });
        await ctx.events.emit(tx, "follow_request.created", { accountId: followerId, targetAccountId: target.id });
      }
      return "requested";
    }
    if (await insertFollow(tx, followerId, target.id, stored)) {
      await createNotification(tx, { accountId: target.id, fromAccountId: followerId, type: "follow" });
      await ctx.events.emit(tx, "follow.created", { accountId: followerId, targetAccountId: target.id });
    }
    return "following";
  });
}

/** Stops following `targetId`, or withdraws the pending request. Both emit `follow.deleted`. */
export async function unfollowAccount(ctx: AppContext, followerId: string, targetId: string): Promise<void> {
  await ctx.sql.begin(async (tx) => {
    const target = await requireAvailableAccount(tx, targetId);
    await deleteFollow(ctx, tx, followerId, target.id);
    if (await deleteFollowRequest(tx, followerId, target.id)) {
      // Federation turns this into an Undo of the pending Follow.
      await ctx.events.emit(tx, "follow.deleted", { accountId: followerId, targetAccountId: target.id });
    }
  });
}

/** Makes `followerId` stop following `ownerId` (a "soft block" without the block). */
export async function removeFromFollowers(ctx: AppContext, ownerId: string, followerId: string): Promise<void> {
  await ctx.sql.begin(async (tx) => {
    const follower = await requireAvailableAccount(tx, followerId);
    await deleteFollow(ctx, tx, follower.id, ownerId);
  });
}

async function assertMayFollow(tx: Db, followerId: string, targetId: string, targetDomain: string | null, movedTo: string | null): Promise<void> {
  if (followerId === targetId) throw forbidden();
  if (movedTo) throw forbidden("This account has moved");
  const [row] = await tx<{ blocked: boolean; domainBlocked: boolean }[]>`
    select exists (select 1 from blocks where (account_id = ${targetId} and target_account_id = ${followerId})
                                           or (account_id = ${followerId} and target_account_id = ${targetId})) as blocked,
           exists (select 1 from account_domain_blocks where account_id = ${followerId} and domain = lower(${targetDomain ?? ""})) as domain_blocked`;
  if (row!.blocked || row!.domainBlocked) throw forbidden();
}

async function updateExisting(tx: Db, followerId: string, targetId: string, o: FollowOptions): Promise<boolean> {
  const reblogs = o.reblogs ?? null;
  const notify = o.notify ?? null;
  const languages = o.languages === undefined ? tx`languages` : tx`${o.languages}::text[]`;
  const [follow] = await tx`
    update follows set show_reblogs = coalesce(${reblogs}, show_reblogs), notify = coalesce(${notify}, notify), languages = ${languages}
    where account_id = ${followerId} and target_account_id = ${targetId} returning id`;
  if (follow) return true;
  const [request] = await tx`
    update follow_requests set show_reblogs = coalesce(${reblogs}, show_reblogs), notify = coalesce(${notify}, notify), languages = ${languages}
    where account_id = ${followerId} and target_account_id = ${targetId} returning id`;
  return request !== undefined;
}

async function insertFollowRequest(tx: Db, followerId: string, targetId: string, o: StoredFollowOptions): Promise<boolean> {
  const [row] = await tx`
    insert into follow_requests (account_id, target_account_id, show_reblogs, notify, languages)
    values (${followerId}, ${targetId}, ${o.showReblogs}, ${o.notify}, ${o.languages})
    on conflict (account_id, target_account_id) do nothing returning id`;
  return row !== undefined;
}
