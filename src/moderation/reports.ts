import type { AppContext } from "../context.ts";
import { requireAvailableAccount } from "../accounts/lookup.ts";
import { notFound, unprocessable } from "../lib/errors.ts";
import { createNotification } from "../notifications/notify.ts";
import { attachReportToCase } from "./cases.ts";

export type ReportCategory = "spam" | "legal" | "violation" | "other";

export interface NewReport {
  targetAccountId: string;
  statusIds: string[];
  ruleIds: string[];
  category: ReportCategory;
  comment: string;
  forward: boolean;
}

/**
 * Files a report. The reported statuses must belong to the reported account; rules go only
 * with the `violation` category. Moderators are notified; the reported person never learns who
 * reported. The reported content is kept as evidence (a copy) so deleting it later hides nothing.
 */
export async function fileReport(ctx: AppContext, reporterId: string, r: NewReport): Promise<string> {
  const target = await requireAvailableAccount(ctx.sql, r.targetAccountId);
  if (target.id === reporterId) throw unprocessable("You can't report yourself");
  if (r.ruleIds.length && r.category !== "violation") throw unprocessable("Rules can only be given with the violation category");
  return ctx.sql.begin(async (tx) => {
    const statuses = r.statusIds.length
      ? await tx<{ id: string; text: string; content: string; spoilerText: string; visibility: string; createdAt: Date }[]>`
          select id, text, content, spoiler_text, visibility, created_at from statuses
          where id = any(${r.statusIds}::bigint[]) and account_id = ${target.id}`
      : [];
    if (statuses.length !== new Set(r.statusIds).size) throw notFound("Some of the statuses were not found on that account");
    if (r.ruleIds.length) {
      const [rules] = await tx<{ n: number }[]>`select count(*)::int as n from rules where id = any(${r.ruleIds}::bigint[]) and deleted_at is null`;
      if (rules!.n !== new Set(r.ruleIds).size) throw unprocessable("Some of the rules do not exist");
    }
    const [report] = await tx<{ id: string }[]>`
      insert into reports (account_id, target_account_id, status_ids, rule_ids, category, comment, forward)
      values (${reporterId}, ${target.id}, ${r.statusIds}::bigint[], ${r.ruleIds}::bigint[], ${r.category}, ${r.comment}, ${r.forward})
      returning id`;
    for (const st of statuses) {
      await tx`insert into report_evidence (report_id, status_id, text, content, spoiler_text, visibility, status_created_at)
        values (${report!.id}, ${st.id}, ${st.text}, ${st.content}, ${st.spoilerText}, ${st.visibility}, ${st.createdAt})`;
    }
    await attachReportToCase(tx, report!.id, target.id, r.statusIds);
    const moderators = await tx<{ accountId: string }[]>`select account_id from users where role in ('owner', 'admin', 'moderator') and not disabled`;
    for (const m of moderators) await createNotification(tx, { accountId: m.accountId, fromAccountId: reporterId, type: "admin.report", reportId: report!.id });
    return report!.id;
  });
}
