import { Hono } from "hono";
import type { AppContext } from "../../context.ts";
import { notFound, unprocessable } from "../../lib/errors.ts";
import { authed, optionalViewerId, tokenOptional, viewerId } from "../http/auth.ts";
import { pageParams, setLinkHeader } from "../http/pagination.ts";
import type { Env } from "../http/env.ts";

interface TagRow {
  id: string;
  name: string;
  displayName: string;
}

const TAG_NAME = /^[\p{L}\p{N}_]{1,100}$/u;

/** Tags: their page with a week of history, following them, and the followed list. */
export function tagRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;

  async function entity(tag: TagRow, viewer: string | null) {
    const history = await sql<{ day: Date; uses: number; accounts: number }[]>`
      select d.day, count(s.id)::int as uses, count(distinct s.account_id)::int as accounts
      from generate_series(date_trunc('day', now()) - interval '6 days', date_trunc('day', now()), interval '1 day') as d(day)
      left join status_tags st on st.tag_id = ${tag.id}
      left join statuses s on s.id = st.status_id and s.deleted_at is null and s.created_at >= d.day and s.created_at < d.day + interval '1 day'
      group by d.day order by d.day desc`;
    const [following] = viewer ? await sql`select 1 from followed_tags where account_id = ${viewer} and tag_id = ${tag.id}` : [];
    return {
      id: tag.id,
      name: tag.displayName,
      url: `${ctx.config.origin}/tags/${encodeURIComponent(tag.name)}`,
      history: history.map((h) => ({ day: String(Math.floor(new Date(h.day).getTime() / 1000)), uses: String(h.uses), accounts: String(h.accounts) })),
      following: Boolean(following),
    };
  }

  async function findOrCreate(name: string, create: boolean): Promise<TagRow> {
    if (!TAG_NAME.test(name)) throw create ? unprocessable("Name is not a valid hashtag") : notFound();
    const lower = name.toLowerCase();
    const [tag] = create
      ? await sql<TagRow[]>`insert into tags (name, display_name) values (${lower}, ${name}) on conflict (name) do update set name = excluded.name returning id, name, display_name`
      : await sql<TagRow[]>`select id, name, display_name from tags where name = ${lower}`;
    if (!tag) throw notFound();
    return tag;
  }

  app.get("/api/v1/tags/:name", tokenOptional(ctx), async (c) => c.json(await entity(await findOrCreate(c.req.param("name"), false), optionalViewerId(c))));

  app.post("/api/v1/tags/:name/follow", authed(ctx, "write:follows"), async (c) => {
    const tag = await findOrCreate(c.req.param("name"), true);
    await sql`insert into followed_tags (account_id, tag_id) values (${viewerId(c)}, ${tag.id}) on conflict do nothing`;
    return c.json(await entity(tag, viewerId(c)));
  });

  app.post("/api/v1/tags/:name/unfollow", authed(ctx, "write:follows"), async (c) => {
    const tag = await findOrCreate(c.req.param("name"), false);
    await sql`delete from followed_tags where account_id = ${viewerId(c)} and tag_id = ${tag.id}`;
    return c.json(await entity(tag, viewerId(c)));
  });

  app.get("/api/v1/followed_tags", authed(ctx, "read:follows"), async (c) => {
    const me = viewerId(c);
    const page = pageParams(c.req.query(), 100, 200);
    const rows = await sql<(TagRow & { tagId: string })[]>`
      select t.id, t.id as tag_id, t.name, t.display_name from followed_tags ft join tags t on t.id = ft.tag_id
      where ft.account_id = ${me} ${page.maxId ? sql`and t.id < ${page.maxId}` : sql``} ${page.sinceId ? sql`and t.id > ${page.sinceId}` : sql``}
      order by t.id desc limit ${page.limit}`;
    setLinkHeader(c, ctx.config.origin, rows.map((r) => r.id));
    return c.json(await Promise.all(rows.map((r) => entity(r, me))));
  });

  return app;
}
