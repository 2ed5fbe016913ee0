import type { AppContext } from "../context.ts";
import type { DomainJobs } from "../jobs/handlers.ts";

/** Home feeds keep their newest entries; older ones are read from the author's own statuses. */
export const HOME_FEED_LIMIT = 800;

/**
 * Fan-out on write: a new status enters the home feed of its author and of every local
 * follower allowed to see it, in one set-based statement. Idempotent, so retries are safe.
 */
export async function fanOutStatus(ctx: AppContext, statusId: string): Promise<number> {
  const rows = await ctx.sql<{ accountId: string }[]>`
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
      select ft.account_id from followed_tags ft join status_tags st on st.tag_id = ft.tag_id
      where st.status_id = s.id and s.visibility = 'public' and s.reblog_of_id is null
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
    on conflict do nothing
    returning account_id`;
  for (const r of rows) await ctx.pubsub.publish(`user:${r.accountId}`, { event: "update", id: statusId });
  await publishToPublicStreams(ctx, statusId, "update");
  return rows.length;
}

/** Public statuses also go to the public and hashtag streams. */
async function publishToPublicStreams(ctx: AppContext, statusId: string, event: "update" | "delete" | "status.update") {
  const [status] = await ctx.sql<{ local: boolean; tags: string[] }[]>`
    select s.local, coalesce(array_agg(t.name) filter (where t.name is not null), '{}') as tags
    from statuses s left join status_tags st on st.status_id = s.id left join tags t on t.id = st.tag_id
    where s.id = ${statusId} and s.visibility = 'public' and s.reblog_of_id is null group by s.id`;
  if (!status) return;
  const locality = status.local ? "local" : "remote";
  const channels = ["timeline:public", `timeline:public:${locality}`, ...status.tags.flatMap((t) => [`timeline:hashtag:${t}`, ...(status.local ? [`timeline:hashtag:local:${t}`] : [])])];
  for (const channel of channels) await ctx.pubsub.publish(channel, { event, id: statusId });
}

/** The timelines domain's reactions to status events. */
export function timelineJobs(ctx: AppContext): DomainJobs {
  return {
    name: "timelines",
    on: {
      "status.created": async ({ statusId }: { statusId: string }) => {
        await fanOutStatus(ctx, statusId);
      },
      "status.updated": async ({ statusId }: { statusId: string }) => {
        const rows = await ctx.sql<{ accountId: string }[]>`select account_id from home_feed where status_id = ${statusId}`;
        for (const r of rows) await ctx.pubsub.publish(`user:${r.accountId}`, { event: "status.update", id: statusId });
        await publishToPublicStreams(ctx, statusId, "status.update");
      },
      "status.deleted": async ({ statusId }: { statusId: string }) => {
        const rows = await ctx.sql<{ accountId: string }[]>`delete from home_feed where status_id = ${statusId} returning account_id`;
        for (const r of rows) await ctx.pubsub.publish(`user:${r.accountId}`, { event: "delete", id: statusId });
        await publishToPublicStreams(ctx, statusId, "delete");
      },
    },
  };
}
