import type { AppContext } from "../context.ts";
import type { DomainJobs } from "../jobs/handlers.ts";
import { channels } from "../timelines/publish.ts";
import { STREAM_NOTIFICATION_JOB } from "./notify.ts";

/** Publishes committed notifications to their recipient's channel, for streaming connections. */
export function notificationJobs(ctx: AppContext): DomainJobs {
  return {
    name: "notifications",
    jobs: {
      [STREAM_NOTIFICATION_JOB]: async ({ notificationId }: { notificationId: string }) => {
        const [row] = await ctx.sql<{ accountId: string }[]>`
          select account_id from notifications where id = ${notificationId} and not filtered`;
        if (row) await ctx.pubsub.publish(channels.user(row.accountId), { event: "notification", id: notificationId });
      },
    },
  };
}
