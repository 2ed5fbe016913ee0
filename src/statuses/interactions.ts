import type { AppContext } from "../context.ts";
import type { Tx } from "../db/database.ts";
import { notFound, unprocessable } from "../lib/errors.ts";
import { createNotification } from "../notifications/notify.ts";
import { visibleStatusFilter } from "./visibility.ts";
import { releaseQuote } from "./quotes.ts";

/** A status the viewer can see and act on (not a reblog wrapper: actions go to the original). */
async function targetStatus(tx: Tx, viewerId: string, statusId: string) {
  const [row] = await tx<{ id: string; accountId: string; visibility: string; reblogOfId: string | null }[]>`
    select s.id, s.account_id, s.visibility, s.reblog_of_id from statuses s
    where s.id = ${statusId} and ${visibleStatusFilter(tx, viewerId)}`;
  if (!row) throw notFound();
  if (!row.reblogOfId) return row;
  return targetStatus(tx, viewerId, row.reblogOfId);
}

/** Favourites a status once; notifies its author and emits `favourite.created`. Returns the original's id. */
export async function favourite(ctx: AppContext, viewerId: string, statusId: string): Promise<string> {
  return ctx.sql.begin(async (tx) => {
    const target = await targetStatus(tx, viewerId, statusId);
    const inserted = await tx`insert into favourites (account_id, status_id) values (${viewerId}, ${target.id}) on conflict do nothing returning id`;
    if (inserted.length) {
      await tx`update statuses set favourites_count = favourites_count + 1 where id = ${target.id}`;
      await createNotification(tx, { accountId: target.accountId, fromAccountId: viewerId, type: "favourite", statusId: target.id });
      await ctx.events.emit(tx, "favourite.created", { accountId: viewerId, statusId: target.id });
    }
    return target.id;
  });
}

/** Withdraws a favourite, if there was one. */
export async function unfavourite(ctx: AppContext, viewerId: string, statusId: string): Promise<string> {
  return ctx.sql.begin(async (tx) => {
    const target = await targetStatus(tx, viewerId, statusId);
    const deleted = await tx`delete from favourites where account_id = ${viewerId} and status_id = ${target.id} returning id`;
    if (deleted.length) {
      await tx`update statuses set favourites_count = greatest(favourites_count - 1, 0) where id = ${target.id}`;
      await ctx.events.emit(tx, "favourite.deleted", { accountId: viewerId, statusId: target.id });
    }
    return target.id;
  });
}

/**
 * Boosts a status (a status row pointing at it); private and direct posts can't be boosted by
 * others. `announceUri` is the Announce's id when a remote account boosts. Returns the reblog's id.
 */
export async function reblog(ctx: AppContext, viewerId: string, statusId: string, visibility: "public" | "unlisted" | "private", announceUri: string | null = null): Promise<string> {
  return ctx.sql.begin(async (tx) => {
    const target = await targetStatus(tx, viewerId, statusId);
    if (target.visibility === "direct" || (target.visibility === "private" && target.accountId !== viewerId)) {
      throw unprocessable("This status can't be boosted");
    }
    const [existing] = await tx<{ id: string }[]>`
      select id from statuses where account_id = ${viewerId} and reblog_of_id = ${target.id} and deleted_at is null`;
    if (existing) return existing.id;
    const [row] = await tx<{ id: string }[]>`
      insert into statuses (account_id, reblog_of_id, visibility, local, uri) values (${viewerId}, ${target.id}, ${visibility}, ${announceUri === null}, ${announceUri}) returning id`;
    if (announceUri === null) {
      await tx`update statuses set uri = ${`${ctx.config.origin}/users/`} || (select username from accounts where id = ${viewerId}) || '/statuses/' || id || '/activity' where id = ${row!.id}`;
    }
    await tx`update statuses set reblogs_count = reblogs_count + 1 where id = ${target.id}`;
    await createNotification(tx, { accountId: target.accountId, fromAccountId: viewerId, type: "reblog", statusId: target.id });
    await ctx.events.emit(tx, "status.created", { statusId: row!.id });
    return row!.id;
  });
}

/** Undoes a boost, if there was one. Returns the original's id. */
export async function unreblog(ctx: AppContext, viewerId: string, statusId: string): Promise<string> {
  return ctx.sql.begin(async (tx) => {
    const target = await targetStatus(tx, viewerId, statusId);
    const removed = await tx<{ id: string }[]>`
      update statuses set deleted_at = now() where account_id = ${viewerId} and reblog_of_id = ${target.id} and deleted_at is null returning id`;
    for (const r of removed) {
      await tx`update statuses set reblogs_count = greatest(reblogs_count - 1, 0) where id = ${target.id}`;
      await ctx.events.emit(tx, "status.deleted", { statusId: r.id, accountId: viewerId });
    }
    return target.id;
  });
}

/** Bookmarks or un-bookmarks a visible status. Returns the original's id. */
export async function setBookmark(ctx: AppContext, viewerId: string, statusId: string, on: boolean): Promise<string> {
  return ctx.sql.begin(async (tx) => {
    const target = await targetStatus(tx, viewerId, statusId);
    if (on) await tx`insert into bookmarks (account_id, status_id) values (${viewerId}, ${target.id}) on conflict do nothing`;
    else await tx`delete from bookmarks where account_id = ${viewerId} and status_id = ${target.id}`;
    return target.id;
  });
}

/** Deletes the viewer's own status (soft delete, so it can be redrafted and tombstoned). */
export async function deleteStatus(ctx: AppContext, viewerId: string, statusId: string): Promise<void> {
  await ctx.sql.begin(async (tx) => {
    const [row] = await tx<{ inReplyToId: string | null }[]>`
      update statuses set deleted_at = now() where id = ${statusId} and account_id = ${viewerId} and deleted_at is null and reblog_of_id is null
      returning in_reply_to_id`;
    if (!row) throw notFound();
    await tx`update accounts set statuses_count = greatest(statuses_count - 1, 0) where id = ${viewerId}`;
    if (row.inReplyToId) await tx`update statuses set replies_count = greatest(replies_count - 1, 0) where id = ${row.inReplyToId}`;
    await releaseQuote(tx, statusId);
    const reblogs = await tx<{ id: string; accountId: string }[]>`
      update statuses set deleted_at = now() where reblog_of_id = ${statusId} and deleted_at is null returning id, account_id`;
    for (const r of [{ id: statusId, accountId: viewerId }, ...reblogs]) {
      await ctx.events.emit(tx, "status.deleted", { statusId: r.id, accountId: r.accountId });
    }
  });
}
