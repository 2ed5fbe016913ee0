import type { AppContext } from "../context.ts";
import type { Db } from "../db/database.ts";
import type { DomainJobs } from "../jobs/handlers.ts";
import { enqueue } from "../jobs/queue.ts";
import { getSetting, setSetting } from "../site/settings.ts";

export const REFRESH_TRENDS_JOB = "trends:refresh";
/** Trends older than this are recomputed on the next read (by a job, not the request). */
const STALE_MS = 10 * 60 * 1000;
/** How many of each kind are kept. */
const KEEP = 100;

// Posts that may trend: public, local, by discoverable accounts in good standing, from the last 7 days.
const trendable = (db: Db) => db`s.visibility = 'public' and s.local and s.deleted_at is null and s.reblog_of_id is null
  and s.created_at > now() - interval '7 days'
  and exists (select 1 from accounts a where a.id = s.account_id and a.discoverable and a.suspended_at is null and a.silenced_at is null)`;

// Seven days of history (newest first) from rows (day, uses, accounts) of one key.
const HISTORY = `(select coalesce(jsonb_agg(jsonb_build_object('day', extract(epoch from d.day)::bigint::text,
    'uses', coalesce(h.uses, 0)::text, 'accounts', coalesce(h.accounts, 0)::text) order by d.day desc), '[]')
  from generate_series(date_trunc('day', now()) - interval '6 days', date_trunc('day', now()), interval '1 day') d(day)
  left join daily h on h.key = r.key and h.day = d.day)`;

/**
 * Recomputes the trends from recent local activity. Tags: distinct accounts using them each
 * day, recent days weighing more; at least two accounts. Statuses: reblogs and favourites of
 * the last two days. Links: URLs in posts, by distinct accounts sharing them.
 */
export async function refreshTrends(ctx: AppContext): Promise<void> {
  await ctx.sql.begin(async (tx) => {
    await tx`delete from trends`;
    await tx`
      with daily as (
        select st.tag_id::text as key, date_trunc('day', s.created_at) as day, count(*) as uses, count(distinct s.account_id) as accounts
        from status_tags st join statuses s on s.id = st.status_id join tags t on t.id = st.tag_id
        where t.trendable and t.usable and ${trendable(tx)}
        group by 1, 2),
      ranked as (
        select key, sum(accounts * (7 - extract(day from date_trunc('day', now()) - day)) / 7.0) as score
        from daily group by key
        having (select count(distinct s.account_id) from status_tags st join statuses s on s.id = st.status_id
                where st.tag_id::text = daily.key and ${trendable(tx)}) >= 2)
      insert into trends (kind, rank, key, score, history)
      select 'tag', row_number() over (order by r.score desc, r.key), r.key, r.score, ${tx.unsafe(HISTORY)}
      from ranked r order by r.score desc, r.key limit ${KEEP}`;
    await tx`
      insert into trends (kind, rank, key, score)
      select 'status', row_number() over (order by x.score desc, x.id desc), x.id::text, x.score from (
        select s.id,
          (select count(*) from favourites f where f.status_id = s.id and f.account_id <> s.account_id and f.created_at > now() - interval '2 days')
          + (select count(*) from statuses r where r.reblog_of_id = s.id and r.account_id <> s.account_id and r.deleted_at is null
             and r.created_at > now() - interval '2 days') as score
        from statuses s where ${trendable(tx)}) x
      where x.score > 0 order by x.score desc, x.id desc limit ${KEEP}`;
    await tx`
      with shared as (
        select distinct s.id, s.account_id, s.created_at,
          regexp_replace(m[1], '[.,;:!?)\\]]+$', '') as key
        from statuses s, regexp_matches(s.text, '(https?://[^\\s<>"'']+)', 'g') as m
        where ${trendable(tx)}),
      daily as (
        select key, date_trunc('day', created_at) as day, count(*) as uses, count(distinct account_id) as accounts from shared group by 1, 2),
      ranked as (select key, count(distinct account_id)::float as score from shared group by key having count(distinct account_id) >= 2)
      insert into trends (kind, rank, key, score, history)
      select 'link', row_number() over (order by r.score desc, r.key), r.key, r.score, ${tx.unsafe(HISTORY)}
      from ranked r order by r.score desc, r.key limit ${KEEP}`;
    await setSetting(tx, "trends_refreshed_at", new Date().toISOString());
  });
}

/** Asks for a refresh when the trends are stale and none is pending; reads never compute. */
export async function refreshIfStale(ctx: AppContext): Promise<void> {
  const at = await getSetting<string>(ctx.sql, "trends_refreshed_at");
  if (at && Date.now() - Date.parse(at.value) < STALE_MS) return;
  const [pending] = await ctx.sql`select 1 from jobs where kind = ${REFRESH_TRENDS_JOB} and failed_at is null limit 1`;
  if (!pending) await enqueue(ctx.sql, REFRESH_TRENDS_JOB, {}, { maxAttempts: 3 });
}

/** The trends refresh job. */
export function trendJobs(ctx: AppContext): DomainJobs {
  return { name: "trends", jobs: { [REFRESH_TRENDS_JOB]: () => refreshTrends(ctx) } };
}
