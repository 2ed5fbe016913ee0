import { Hono } from "hono";
import type { AppContext } from "../../context.ts";
import { authed, viewerId } from "../http/auth.ts";
import { finishPage, pageFilter, pageOrder, pageParams, setLinkHeader } from "../http/pagination.ts";
import type { Env } from "../http/env.ts";

/** The caller's governance notifications with what each is about (Mastodon's list shows them as type `governance`). */
export function governanceNotificationRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;
  app.get("/api/stoa/v1/notifications", authed(ctx, "read"), async (c) => {
    const page = pageParams(c.req.query(), 40, 80);
    const rows = await sql<{ id: string; event: string; proposalId: string; fromAccountId: string; statusId: string | null; createdAt: Date }[]>`
      select n.id, e.event, e.proposal_id, n.from_account_id, n.status_id, n.created_at
      from notifications n join gov_notification_events e on e.notification_id = n.id
      where n.account_id = ${viewerId(c)} and not n.filtered ${pageFilter(sql, page, "n.id")}
      ${pageOrder(sql, page, "n.id")} limit ${page.limit}`;
    const list = finishPage(rows, page);
    setLinkHeader(c, ctx.config.origin, list.map((n) => n.id));
    return c.json(list.map((n) => ({
      id: n.id, type: "governance", event: n.event, proposal_id: n.proposalId, from_account_id: n.fromAccountId,
      status_id: n.statusId, created_at: n.createdAt.toISOString(),
    })));
  });
  return app;
}
