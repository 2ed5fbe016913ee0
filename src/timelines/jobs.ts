import type { AppContext } from "../context.ts";
import type { DomainJobs } from "../jobs/handlers.ts";
import { fanOutStatus, notifySubscribers } from "./fanout.ts";
import { publishDirectEvent, publishStatusEvent } from "./publish.ts";
import { mergeIntoHome, unmergeFromHome } from "./merge.ts";

interface Pair {
  accountId: string;
  targetAccountId: string;
}

/**
 * Home feeds follow status events (fan-out on creation, removal on deletion, streams told of
 * both and of edits) and the social graph (a follow merges recent posts in, an unfollow or a
 * block takes them out).
 */
export function timelineJobs(ctx: AppContext): DomainJobs {
  return {
    name: "timelines",
    on: {
      "status.created": async ({ statusId }: { statusId: string }) => {
        await ctx.sql.begin(async (tx) => {
          const received = await fanOutStatus(tx, statusId);
          await notifySubscribers(tx, statusId, received);
        });
        // Stream to every feed holding the post, not only those this run inserted into: a
        // follow's merge may have put it there first, and a retried job inserts nothing.
        await publishStatusEvent(ctx, statusId, "update", await feedsHolding(ctx, statusId));
        await publishDirectEvent(ctx, statusId, "conversation");
      },
      "status.updated": async ({ statusId }: { statusId: string }) => {
        await publishStatusEvent(ctx, statusId, "status.update", await feedsHolding(ctx, statusId));
      },
      "status.deleted": async ({ statusId }: { statusId: string }) => {
        const rows = await ctx.sql<{ accountId: string }[]>`delete from home_feed where status_id = ${statusId} returning account_id`;
        await publishStatusEvent(ctx, statusId, "delete", rows.map((r) => r.accountId));
        await publishDirectEvent(ctx, statusId, "delete");
      },
      "follow.created": ({ accountId, targetAccountId }: Pair) => mergeIntoHome(ctx.sql, accountId, targetAccountId),
      "follow.deleted": ({ accountId, targetAccountId }: Pair) => unmergeFromHome(ctx.sql, accountId, targetAccountId),
      "block.created": async ({ accountId, targetAccountId }: Pair) => {
        await unmergeFromHome(ctx.sql, accountId, targetAccountId);
        await unmergeFromHome(ctx.sql, targetAccountId, accountId);
      },
    },
  };
}

async function feedsHolding(ctx: AppContext, statusId: string): Promise<string[]> {
  const rows = await ctx.sql<{ accountId: string }[]>`select account_id from home_feed where status_id = ${statusId}`;
  return rows.map((r) => r.accountId);
}
