import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { notFound } from "../../lib/errors.ts";
import { GROUPED_TYPES } from "../../notifications/groups.ts";
import { countUnread, notificationConditions } from "../../notifications/queries.ts";
import { readParams, validate } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import { finishPage, pageFilter, pageOrder, pageParams, setLinkHeader } from "../http/pagination.ts";
import type { Env } from "../http/env.ts";
import { serializeAccountsById } from "./entities/account-list.ts";
import { reportsOfNotifications } from "./entities/report.ts";
import { publicGroupKey, type NotificationRow } from "./entities/notification.ts";
import { serializeStatuses } from "./entities/status.ts";
import { groupedTypesSchema, readSelection } from "./notification-params.ts";

/** Accounts shown per group, as Mastodon's. */
const SAMPLE_ACCOUNTS = 8;
const MAX_KEY_LENGTH = 200;

/** Grouped notifications (v2): favourites, boosts and follows of the same thing arrive as one group. */
export function notificationGroupRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;
  const read = authed(ctx, "read:notifications");
  const columns = sql`n.id, n.type, n.from_account_id, n.status_id, n.group_key, n.created_at`;

  app.get("/api/v2/notifications", read, async (c) => {
    const me = viewerId(c);
    const params = await readParams(c);
    const selection = readSelection(params);
    const grouped = new Set<string>(validate(groupedTypesSchema, params).grouped_types ?? GROUPED_TYPES);
    validate(z.object({ expand_accounts: z.enum(["full", "partial_avatars"]).optional() }), params);
    const page = pageParams(params, 40, 80);
    const rows = await sql<NotificationRow[]>`
      select ${columns} from notifications n where ${notificationConditions(sql, me, selection)} ${pageFilter(sql, page, "n.id")}
      ${pageOrder(sql, page, "n.id")} limit ${page.limit}`;
    const ordered = finishPage(rows, page);
    setLinkHeader(c, ctx.config.origin, ordered.map((r) => r.id));
    return c.json(await groupedResults(me, ordered, grouped));
  });

  app.get("/api/v2/notifications/unread_count", read, async (c) => {
    const params = await readParams(c);
    const grouped = validate(groupedTypesSchema, params).grouped_types ?? [...GROUPED_TYPES];
    const { limit } = validate(z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100).catch(100) }), params);
    return c.json({ count: await countUnread(sql, viewerId(c), readSelection(params), limit, grouped) });
  });

  app.get("/api/v2/notifications/:group_key{[a-z_]+-[0-9a-z-]+}", read, async (c) => {
    const me = viewerId(c);
    const key = c.req.param("group_key");
    const rows = await groupRows(me, key, SAMPLE_ACCOUNTS * 4);
    // A notification asked for by its `ungrouped-` key stays on its own.
    return c.json(await groupedResults(me, rows, new Set(key.startsWith("ungrouped-") ? [] : GROUPED_TYPES)));
  });

  app.get("/api/v2/notifications/:group_key{[a-z_]+-[0-9a-z-]+}/accounts", read, async (c) => {
    const me = viewerId(c);
    const rows = await groupRows(me, c.req.param("group_key"), 80);
    return c.json(await serializeAccountsById(ctx, [...new Set(rows.map((r) => r.fromAccountId))]));
  });

  app.post("/api/v2/notifications/:group_key{[a-z_]+-[0-9a-z-]+}/dismiss", authed(ctx, "write:notifications"), async (c) => {
    const me = viewerId(c);
    const key = c.req.param("group_key");
    const ungrouped = key.match(/^ungrouped-([0-9]{1,19})$/)?.[1];
    const deleted = ungrouped
      ? await sql`delete from notifications where account_id = ${me} and id = ${ungrouped} returning id`
      : await sql`delete from notifications where account_id = ${me} and group_key = ${key.slice(0, MAX_KEY_LENGTH)} and group_key <> 'ungrouped' returning id`;
    if (deleted.length === 0) throw notFound();
    return c.json({});
  });

  /** The newest notifications of one group (404 when the viewer has none under that key). */
  async function groupRows(me: string, key: string, limit: number): Promise<NotificationRow[]> {
    const ungrouped = key.match(/^ungrouped-([0-9]{1,19})$/)?.[1];
    const rows = ungrouped
      ? await sql<NotificationRow[]>`select ${columns} from notifications n where n.account_id = ${me} and n.id = ${ungrouped}`
      : await sql<NotificationRow[]>`
          select ${columns} from notifications n
          where n.account_id = ${me} and n.group_key = ${key.slice(0, MAX_KEY_LENGTH)} and n.group_key <> 'ungrouped'
          order by n.id desc limit ${limit}`;
    if (rows.length === 0) throw notFound();
    return rows;
  }

  /** Groups a page of notifications (newest first) into Mastodon's GroupedNotificationsResults. */
  async function groupedResults(me: string, ordered: readonly NotificationRow[], grouped: ReadonlySet<string>) {
    const groups = new Map<string, NotificationRow[]>();
    for (const r of ordered) {
      const key = publicGroupKey(r, grouped);
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    const totals = await groupTotals(me, [...groups.keys()].filter((k) => !k.startsWith("ungrouped-")));
    const statusIds = [...new Set(ordered.map((r) => r.statusId).filter((s): s is string => s !== null))];
    const statuses = await serializeStatuses(ctx, me, statusIds, "notifications");
    const visible = new Set(statuses.map((s) => s.id as string));
    const reports = await reportsOfNotifications(ctx, ordered.filter((r) => r.type === "admin.report").map((r) => r.id));
    const notificationGroups = [...groups].flatMap(([key, members]) => {
      const newest = members[0]!;
      // As v1, a notification about a status the viewer may no longer see is left out.
      if (newest.statusId && !visible.has(newest.statusId)) return [];
      return [{
        group_key: key,
        notifications_count: totals.get(key) ?? members.length,
        type: newest.type,
        most_recent_notification_id: newest.id,
        page_min_id: members[members.length - 1]!.id,
        page_max_id: newest.id,
        latest_page_notification_at: new Date(newest.createdAt).toISOString(),
        sample_account_ids: [...new Set(members.map((m) => m.fromAccountId))].slice(0, SAMPLE_ACCOUNTS),
        status_id: newest.statusId,
        ...(reports.has(newest.id) ? { report: reports.get(newest.id) } : {}),
      }];
    });
    const accountIds = [...new Set(notificationGroups.flatMap((g) => g.sample_account_ids))];
    const usedStatuses = new Set(notificationGroups.map((g) => g.status_id));
    return {
      accounts: await serializeAccountsById(ctx, accountIds),
      statuses: statuses.filter((s) => usedStatuses.has(s.id as string)),
      notification_groups: notificationGroups,
    };
  }

  async function groupTotals(accountId: string, keys: string[]): Promise<Map<string, number>> {
    if (keys.length === 0) return new Map();
    const rows = await sql<{ groupKey: string; n: number }[]>`
      select group_key, count(*)::int as n from notifications where account_id = ${accountId} and group_key = any(${keys}) and not filtered group by group_key`;
    return new Map(rows.map((r) => [r.groupKey, r.n]));
  }

  return app;
}
