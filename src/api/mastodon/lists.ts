import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { isId } from "../../lib/ids.ts";
import { findAccount } from "../../accounts/queries.ts";
import { notFound, unprocessable } from "../../lib/errors.ts";
import { visibleStatusFilter } from "../../statuses/visibility.ts";
import { notMutedFilter } from "../../timelines/filters.ts";
import { listRepliesPolicy } from "../../timelines/publish.ts";
import { readParams, validate, zBool, zList } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import { finishPage, pageFilter, pageOrder, pageParams, setLinkHeader } from "../http/pagination.ts";
import type { Env } from "../http/env.ts";
import { serializeAccountsById } from "./entities/account-list.ts";
import { serializeStatuses } from "./entities/status.ts";

interface ListRow {
  id: string;
  title: string;
  repliesPolicy: string;
  exclusive: boolean;
}

/** Members per list, as Mastodon's own cap on list size. */
const MAX_MEMBERS = 500;

const listSchema = z.object({
  title: z.string().trim().min(1).max(100),
  replies_policy: z.enum(["followed", "list", "none"]).default("list"),
  exclusive: zBool.default(false),
});

const serializeList = (l: ListRow) => ({ id: l.id, title: l.title, replies_policy: l.repliesPolicy, exclusive: l.exclusive });

/** Lists of followed accounts and their timelines. */
export function listRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;
  const read = authed(ctx, "read:lists");
  const write = authed(ctx, "write:lists");

  async function ownList(owner: string, id: string): Promise<ListRow> {
    if (!isId(id)) throw notFound();
    const [list] = await sql<ListRow[]>`select id, title, replies_policy, exclusive from lists where id = ${id} and account_id = ${owner}`;
    if (!list) throw notFound();
    return list;
  }

  app.get("/api/v1/lists", read, async (c) => {
    const rows = await sql<ListRow[]>`select id, title, replies_policy, exclusive from lists where account_id = ${viewerId(c)} order by id`;
    return c.json(rows.map(serializeList));
  });
  app.post("/api/v1/lists", write, async (c) => {
    const p = validate(listSchema, await readParams(c));
    const [row] = await sql<ListRow[]>`
      insert into lists (account_id, title, replies_policy, exclusive) values (${viewerId(c)}, ${p.title}, ${p.replies_policy}, ${p.exclusive})
      returning id, title, replies_policy, exclusive`;
    return c.json(serializeList(row!));
  });
  app.get("/api/v1/lists/:id", read, async (c) => c.json(serializeList(await ownList(viewerId(c), c.req.param("id")))));
  app.put("/api/v1/lists/:id", write, async (c) => {
    const list = await ownList(viewerId(c), c.req.param("id"));
    const p = validate(listSchema.partial(), await readParams(c));
    const [row] = await sql<ListRow[]>`
      update lists set title = ${p.title ?? list.title}, replies_policy = ${p.replies_policy ?? list.repliesPolicy}, exclusive = ${p.exclusive ?? list.exclusive}
      where id = ${list.id} returning id, title, replies_policy, exclusive`;
    return c.json(serializeList(row!));
  });
  app.delete("/api/v1/lists/:id", write, async (c) => {
    const list = await ownList(viewerId(c), c.req.param("id"));
    await sql`delete from lists where id = ${list.id}`;
    return c.json({});
  });

  app.get("/api/v1/lists/:id/accounts", read, async (c) => {
    const list = await ownList(viewerId(c), c.req.param("id"));
    const query = c.req.query();
    // As Mastodon, `limit=0` lists every member at once (bounded here by the membership cap).
    const page = query.limit === "0" ? { ...pageParams({ ...query, limit: undefined }), limit: MAX_MEMBERS } : pageParams(query, 40, 80);
    const rows = await sql<{ accountId: string }[]>`
      select account_id from list_accounts where list_id = ${list.id} ${pageFilter(sql, page, "account_id")}
      ${pageOrder(sql, page, "account_id")} limit ${page.limit}`;
    const ids = finishPage(rows, page).map((r) => r.accountId);
    if (query.limit !== "0") setLinkHeader(c, ctx.config.origin, ids);
    return c.json(await serializeAccountsById(ctx, ids));
  });
  app.post("/api/v1/lists/:id/accounts", write, async (c) => {
    const me = viewerId(c);
    const list = await ownList(me, c.req.param("id"));
    const p = validate(z.object({ account_ids: zList(z.string().refine(isId, "is not a valid id")).pipe(z.array(z.string()).min(1).max(100)) }), await readParams(c));
    const [members] = await sql<{ n: number }[]>`
      select count(*)::int as n from list_accounts where list_id = ${list.id} and account_id <> all(${p.account_ids}::bigint[])`;
    if (members!.n + new Set(p.account_ids).size > MAX_MEMBERS) throw unprocessable(`A list holds at most ${MAX_MEMBERS} accounts`);
    const [followed] = await sql<{ n: number }[]>`
      select count(*)::int as n from follows where account_id = ${me} and target_account_id = any(${p.account_ids}::bigint[])`;
    if (followed!.n !== new Set(p.account_ids).size) throw unprocessable("You can only add accounts you follow");
    await sql`insert into list_accounts (list_id, account_id) select ${list.id}, unnest(${p.account_ids}::bigint[]) on conflict do nothing`;
    return c.json({});
  });
  app.delete("/api/v1/lists/:id/accounts", write, async (c) => {
    const list = await ownList(viewerId(c), c.req.param("id"));
    const p = validate(z.object({ account_ids: zList(z.string().refine(isId, "is not a valid id")) }), await readParams(c));
    await sql`delete from list_accounts where list_id = ${list.id} and account_id = any(${p.account_ids}::bigint[])`;
    return c.json({});
  });
  app.get("/api/v1/accounts/:id{[0-9]+}/lists", read, async (c) => {
    if (!isId(c.req.param("id")) || !(await findAccount(sql, c.req.param("id")))) throw notFound();
    const rows = await sql<ListRow[]>`
      select l.id, l.title, l.replies_policy, l.exclusive from lists l join list_accounts la on la.list_id = l.id
      where l.account_id = ${viewerId(c)} and la.account_id = ${c.req.param("id")} order by l.id`;
    return c.json(rows.map(serializeList));
  });

  app.get("/api/v1/timelines/list/:id", authed(ctx, "read:lists"), async (c) => {
    const me = viewerId(c);
    const list = await ownList(me, c.req.param("id"));
    const page = pageParams(c.req.query());
    const rows = await sql<{ id: string }[]>`
      select s.id from lists l join list_accounts la on la.list_id = l.id join statuses s on s.account_id = la.account_id
      where l.id = ${list.id} and ${listRepliesPolicy(sql, "l", "s")} ${pageFilter(sql, page, "s.id")}
        and ${visibleStatusFilter(sql, me)} and ${notMutedFilter(sql, me)}
        and (s.reblog_of_id is null or exists (select 1 from statuses o where o.id = s.reblog_of_id and ${visibleStatusFilter(sql, me, "o")}))
      ${pageOrder(sql, page, "s.id")} limit ${page.limit}`;
    const ids = finishPage(rows, page).map((r) => r.id);
    setLinkHeader(c, ctx.config.origin, ids);
    return c.json(await serializeStatuses(ctx, me, ids, "home"));
  });

  return app;
}
