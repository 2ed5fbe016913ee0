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
        const recipients = await ctx.sql.begin(async (tx) => {
          const received = await fanOutStatus(tx, statusId);
          await notifySubscribers(tx, statusId, received);
          return received;
        });
        await publishStatusEvent(ctx, statusId, "update", recipients);
        await publishDirectEvent(ctx, statusId, "conversation");
      },
      "status.updated": async ({ statusId }: { statusId: string }) => {
        const rows = await ctx.sql<{ accountId: string }[]>`select account_id from home_feed where status_id = ${statusId}`;
        await publishStatusEvent(ctx, statusId, "status.update", rows.map((r) => r.accountId));
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
