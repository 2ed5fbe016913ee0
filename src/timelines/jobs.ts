import type { AppContext } from "../context.ts";
import type { DomainJobs } from "../jobs/handlers.ts";
import { fanOutStatus, notifySubscribers } from "./fanout.ts";
import { publishDirectEvent, publishStatusEvent } from "./publish.ts";
import { trimDue, trimHomeFeeds } from "./home-cap.ts";
import { homeFeedHolders, mergeIntoHome, unmergeFromHome } from "./merge.ts";

interface Pair {
  accountId: string;
  targetAccountId: string;
}

/**
 * Home feeds follow status events (fan-out on creation, capped at HOME_FEED_LIMIT entries,
 * removal on deletion, streams told of both and of edits) and the social graph (a follow
 * merges recent posts in, an unfollow or a block takes them out).
 */
export function timelineJobs(ctx: AppContext): DomainJobs {
  return {
    name: "timelines",
    on: {
      "status.created": async ({ statusId }: { statusId: string }) => {
        // Stream to (and notify) every feed that holds the post now, not only those fan-out
        // inserted into: a follow's merge may have put it there first, and merges do neither.
        const holders = await ctx.sql.begin(async (tx) => {
          await fanOutStatus(tx, statusId);
          const inFeed = await homeFeedHolders(tx, statusId);
          await notifySubscribers(tx, statusId, inFeed);
          return inFeed;
        });
        await publishStatusEvent(ctx, statusId, "update", holders);
        await trimHomeFeeds(ctx.sql, holders.filter((id) => trimDue(statusId, id)));
        await publishDirectEvent(ctx, statusId, "conversation");
      },
      "status.updated": async ({ statusId }: { statusId: string }) => {
        await publishStatusEvent(ctx, statusId, "status.update", await homeFeedHolders(ctx.sql, statusId));
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
