import type { AppContext } from "../context.ts";
import { requireAvailableAccount } from "../accounts/lookup.ts";
import { unprocessable } from "../lib/errors.ts";

/** Mastodon caps personal notes at 2,000 characters. */
export const ACCOUNT_NOTE_MAX = 2000;

/** Features `targetId` on the user's profile; only accounts the user follows may be endorsed. */
export async function endorseAccount(ctx: AppContext, accountId: string, targetId: string): Promise<void> {
  const target = await requireAvailableAccount(ctx.sql, targetId);
  const [row] = await ctx.sql`
    insert into endorsements (account_id, target_account_id)
    select ${accountId}, ${target.id}
    where exists (select 1 from follows where account_id = ${accountId} and target_account_id = ${target.id})
    on conflict (account_id, target_account_id) do update set account_id = excluded.account_id
    returning id`;
  if (!row) {
    throw unprocessable("You must be already following the person you want to endorse");
  }
}

/** Stops featuring `targetId`. */
export async function unendorseAccount(ctx: AppContext, accountId: string, targetId: string): Promise<void> {
  const target = await requireAvailableAccount(ctx.sql, targetId);
  await ctx.sql`delete from endorsements where account_id = ${accountId} and target_account_id = ${target.id}`;
}

/** Sets the user's private note about `targetId`; an empty comment removes it. */
export async function setAccountNote(ctx: AppContext, accountId: string, targetId: string, comment: string): Promise<void> {
  if ([...comment].length > ACCOUNT_NOTE_MAX) {
    throw unprocessable(`Comment is too long (maximum is ${ACCOUNT_NOTE_MAX} characters)`);
  }
  const target = await requireAvailableAccount(ctx.sql, targetId);
  if (comment.trim() === "") {
    await ctx.sql`delete from account_notes where account_id = ${accountId} and target_account_id = ${target.id}`;
    return;
  }
  await ctx.sql`
    insert into account_notes (account_id, target_account_id, comment) values (${accountId}, ${target.id}, ${comment})
    on conflict (account_id, target_account_id) do update set comment = excluded.comment`;
}
