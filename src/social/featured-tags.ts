import type { Db, Sql } from "../db/database.ts";
import { isId } from "../lib/ids.ts";
import { notFound, unprocessable } from "../lib/errors.ts";

/** Mastodon lets an account feature at most ten hashtags. */
export const FEATURED_TAGS_MAX = 10;
const TAG_NAME = /^[\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*$/u;
const TAG_NAME_MAX = 100;

/** A featured hashtag with the author's use of it. */
export interface FeaturedTagRow {
  id: string;
  name: string;
  statusesCount: number;
  lastStatusAt: Date | null;
}

/** The account's featured hashtags, oldest first, with how often and when it last used each. */
export async function listFeaturedTags(db: Db, accountId: string): Promise<FeaturedTagRow[]> {
  return db<FeaturedTagRow[]>`
    select ft.id, t.display_name as name, coalesce(u.n, 0)::int as statuses_count, u.last_at as last_status_at
    from featured_tags ft join tags t on t.id = ft.tag_id
    left join lateral (
      select count(*) as n, max(s.created_at) as last_at
      from status_tags st join statuses s on s.id = st.status_id
      where st.tag_id = ft.tag_id and s.account_id = ft.account_id and s.deleted_at is null
        and s.reblog_of_id is null and s.visibility in ('public', 'unlisted')
    ) u on true
    where ft.account_id = ${accountId}
    order by ft.id`;
}

/** Features a hashtag (`#` optional) on the account's profile, creating the tag if it is new. */
export async function featureTag(db: Sql, accountId: string, input: string): Promise<FeaturedTagRow> {
  const display = input.trim().replace(/^#/, "");
  if (!TAG_NAME.test(display) || [...display].length > TAG_NAME_MAX) {
    throw unprocessable("Name is not a valid hashtag", { name: [{ error: "ERR_INVALID", description: "is not a valid hashtag" }] });
  }
  const name = display.toLowerCase();
  const id = await db.begin(async (tx) => {
    await tx`select id from accounts where id = ${accountId} for update`;
    const [count] = await tx<{ n: number; taken: boolean }[]>`
      select count(*)::int as n, coalesce(bool_or(t.name = ${name}), false) as taken
      from featured_tags ft join tags t on t.id = ft.tag_id where ft.account_id = ${accountId}`;
    if (count!.taken) throw unprocessable("Tag has already been taken", { tag: [{ error: "ERR_TAKEN", description: "has already been taken" }] });
    if (count!.n >= FEATURED_TAGS_MAX) throw unprocessable(`You can only feature up to ${FEATURED_TAGS_MAX} hashtags`);
    const [tag] = await tx<{ id: string }[]>`
      insert into tags (name, display_name) values (${name}, ${display})
      on conflict (name) do update set name = excluded.name returning id`;
    const [row] = await tx<{ id: string }[]>`insert into featured_tags (account_id, tag_id) values (${accountId}, ${tag!.id}) returning id`;
    return row!.id;
  });
  const featured = (await listFeaturedTags(db, accountId)).find((t) => t.id === id);
  if (!featured) throw notFound();
  return featured;
}

/** Stops featuring a hashtag; 404 unless it is one of the account's own. */
export async function unfeatureTag(db: Db, accountId: string, id: string): Promise<void> {
  const [row] = isId(id) ? await db`delete from featured_tags where id = ${id} and account_id = ${accountId} returning id` : [];
  if (!row) throw notFound();
}

/** Hashtags the account used in the last 90 days and does not feature yet, most used first. */
export async function suggestFeaturedTags(db: Db, accountId: string, limit = 10): Promise<{ id: string; name: string; following: boolean }[]> {
  return db<{ id: string; name: string; following: boolean }[]>`
    select t.id, t.display_name as name,
      exists (select 1 from followed_tags f where f.account_id = ${accountId} and f.tag_id = t.id) as following
    from statuses s join status_tags st on st.status_id = s.id join tags t on t.id = st.tag_id
    where s.account_id = ${accountId} and s.deleted_at is null and s.created_at > now() - interval '90 days'
      and not exists (select 1 from featured_tags ft where ft.account_id = ${accountId} and ft.tag_id = t.id)
    group by t.id, t.display_name
    order by count(*) desc, max(s.id) desc
    limit ${limit}`;
}
