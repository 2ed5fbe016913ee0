import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { isId } from "../../lib/ids.ts";
import { notFound } from "../../lib/errors.ts";
import { getNotificationPolicy, updateNotificationPolicy, type NotificationPolicy } from "../../notifications/policy.ts";
import { acceptRequests, dismissRequests, pendingSummary } from "../../notifications/requests.ts";
import { readParams, validate, zList } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import { finishPage, pageFilter, pageOrder, pageParams, setLinkHeader } from "../http/pagination.ts";
import type { Env } from "../http/env.ts";
import { serializeAccountsById } from "./entities/account-list.ts";
import { serializeStatuses } from "./entities/status.ts";

interface RequestRow {
  id: string;
  fromAccountId: string;
  lastStatusId: string | null;
  notificationsCount: number;
  createdAt: Date;
  updatedAt: Date;
}

const zAction = z.enum(["accept", "filter", "drop"]);
const zIds = zList(z.string().refine(isId, "is not a valid id")).pipe(z.array(z.string()).min(1).max(100));

/** The notification policy (v2) and the requests holding what it filtered. */
export function notificationRequestRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;
  const read = authed(ctx, "read:notifications");
  const write = authed(ctx, "write:notifications");

  app.get("/api/v2/notifications/policy", read, async (c) => {
    const me = viewerId(c);
    return c.json(await policyEntity(me, await getNotificationPolicy(sql, me)));
  });

  app.patch("/api/v2/notifications/policy", write, async (c) => {
    const me = viewerId(c);
    const p = validate(z.object({
      for_not_following: zAction.optional(), for_not_followers: zAction.optional(), for_new_accounts: zAction.optional(),
      for_private_mentions: zAction.optional(), for_limited_accounts: zAction.optional(),
    }), await readParams(c));
    const policy = await updateNotificationPolicy(sql, me, {
      forNotFollowing: p.for_not_following, forNotFollowers: p.for_not_followers, forNewAccounts: p.for_new_accounts,
      forPrivateMentions: p.for_private_mentions, forLimitedAccounts: p.for_limited_accounts,
    });
    return c.json(await policyEntity(me, policy));
  });

  app.get("/api/v1/notifications/requests", read, async (c) => {
    const me = viewerId(c);
    const page = pageParams(c.req.query(), 40, 80);
    const rows = await sql<RequestRow[]>`
      select id, from_account_id, last_status_id, notifications_count, created_at, updated_at from notification_requests r
      where r.account_id = ${me} ${pageFilter(sql, page, "r.id")} ${pageOrder(sql, page, "r.id")} limit ${page.limit}`;
    const ordered = finishPage(rows, page);
    setLinkHeader(c, ctx.config.origin, ordered.map((r) => r.id));
    return c.json(await serializeRequests(me, ordered));
  });

  // Stoa merges accepted requests in the same transaction, so there is never a merge pending.
  app.get("/api/v1/notifications/requests/merged", read, (c) => c.json({ merged: true }));

  app.get("/api/v1/notifications/requests/:id{[0-9]+}", read, async (c) => {
    const me = viewerId(c);
    const [entity] = await serializeRequests(me, await ownRequest(me, c.req.param("id")));
    if (!entity) throw notFound();
    return c.json(entity);
  });

  for (const [action, apply] of [["accept", acceptRequests], ["dismiss", dismissRequests]] as const) {
    app.post(`/api/v1/notifications/requests/:id{[0-9]+}/${action}`, write, async (c) => {
      const me = viewerId(c);
      const [request] = await ownRequest(me, c.req.param("id"));
      await sql.begin((tx) => apply(tx, me, [request!.id]));
      return c.json({});
    });
    app.post(`/api/v1/notifications/requests/${action}`, write, async (c) => {
      const { id } = validate(z.object({ id: zIds }), await readParams(c));
      const me = viewerId(c);
      await sql.begin((tx) => apply(tx, me, id));
      return c.json({});
    });
  }

  async function ownRequest(me: string, id: string): Promise<RequestRow[]> {
    if (!isId(id)) throw notFound();
    const rows = await sql<RequestRow[]>`
      select id, from_account_id, last_status_id, notifications_count, created_at, updated_at
      from notification_requests where id = ${id} and account_id = ${me}`;
    if (rows.length === 0) throw notFound();
    return rows;
  }

  async function serializeRequests(me: string, rows: readonly RequestRow[]) {
    const accounts = new Map((await serializeAccountsById(ctx, rows.map((r) => r.fromAccountId))).map((a) => [a.id as string, a]));
    const statusIds = rows.map((r) => r.lastStatusId).filter((id): id is string => id !== null);
    const statuses = new Map((await serializeStatuses(ctx, me, statusIds, "notifications")).map((s) => [s.id as string, s]));
    return rows.flatMap((r) => {
      const account = accounts.get(r.fromAccountId);
      if (!account) return [];
      const lastStatus = r.lastStatusId ? statuses.get(r.lastStatusId) : undefined;
      return [{
        id: r.id, created_at: new Date(r.createdAt).toISOString(), updated_at: new Date(r.updatedAt).toISOString(),
        account, notifications_count: String(r.notificationsCount), ...(lastStatus ? { last_status: lastStatus } : {}),
      }];
    });
  }

  async function policyEntity(me: string, p: NotificationPolicy) {
    const summary = await pendingSummary(sql, me);
    return {
      for_not_following: p.forNotFollowing, for_not_followers: p.forNotFollowers, for_new_accounts: p.forNewAccounts,
      for_private_mentions: p.forPrivateMentions, for_limited_accounts: p.forLimitedAccounts,
      summary: { pending_requests_count: summary.pendingRequests, pending_notifications_count: summary.pendingNotifications },
    };
  }

  return app;
}
