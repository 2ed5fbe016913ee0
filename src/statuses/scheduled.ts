import type { AppContext } from "../context.ts";
import type { DomainJobs } from "../jobs/handlers.ts";
import { enqueue } from "../jobs/queue.ts";
import { notFound, unprocessable } from "../lib/errors.ts";
import { checkMedia, createStatus, type NewStatus } from "./create.ts";
import { quoteTarget } from "./quotes.ts";

export const PUBLISH_SCHEDULED_JOB = "statuses.publish_scheduled";
const MIN_LEAD_MS = 5 * 60_000;

/** Schedules a status for later (at least five minutes ahead); the queue publishes it then. */
export async function scheduleStatus(ctx: AppContext, accountId: string, status: NewStatus, at: Date): Promise<string> {
  if (at.getTime() - Date.now() < MIN_LEAD_MS) throw unprocessable("Scheduled time must be at least 5 minutes in the future");
  await checkMedia(ctx.sql, accountId, status.mediaIds);
  // Refused quotes are refused now, not silently when the time comes (the check runs again then).
  if (status.quotedStatusId) await quoteTarget(ctx.sql, accountId, status.quotedStatusId);
  return ctx.sql.begin(async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      insert into scheduled_statuses (account_id, scheduled_at, params, media_ids, application_id)
      values (${accountId}, ${at}, ${tx.json({ ...status, idempotencyKey: null } as never)}, ${status.mediaIds}::bigint[], ${status.applicationId})
      returning id`;
    await enqueue(tx, PUBLISH_SCHEDULED_JOB, { scheduledId: row!.id }, { runAt: at });
    return row!.id;
  });
}

/** Moves a scheduled status to another time (the job checks the time it finds when it runs). */
export async function rescheduleStatus(ctx: AppContext, accountId: string, id: string, at: Date): Promise<void> {
  if (at.getTime() - Date.now() < MIN_LEAD_MS) throw unprocessable("Scheduled time must be at least 5 minutes in the future");
  await ctx.sql.begin(async (tx) => {
    const rows = await tx`update scheduled_statuses set scheduled_at = ${at} where id = ${id} and account_id = ${accountId} returning id`;
    if (rows.length === 0) throw notFound();
    await enqueue(tx, PUBLISH_SCHEDULED_JOB, { scheduledId: id }, { runAt: at });
  });
}

/** Publishes scheduled statuses whose time has come. */
export function scheduledJobs(ctx: AppContext): DomainJobs {
  return {
    name: "scheduled",
    jobs: {
      [PUBLISH_SCHEDULED_JOB]: async ({ scheduledId }: { scheduledId: string }) => {
        const [row] = await ctx.sql<{ accountId: string; params: NewStatus; due: boolean }[]>`
          select account_id, params, scheduled_at <= now() as due from scheduled_statuses where id = ${scheduledId}`;
        // Gone (cancelled or already published) or moved later: a newer job will handle it.
        if (!row || !row.due) return;
        // Publishing is idempotent by key, so a retry after a failure here never posts twice.
        await createStatus(ctx, row.accountId, { ...row.params, idempotencyKey: `scheduled:${scheduledId}` });
        await ctx.sql`delete from scheduled_statuses where id = ${scheduledId}`;
      },
    },
  };
}
