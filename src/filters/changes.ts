import type { AppContext } from "../context.ts";
import { channels } from "../timelines/publish.ts";

/**
 * Tells the account's streaming clients that its filters changed, so they fetch them again
 * (Mastodon's `filters_changed`). Sent after the change is committed; a lost message only
 * delays a client's refresh, so it does not need the job queue's durability.
 */
export async function announceFiltersChanged(ctx: AppContext, accountId: string): Promise<void> {
  await ctx.pubsub.publish(channels.user(accountId), { event: "filters_changed" });
}
