import type { AppContext } from "../context.ts";
import type { DomainJobs } from "../jobs/handlers.ts";
import { STREAM_NOTIFICATION_JOB } from "./notify.ts";

/** Pub/sub channel of one account's own events (notifications, home updates). */
export const userChannel = (accountId: string) => `user:${accountId}`;

/** Publishes committed notifications to their recipient's channel, for streaming connections. */
export function notificationJobs(ctx: AppContext): DomainJobs {
  return {
    name: "notifications",
    jobs: {
      [STREAM_NOTIFICATION_JOB]: async ({ notificationId }: { notificationId: string }) => {
        const [row] = await ctx.sql<{ accountId: string }[]>`select account_id from notifications where id = ${notificationId}`;
        if (row) await ctx.pubsub.publish(userChannel(row.accountId), { event: "notification", id: notificationId });
      },
    },
  };
}
