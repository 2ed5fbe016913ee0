import type { AppContext } from "../context.ts";
import { forbidden, notFound, unprocessable } from "../lib/errors.ts";
import { requireAvailableAccount } from "../accounts/lookup.ts";
import { juryRules, openCase } from "./cases.ts";
import { isModerationBodyMember } from "./eligibility.ts";
import { conveneIn, openThread, type Proposal } from "./jury.ts";
import { applySanction } from "./sanctions.ts";

/**
 * The sanctioned person appeals a decided case, once: a new case with the same proposal goes to
 * a new, larger jury (`appealSize`) from which the first jurors, the reporters and the convener
 * are excluded. The sanction stays in force unless the new jury rejects it.
 */
export async function openAppeal(ctx: AppContext, caseId: string, accountId: string): Promise<string> {
  const { appealId, convener, jurors } = await ctx.sql.begin(async (tx) => {
    const [c] = await tx<{ id: string; targetAccountId: string; verdict: string | null; appealOf: string | null; convenedBy: string; proposedAction: Proposal["action"]; proposedRuleIds: string[]; proposedStatusIds: string[]; proposalReason: string }[]>`
      select id, target_account_id, verdict, appeal_of, convened_by, proposed_action, proposed_rule_ids, proposed_status_ids, proposal_reason
      from moderation_cases where id = ${caseId} for update`;
    if (!c || c.targetAccountId !== accountId) throw notFound();
    if (c.appealOf) throw unprocessable("An appeal cannot be appealed");
    const [sanction] = await tx`select 1 from sanctions where case_id = ${c.id} and reverted_at is null`;
    if (c.verdict !== "upheld" || !sanction) throw unprocessable("There is no sanction in force to appeal");
    const [already] = await tx`select 1 from moderation_cases where appeal_of = ${c.id}`;
    if (already) throw unprocessable("This decision was already appealed");
    const excluded = [
      c.convenedBy,
      ...(await tx<{ accountId: string }[]>`select account_id from case_jurors where case_id = ${c.id} union select account_id from reports where case_id = ${c.id}`).map((r) => r.accountId),
    ];
    const id = await openCase(tx, c.targetAccountId, c.proposedStatusIds, { appealOf: c.id });
    const rules = await juryRules(tx);
    const drawn = await conveneIn(tx, id, c.convenedBy, { action: c.proposedAction, ruleIds: c.proposedRuleIds, statusIds: c.proposedStatusIds, reason: c.proposalReason }, excluded, rules.appealSize);
    return { appealId: id, convener: c.convenedBy, jurors: drawn };
  });
  await openThread(ctx, appealId, convener, jurors);
  return appealId;
}

/**
 * A moderation-body member acts at once (clearly illegal or dangerous content): the sanction
 * applies now, and a case opens whose jury must confirm it before the deadline, or it is reverted.
 */
export async function urgentAction(ctx: AppContext, moderatorId: string, targetAccountId: string, p: Proposal): Promise<string> {
  if (!(await isModerationBodyMember(ctx.sql, moderatorId))) throw forbidden("Only members of the moderation body can act urgently");
  const target = await requireAvailableAccount(ctx.sql, targetAccountId);
  if (target.id === moderatorId) throw unprocessable("You can't act on yourself");
  const { caseId, jurors } = await ctx.sql.begin(async (tx) => {
    const id = await openCase(tx, target.id, p.statusIds, { urgent: true });
    const drawn = await conveneIn(tx, id, moderatorId, p, [moderatorId]);
    await applySanction(ctx, tx, { caseId: id, action: p.action, targetAccountId: target.id, statusIds: p.statusIds, ruleIds: p.ruleIds, reason: p.reason });
    return { caseId: id, jurors: drawn };
  });
  await openThread(ctx, caseId, moderatorId, jurors);
  return caseId;
}
