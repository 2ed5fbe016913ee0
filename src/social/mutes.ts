import type { AppContext } from "../context.ts";
import { requireAvailableAccount } from "../accounts/lookup.ts";
import { forbidden } from "../lib/errors.ts";

export interface MuteOptions {
  /** Also hide notifications from the account (default true). */
  notifications?: boolean | undefined;
  /** Seconds until the mute lapses; 0 or absent means indefinitely. */
  duration?: number | undefined;
}

/** Mutes `targetId`, or updates an existing mute's options. */
export async function muteAccount(ctx: AppContext, muterId: string, targetId: string, options: MuteOptions = {}): Promise<void> {
  const target = await requireAvailableAccount(ctx.sql, targetId);
  if (target.id === muterId) throw forbidden();
  const hide = options.notifications ?? true;
  const seconds = options.duration ?? 0;
  const expiresAt = seconds > 0 ? ctx.sql`now() + make_interval(secs => ${seconds})` : ctx.sql`null::timestamptz`;
  await ctx.sql`
    insert into mutes (account_id, target_account_id, hide_notifications, expires_at)
    values (${muterId}, ${target.id}, ${hide}, ${expiresAt})
    on conflict (account_id, target_account_id) do update
      set hide_notifications = excluded.hide_notifications, expires_at = excluded.expires_at`;
}

/** Lifts a mute; does nothing when there was none. */
export async function unmuteAccount(ctx: AppContext, muterId: string, targetId: string): Promise<void> {
  const target = await requireAvailableAccount(ctx.sql, targetId);
  await ctx.sql`delete from mutes where account_id = ${muterId} and target_account_id = ${target.id}`;
}
