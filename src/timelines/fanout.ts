import type { AppContext } from "../context.ts";
import type { DomainJobs } from "../jobs/handlers.ts";

/** Home feeds keep their newest entries; older ones are read from the author's own statuses. */
export const HOME_FEED_LIMIT = 800;

/**
 * Fan-out on write: a new status enters the home feed of its author and of every local
 * follower allowed to see it, in one set-based statement. Idempotent, so retries are safe.
 */
export async function fanOutStatus(ctx: AppContext, statusId: string): Promise<number> {
  const rows = await ctx.sql`
    insert into home_feed (account_id, status_id)
    select r.account_id, s.id from statuses s
    cross join lateral (
      select s.account_id
      union
      select f.account_id from follows f
      join accounts fa on fa.id = f.account_id and fa.domain is null
      where f.target_account_id = s.account_id
        and s.visibility in ('public', 'unlisted', 'private')
        and (s.reblog_of_id is null or f.show_reblogs)
      union
      select m.account_id from mentions m join accounts ma on ma.id = m.account_id and ma.domain is null where m.status_id = s.id
    ) r
    where s.id = ${statusId} and s.deleted_at is null
      and not exists (select 1 from mutes mu where mu.account_id = r.account_id and mu.target_account_id = s.account_id
                      and (mu.expires_at is null or mu.expires_at > now()))
      and not exists (select 1 from blocks b where b.account_id = r.account_id and b.target_account_id = s.account_id)
      and not exists (select 1 from home_feed h join statuses o on o.id = h.status_id
                      where s.reblog_of_id is not null and h.account_id = r.account_id
                        and (o.id = s.reblog_of_id or o.reblog_of_id = s.reblog_of_id))
    on conflict do nothing`;
  return rows.count;
}

/** The timelines domain's reactions to status events. */
export function timelineJobs(ctx: AppContext): DomainJobs {
  return {
    name: "timelines",
    on: {
      "status.created": async ({ statusId }: { statusId: string }) => {
        await fanOutStatus(ctx, statusId);
      },
      "status.deleted": async ({ statusId }: { statusId: string }) => {
        await ctx.sql`delete from home_feed where status_id = ${statusId}`;
      },
    },
  };
}
