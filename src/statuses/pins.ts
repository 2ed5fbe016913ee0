import type { AppContext } from "../context.ts";
import { notFound, unprocessable } from "../lib/errors.ts";
import { visibleStatusFilter } from "./visibility.ts";

export const MAX_PINNED = 5;

/** Pins one of the author's own public or unlisted statuses to their profile (five at most). */
export async function pinStatus(ctx: AppContext, accountId: string, statusId: string): Promise<void> {
  await ctx.sql.begin(async (tx) => {
    const [status] = await tx<{ visibility: string }[]>`
      select visibility from statuses where id = ${statusId} and account_id = ${accountId} and deleted_at is null and reblog_of_id is null`;
    if (!status) throw notFound();
    if (status.visibility !== "public" && status.visibility !== "unlisted") throw unprocessable("Only public and unlisted statuses can be pinned");
    await tx`select pg_advisory_xact_lock(hashtext(${`pins:${accountId}`}))`;
    const [count] = await tx<{ n: number }[]>`select count(*)::int as n from status_pins where account_id = ${accountId}`;
    const inserted = count!.n < MAX_PINNED
      ? await tx`insert into status_pins (account_id, status_id) values (${accountId}, ${statusId}) on conflict do nothing returning id`
      : [];
    if (inserted.length === 0 && count!.n >= MAX_PINNED) throw unprocessable(`You can pin at most ${MAX_PINNED} statuses`);
  });
}

export async function unpinStatus(ctx: AppContext, accountId: string, statusId: string): Promise<void> {
  await ctx.sql`delete from status_pins where account_id = ${accountId} and status_id = ${statusId}`;
}

/** Mutes or unmutes the conversation of a status the viewer can see (no more notifications from it). */
export async function setConversationMute(ctx: AppContext, accountId: string, statusId: string, muted: boolean): Promise<void> {
  const [status] = await ctx.sql<{ conversationId: string | null }[]>`
    select s.conversation_id from statuses s where s.id = ${statusId} and ${visibleStatusFilter(ctx.sql, accountId)}`;
  if (!status) throw notFound();
  if (!status.conversationId) return;
  if (muted) await ctx.sql`insert into conversation_mutes (account_id, conversation_id) values (${accountId}, ${status.conversationId}) on conflict do nothing`;
  else await ctx.sql`delete from conversation_mutes where account_id = ${accountId} and conversation_id = ${status.conversationId}`;
}
