import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { findAccounts } from "../../accounts/queries.ts";
import { isId } from "../../lib/ids.ts";
import { notFound } from "../../lib/errors.ts";
import { readParams, validate, zList } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import { finishPage, pageFilter, pageOrder, pageParams, setLinkHeader } from "../http/pagination.ts";
import type { Env } from "../http/env.ts";
import { serializeAccount } from "./entities/account.ts";
import { serializeStatuses } from "./entities/status.ts";

const TYPES = ["mention", "status", "reblog", "follow", "follow_request", "favourite", "poll", "update", "quote", "admin.sign_up", "admin.report"] as const;

interface NotificationRow {
  id: string;
  type: string;
  fromAccountId: string;
  statusId: string | null;
  groupKey: string;
  createdAt: Date;
}

/** Serializes notifications as Mastodon's Notification entity, dropping those whose status is no longer visible. */
export async function serializeNotifications(ctx: AppContext, viewer: string, rows: NotificationRow[]) {
  const accounts = await findAccounts(ctx.sql, rows.map((r) => r.fromAccountId));
  const statusIds = rows.map((r) => r.statusId).filter((id): id is string => id !== null);
  const statuses = new Map((await serializeStatuses(ctx, viewer, statusIds, "notifications")).map((s) => [s.id as string, s]));
  return rows.flatMap((r) => {
    const account = accounts.get(r.fromAccountId);
    const status = r.statusId ? statuses.get(r.statusId) : undefined;
    if (!account || (r.statusId && !status)) return [];
    return [{ id: r.id, type: r.type, group_key: r.groupKey, created_at: new Date(r.createdAt).toISOString(), account: serializeAccount(ctx, account), ...(status ? { status } : {}) }];
  });
}

/** Notifications (v1) and reading markers. */
export function notificationRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const read = authed(ctx, "read:notifications");
  const write = authed(ctx, "write:notifications");

  app.get("/api/v1/notifications", read, async (c) => {
    const me = viewerId(c);
    const params = await readParams(c);
    const p = validate(z.object({
      types: zList(z.string()).optional(),
      exclude_types: zList(z.string()).optional(),
      account_id: z.string().refine(isId).optional(),
    }), params);
    const page = pageParams(params, 40, 80);
    const types = p.types?.filter((t) => (TYPES as readonly string[]).includes(t));
    const rows = await ctx.sql<NotificationRow[]>`
      select n.id, n.type, n.from_account_id, n.status_id, n.group_key, n.created_at from notifications n
      where n.account_id = ${me} and not n.filtered ${pageFilter(ctx.sql, page, "n.id")}
        ${types && types.length ? ctx.sql`and n.type = any(${types})` : ctx.sql``}
        ${p.exclude_types?.length ? ctx.sql`and n.type <> all(${p.exclude_types})` : ctx.sql``}
        ${p.account_id ? ctx.sql`and n.from_account_id = ${p.account_id}` : ctx.sql``}
      ${pageOrder(ctx.sql, page, "n.id")} limit ${page.limit}`;
    const pageRows = finishPage(rows, page);
    setLinkHeader(c, ctx.config.origin, pageRows.map((r) => r.id));
    return c.json(await serializeNotifications(ctx, me, pageRows));
  });

  app.get("/api/v1/notifications/unread_count", read, async (c) => {
    const me = viewerId(c);
    const [row] = await ctx.sql<{ n: number }[]>`
      select count(*)::int as n from (select 1 from notifications n where n.account_id = ${me} and not n.filtered
        and n.id > coalesce((select last_read_id from markers where account_id = ${me} and timeline = 'notifications'), 0) limit 1000) x`;
    return c.json({ count: row!.n });
  });

  app.get("/api/v1/notifications/:id", read, async (c) => {
    const me = viewerId(c);
    const id = c.req.param("id");
    if (!isId(id)) throw notFound();
    const rows = await ctx.sql<NotificationRow[]>`
      select id, type, from_account_id, status_id, group_key, created_at from notifications where id = ${id} and account_id = ${me}`;
    const [entity] = await serializeNotifications(ctx, me, rows);
    if (!entity) throw notFound();
    return c.json(entity);
  });

  app.post("/api/v1/notifications/clear", write, async (c) => {
    await ctx.sql`delete from notifications where account_id = ${viewerId(c)}`;
    return c.json({});
  });

  app.post("/api/v1/notifications/:id/dismiss", write, async (c) => {
    const id = c.req.param("id");
    if (!isId(id)) throw notFound();
    const deleted = await ctx.sql`delete from notifications where id = ${id} and account_id = ${viewerId(c)} returning id`;
    if (deleted.length === 0) throw notFound();
    return c.json({});
  });

  app.get("/api/v1/markers", authed(ctx, "read:statuses"), async (c) => {
    const p = validate(z.object({ timeline: zList(z.enum(["home", "notifications"])).optional() }), await readParams(c));
    const rows = await ctx.sql<{ timeline: string; lastReadId: string; version: number; updatedAt: Date }[]>`
      select timeline, last_read_id, version, updated_at from markers
      where account_id = ${viewerId(c)} and timeline = any(${p.timeline ?? []})`;
    return c.json(Object.fromEntries(rows.map((r) => [r.timeline, markerEntity(r)])));
  });

  app.post("/api/v1/markers", authed(ctx, "write:statuses"), async (c) => {
    const marker = z.object({ last_read_id: z.string().refine(isId, "is not a valid id") }).optional();
    const p = validate(z.object({ home: marker, notifications: marker }), await readParams(c));
    const me = viewerId(c);
    const result: Record<string, unknown> = {};
    for (const timeline of ["home", "notifications"] as const) {
      const lastRead = p[timeline]?.last_read_id;
      if (!lastRead) continue;
      const [row] = await ctx.sql<{ timeline: string; lastReadId: string; version: number; updatedAt: Date }[]>`
        insert into markers (account_id, timeline, last_read_id) values (${me}, ${timeline}, ${lastRead})
        on conflict (account_id, timeline) do update set last_read_id = excluded.last_read_id, version = markers.version + 1, updated_at = now()
        returning timeline, last_read_id, version, updated_at`;
      result[timeline] = markerEntity(row!);
    }
    return c.json(result);
  });

  return app;
}

function markerEntity(r: { lastReadId: string; version: number; updatedAt: Date }) {
  return { last_read_id: r.lastReadId, version: r.version, updated_at: new Date(r.updatedAt).toISOString() };
}
