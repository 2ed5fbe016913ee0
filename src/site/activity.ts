import type { Db } from "../db/database.ts";

export interface WeekActivity {
  week: Date;
  statuses: number;
  logins: number;
  registrations: number;
}

/**
 * Local activity per week (weeks start on Monday, UTC), newest first, `weeks` of them including
 * the current one: statuses posted here, distinct users who signed in (a token issued to them or
 * a web sign-in that week), and accounts registered.
 */
export function weeklyActivity(db: Db, weeks = 12): Promise<WeekActivity[]> {
  return db<WeekActivity[]>`
    with w as (
      select generate_series(date_trunc('week', now() at time zone 'utc') - (${weeks - 1} * interval '1 week'),
                             date_trunc('week', now() at time zone 'utc'), interval '1 week') at time zone 'utc' as week
    )
    select w.week,
      (select count(*) from statuses s where s.local and s.created_at >= w.week and s.created_at < w.week + interval '1 week')::int as statuses,
      (select count(distinct u) from (
         select t.user_id as u from oauth_tokens t where t.user_id is not null and t.created_at >= w.week and t.created_at < w.week + interval '1 week'
         union all
         select us.id from users us where us.last_sign_in_at >= w.week and us.last_sign_in_at < w.week + interval '1 week') l)::int as logins,
      (select count(*) from users us where us.created_at >= w.week and us.created_at < w.week + interval '1 week')::int as registrations
    from w order by w.week desc`;
}
