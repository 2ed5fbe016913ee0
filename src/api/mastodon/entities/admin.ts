import type { AppContext } from "../../../context.ts";
import { serializeAccountsById } from "./account-list.ts";
import { serializeStatuses } from "./status.ts";

interface AdminAccountRow {
  id: string;
  username: string;
  domain: string | null;
  createdAt: Date;
  email: string | null;
  locale: string | null;
  role: string | null;
  confirmedAt: Date | null;
  approved: boolean | null;
  disabled: boolean | null;
  silencedAt: Date | null;
  suspendedAt: Date | null;
  sensitizedAt: Date | null;
  reason: string | null;
}

const ROLE_IDS: Record<string, string> = { user: "-99", moderator: "1", admin: "2", owner: "3" };

/** Mastodon `Admin::Account` entities, in the order of `ids` (unknown ids are skipped). */
export async function serializeAdminAccounts(ctx: AppContext, ids: readonly string[]): Promise<Record<string, unknown>[]> {
  if (!ids.length) return [];
  const rows = await ctx.sql<AdminAccountRow[]>`
    select a.id, a.username, a.domain, a.created_at, u.email, u.locale, u.role, u.confirmed_at, u.approved, u.disabled,
      a.silenced_at, a.suspended_at, a.sensitized_at, u.reason
    from accounts a left join users u on u.account_id = a.id where a.id = any(${ids}::bigint[])`;
  const accounts = new Map((await serializeAccountsById(ctx, ids)).map((a) => [a.id as string, a]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const role = r.role ?? "user";
    return [{
      id: r.id, username: r.username, domain: r.domain, created_at: r.createdAt.toISOString(), email: r.email ?? "", ip: null, ips: [],
      locale: r.locale ?? "", invite_request: r.reason,
      role: { id: ROLE_IDS[role] ?? "-99", name: role === "user" ? "" : role[0]!.toUpperCase() + role.slice(1), color: "", permissions: "0", highlighted: role !== "user" },
      confirmed: r.confirmedAt !== null, approved: r.approved ?? true, disabled: r.disabled ?? false,
      silenced: r.silencedAt !== null, suspended: r.suspendedAt !== null, sensitized: r.sensitizedAt !== null,
      account: accounts.get(r.id) ?? null,
    }];
  });
}

interface AdminReportRow {
  id: string;
  accountId: string;
  targetAccountId: string;
  assignedAccountId: string | null;
  actionTakenByAccountId: string | null;
  statusIds: string[];
  ruleIds: string[];
  category: string;
  comment: string;
  forward: boolean;
  actionTakenAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Mastodon `Admin::Report` entities for moderation-body members (who may see the reporter). */
export async function serializeAdminReports(ctx: AppContext, viewerId: string, reports: AdminReportRow[]): Promise<Record<string, unknown>[]> {
  const accountIds = [...new Set(reports.flatMap((r) => [r.accountId, r.targetAccountId, r.assignedAccountId, r.actionTakenByAccountId].filter((x): x is string => x !== null)))];
  const accounts = new Map((await serializeAdminAccounts(ctx, accountIds)).map((a) => [a.id as string, a]));
  const ruleIds = [...new Set(reports.flatMap((r) => r.ruleIds))];
  const rules = new Map((await ctx.sql<{ id: string; text: string; hint: string }[]>`select id, text, hint from rules where id = any(${ruleIds}::bigint[])`).map((r) => [r.id, r]));
  return Promise.all(reports.map(async (r) => ({
    id: r.id, action_taken: r.actionTakenAt !== null, action_taken_at: r.actionTakenAt?.toISOString() ?? null, category: r.category,
    comment: r.comment, forwarded: r.forward, created_at: r.createdAt.toISOString(), updated_at: r.updatedAt.toISOString(),
    account: accounts.get(r.accountId) ?? null, target_account: accounts.get(r.targetAccountId) ?? null,
    assigned_account: r.assignedAccountId ? accounts.get(r.assignedAccountId) ?? null : null,
    action_taken_by_account: r.actionTakenByAccountId ? accounts.get(r.actionTakenByAccountId) ?? null : null,
    statuses: await serializeStatuses(ctx, viewerId, r.statusIds),
    rules: r.ruleIds.flatMap((id) => (rules.has(id) ? [rules.get(id)!] : [])),
  })));
}
