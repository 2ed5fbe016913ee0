import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { isId } from "../../lib/ids.ts";
import { notFound } from "../../lib/errors.ts";
import { countUnread, notificationConditions } from "../../notifications/queries.ts";
import { readParams, validate } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import { finishPage, pageFilter, pageOrder, pageParams, setLinkHeader } from "../http/pagination.ts";
import type { Env } from "../http/env.ts";
import { loadNotificationEntity, serializeNotifications, type NotificationRow } from "./entities/notification.ts";
import { readSelection } from "./notification-params.ts";

/** Notifications (v1): list, read one, dismiss, clear, unread count. */
export function notificationRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;
  const read = authed(ctx, "read:notifications");
  const write = authed(ctx, "write:notifications");

  app.get("/api/v1/notifications", read, async (c) => {
    const me = viewerId(c);
    const params = await readParams(c);
    const selection = readSelection(params);
    const page = pageParams(params, 40, 80);
    const rows = await sql<NotificationRow[]>`
      select n.id, n.type, n.from_account_id, n.status_id, n.group_key, n.created_at from notifications n
      where ${notificationConditions(sql, me, selection)} ${pageFilter(sql, page, "n.id")}
      ${pageOrder(sql, page, "n.id")} limit ${page.limit}`;
    const pageRows = finishPage(rows, page);
    setLinkHeader(c, ctx.config.origin, pageRows.map((r) => r.id));
    return c.json(await serializeNotifications(ctx, me, pageRows));
  });

  app.get("/api/v1/notifications/unread_count", read, async (c) => {
    const params = await readParams(c);
    const { limit } = validate(z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100).catch(100) }), params);
    return c.json({ count: await countUnread(sql, viewerId(c), readSelection(params), limit) });
  });

  app.get("/api/v1/notifications/:id{[0-9]+}", read, async (c) => {
    const id = c.req.param("id");
    const entity = isId(id) ? await loadNotificationEntity(ctx, viewerId(c), id) : null;
    if (!entity) throw notFound();
    return c.json(entity);
  });

  app.post("/api/v1/notifications/clear", write, async (c) => {
    await sql`delete from notifications where account_id = ${viewerId(c)} and not filtered`;
    return c.json({});
  });

  app.post("/api/v1/notifications/:id{[0-9]+}/dismiss", write, async (c) => {
    const id = c.req.param("id");
    if (!isId(id)) throw notFound();
    const deleted = await sql`delete from notifications where id = ${id} and account_id = ${viewerId(c)} returning id`;
    if (deleted.length === 0) throw notFound();
    return c.json({});
  });

  return app;
}
