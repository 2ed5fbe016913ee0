import type { AppContext } from "../../../context.ts";
import { serializeAccountsById } from "./account-list.ts";

interface ReportRow {
  id: string;
  targetAccountId: string;
  statusIds: string[];
  ruleIds: string[];
  category: string;
  comment: string;
  forward: boolean;
  actionTakenAt: Date | null;
  createdAt: Date;
}

/** Mastodon's Report entities by id (unknown ids are left out), each with its target account. */
export async function serializeReportsById(ctx: AppContext, ids: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.sql<ReportRow[]>`
    select id, target_account_id, status_ids::text[] as status_ids, rule_ids::text[] as rule_ids, category, comment, forward, action_taken_at, created_at
    from reports where id = any(${[...ids]}::bigint[])`;
  const targets = new Map((await serializeAccountsById(ctx, rows.map((r) => r.targetAccountId))).map((a) => [a.id as string, a]));
  return new Map(rows.map((r) => [r.id, {
    id: r.id,
    action_taken: r.actionTakenAt !== null,
    action_taken_at: r.actionTakenAt ? new Date(r.actionTakenAt).toISOString() : null,
    category: r.category,
    comment: r.comment,
    forwarded: r.forward,
    created_at: new Date(r.createdAt).toISOString(),
    status_ids: r.statusIds,
    rule_ids: r.ruleIds,
    target_account: targets.get(r.targetAccountId) ?? null,
  }]));
}

/** The Report entity of each admin.report notification among `notificationIds`, by notification id. */
export async function reportsOfNotifications(ctx: AppContext, notificationIds: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
  if (notificationIds.length === 0) return new Map();
  const links = await ctx.sql<{ id: string; reportId: string }[]>`
    select id, report_id from notifications where id = any(${[...notificationIds]}::bigint[]) and report_id is not null`;
  const reports = await serializeReportsById(ctx, links.map((l) => l.reportId));
  return new Map(links.flatMap((l) => (reports.has(l.reportId) ? [[l.id, reports.get(l.reportId)!]] : [])));
}
