import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { isId } from "../../lib/ids.ts";
import { readParams, validate, zList } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import { finishPage, pageFilter, pageOrder, pageParams, setLinkHeader } from "../http/pagination.ts";
import type { Env } from "../http/env.ts";
import { serializeAccountsById } from "./entities/account-list.ts";
import { serializeStatuses } from "./entities/status.ts";

const DEFAULT_GROUPED = ["favourite", "follow", "reblog"];

interface Row {
  id: string;
  type: string;
  fromAccountId: string;
  statusId: string | null;
  groupKey: string;
  createdAt: Date;
}

/** Grouped notifications (v2): favourites, boosts and follows of the same thing arrive as one group. */
export function notificationGroupRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;

  app.get("/api/v2/notifications", authed(ctx, "read:notifications"), async (c) => {
    const me = viewerId(c);
    const params = await readParams(c);
    const p = validate(z.object({
      types: zList(z.string()).optional(),
      exclude_types: zList(z.string()).optional(),
      account_id: z.string().refine(isId).optional(),
      grouped_types: zList(z.string()).optional(),
    }), params);
    const page = pageParams(params, 40, 80);
    const rows = await sql<Row[]>`
      select n.id, n.type, n.from_account_id, n.status_id, n.group_key, n.created_at from notifications n
      where n.account_id = ${me} and not n.filtered ${pageFilter(sql, page, "n.id")}
        ${p.types?.length ? sql`and n.type = any(${p.types})` : sql``}
        ${p.exclude_types?.length ? sql`and n.type <> all(${p.exclude_types})` : sql``}
        ${p.account_id ? sql`and n.from_account_id = ${p.account_id}` : sql``}
      ${pageOrder(sql, page, "n.id")} limit ${page.limit}`;
    const ordered = finishPage(rows, page);
    setLinkHeader(c, ctx.config.origin, ordered.map((r) => r.id));
    const grouped = new Set(p.grouped_types ?? DEFAULT_GROUPED);
    const keyOf = (r: Row) => (grouped.has(r.type) ? r.groupKey : `ungrouped-${r.id}`);
    const groups = new Map<string, Row[]>();
    for (const r of ordered) groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), r]);
    const totals = await groupTotals(me, [...groups.keys()].filter((k) => !k.startsWith("ungrouped-")));
    const notificationGroups = [...groups].map(([key, members]) => {
      const newest = members[0]!;
      return {
        group_key: key,
        notifications_count: totals.get(key) ?? members.length,
        type: newest.type,
        most_recent_notification_id: newest.id,
        page_min_id: members[members.length - 1]!.id,
        page_max_id: newest.id,
        latest_page_notification_at: new Date(newest.createdAt).toISOString(),
        sample_account_ids: [...new Set(members.map((m) => m.fromAccountId))].slice(0, 8),
        status_id: newest.statusId,
      };
    });
    const accountIds = [...new Set(notificationGroups.flatMap((g) => g.sample_account_ids))];
    const statusIds = [...new Set(notificationGroups.map((g) => g.status_id).filter((s): s is string => s !== null))];
    return c.json({
      accounts: await serializeAccountsById(ctx, accountIds),
      statuses: await serializeStatuses(ctx, me, statusIds),
      notification_groups: notificationGroups,
    });
  });

  app.get("/api/v2/notifications/unread_count", authed(ctx, "read:notifications"), async (c) => {
    const me = viewerId(c);
    const [row] = await sql<{ n: number }[]>`
      select count(distinct case when type in ('favourite', 'follow', 'reblog') then group_key else id::text end)::int as n
      from (select * from notifications where account_id = ${me} and not filtered
        and id > coalesce((select last_read_id from markers where account_id = ${me} and timeline = 'notifications'), 0) limit 1000) x`;
    return c.json({ count: row!.n });
  });

  app.post("/api/v2/notifications/:group_key/dismiss", authed(ctx, "write:notifications"), async (c) => {
    const me = viewerId(c);
    const key = c.req.param("group_key");
    const ungrouped = key.match(/^ungrouped-(\d+)$/)?.[1];
    if (ungrouped && isId(ungrouped)) await sql`delete from notifications where account_id = ${me} and id = ${ungrouped}`;
    else await sql`delete from notifications where account_id = ${me} and group_key = ${key}`;
    return c.json({});
  });

  async function groupTotals(accountId: string, keys: string[]): Promise<Map<string, number>> {
    if (keys.length === 0) return new Map();
    const rows = await sql<{ groupKey: string; n: number }[]>`
      select group_key, count(*)::int as n from notifications where account_id = ${accountId} and group_key = any(${keys}) group by group_key`;
    return new Map(rows.map((r) => [r.groupKey, r.n]));
  }

  return app;
}
