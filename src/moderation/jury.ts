import type { AppContext } from "../context.ts";
import type { Tx } from "../db/database.ts";
import { enqueue } from "../jobs/queue.ts";
import { forbidden, notFound, unprocessable } from "../lib/errors.ts";
import { logger } from "../log.ts";
import { createNotification } from "../notifications/notify.ts";
import { createStatus } from "../statuses/create.ts";
import { appendToLog } from "../transparency/log.ts";
import { drawJuryIn, juryRules, lockCase, replaceAbsentJurorIn } from "./cases.ts";
import { isModerationBodyMember } from "./eligibility.ts";
import { applySanction, revertSanctions, type SanctionAction } from "./sanctions.ts";

const log = logger("moderation", "jury");

/** Job run at a case's voting deadline. */
export const CASE_DEADLINE_JOB = "moderation.case_deadline";

/** What the jury is asked to uphold or reject. */
export interface Proposal {
  action: SanctionAction;
  ruleIds: string[];
  statusIds: string[];
  reason: string;
}

/**
 * A moderation-body member puts a case to a jury (on which they cannot sit): records the proposal, draws the jury, sets
 * the deadline, then opens the jurors' private thread (a direct post mentioning them) and
 * notifies them. Returns the jurors.
 */
export async function conveneJury(ctx: AppContext, caseId: string, moderatorId: string, p: Proposal): Promise<string[]> {
  if (!(await isModerationBodyMember(ctx.sql, moderatorId))) throw forbidden("Only members of the moderation body can convene a jury");
  const jurors = await ctx.sql.begin((tx) => conveneIn(tx, caseId, moderatorId, p, [moderatorId]));
  await openThread(ctx, caseId, moderatorId, jurors);
  return jurors;
}

/** Records the proposal, draws the jury (`size` when given) and schedules the deadline, in `tx`. */
export async function conveneIn(tx: Tx, caseId: string, convenerId: string, p: Proposal, excluded: string[], size?: number): Promise<string[]> {
  const c = await lockCase(tx, caseId);
  if (p.ruleIds.length) {
    const [rules] = await tx<{ n: number }[]>`select count(*)::int as n from rules where id = any(${p.ruleIds}::bigint[]) and deleted_at is null`;
    if (rules!.n !== new Set(p.ruleIds).size) throw unprocessable("Some of the rules do not exist");
  }
  if (p.statusIds.length) {
    const [own] = await tx<{ n: number }[]>`select count(*)::int as n from statuses where id = any(${p.statusIds}::bigint[]) and account_id = ${c.targetAccountId}`;
    if (own!.n !== new Set(p.statusIds).size) throw unprocessable("Some of the statuses are not the reported account's");
  }
  if ((p.action === "sensitive" || p.action === "remove") && !p.statusIds.length) throw unprocessable("This action needs the statuses it applies to");
  const drawn = await drawJuryIn(tx, c.id, excluded, size);
  const rules = await juryRules(tx);
  const deadline = new Date(Date.now() + rules.deadlineHours * 3_600_000);
  await tx`update moderation_cases set proposed_action = ${p.action}, proposed_rule_ids = ${p.ruleIds}::bigint[], proposed_status_ids = ${p.statusIds}::bigint[],
    proposal_reason = ${p.reason}, convened_by = ${convenerId}, deadline = ${deadline} where id = ${c.id}`;
  await enqueue(tx, CASE_DEADLINE_JOB, { caseId: c.id }, { runAt: deadline });
  return drawn;
}

/** Opens the jurors' private thread (a direct post by the convener mentioning them) and notifies them. */
export async function openThread(ctx: AppContext, caseId: string, moderatorId: string, jurors: string[]): Promise<void> {
  const names = await ctx.sql<{ username: string }[]>`select username from accounts where id = any(${jurors}::bigint[]) order by username`;
  const text = `${names.map((n) => `@${n.username}`).join(" ")} You were drawn as jurors for moderation case ${caseId}. The evidence and the rules are at ${ctx.config.origin}/api/stoa/v1/cases/${caseId}. Discuss here (only you can see this thread), then vote before the deadline.`;
  const statusId = await createStatus(ctx, moderatorId, {
    text, spoilerText: "", sensitive: false, visibility: "direct", language: null, inReplyToId: null, mediaIds: [], applicationId: null, idempotencyKey: null, poll: null,
  });
  await ctx.sql.begin(async (tx) => {
    await tx`update moderation_cases set thread_status_id = ${statusId} where id = ${caseId}`;
    for (const juror of jurors) await createNotification(tx, { accountId: juror, fromAccountId: moderatorId, type: "governance", statusId });
  });
}

/** A juror's vote. Non-jurors, votes after the deadline or on a decided case, and second votes are refused. */
export async function castVote(ctx: AppContext, caseId: string, accountId: string, vote: "uphold" | "reject"): Promise<void> {
  await ctx.sql.begin(async (tx) => {
    const c = await lockCase(tx, caseId);
    const [juror] = await tx`select 1 from case_jurors where case_id = ${c.id} and account_id = ${accountId} and not absent`;
    if (!juror) throw forbidden("You are not a juror of this case");
    const [state] = await tx<{ status: string; deadline: Date | null }[]>`select status, deadline from moderation_cases where id = ${c.id}`;
    if (state!.status !== "open" || !state!.deadline) throw unprocessable("The case is not open for votes");
    if (state!.deadline.getTime() <= Date.now()) throw unprocessable("The voting deadline has passed");
    const inserted = await tx`insert into case_votes (case_id, account_id, vote) values (${c.id}, ${accountId}, ${vote}) on conflict do nothing`;
    if (!inserted.count) throw unprocessable("You have already voted on this case");
    const [pending] = await tx<{ n: number }[]>`
      select count(*)::int as n from case_jurors j where j.case_id = ${c.id} and not j.absent
        and not exists (select 1 from case_votes v where v.case_id = j.case_id and v.account_id = j.account_id)`;
    if (pending!.n === 0) await decide(ctx, tx, c.id);
  });
}

/**
 * At the deadline: the first time, jurors who did not vote are replaced by the next of the draw
 * and the deadline extended once; after that, the votes cast decide.
 */
export async function closeAtDeadline(ctx: AppContext, caseId: string): Promise<void> {
  await ctx.sql.begin(async (tx) => {
    const c = await lockCase(tx, caseId).catch(() => null);
    if (!c) return;
    const [state] = await tx<{ status: string; deadline: Date | null; extended: boolean }[]>`select status, deadline, extended from moderation_cases where id = ${c.id}`;
    if (state!.status !== "open" || !state!.deadline || state!.deadline.getTime() > Date.now()) return;
    const absent = await tx<{ accountId: string }[]>`
      select account_id from case_jurors j where j.case_id = ${c.id} and not j.absent
        and not exists (select 1 from case_votes v where v.case_id = j.case_id and v.account_id = j.account_id) order by position`;
    if (absent.length && !state!.extended) {
      // In a savepoint: when no one is left to draw, nothing of the replacement stays and the
      // jurors who did vote decide.
      const replaced = await tx.savepoint(async (sp) => {
        const replacements: string[] = [];
        for (const a of absent) replacements.push(await replaceAbsentJurorIn(sp, c.id, a.accountId));
        return replacements;
      }).catch((error: unknown) => {
        log.info("Case {caseId}: no replacement for absent jurors ({error})", { caseId: c.id, error });
        return null;
      });
      if (replaced) {
        const rules = await juryRules(tx);
        const deadline = new Date(Date.now() + rules.deadlineHours * 3_600_000);
        await tx`update moderation_cases set deadline = ${deadline}, extended = true where id = ${c.id}`;
        await enqueue(tx, CASE_DEADLINE_JOB, { caseId: c.id }, { runAt: deadline });
        const [mod] = await tx<{ convenedBy: string }[]>`select convened_by from moderation_cases where id = ${c.id}`;
        for (const r of replaced) await createNotification(tx, { accountId: r, fromAccountId: mod!.convenedBy, type: "governance" });
        return;
      }
    }
    await decide(ctx, tx, c.id);
  });
}

/**
 * Counts the votes: the proposal is upheld when the uphold votes are strictly more than
 * `majority` × votes cast (with 0.5, a tie rejects). Logs the verdict and applies the sanction.
 */
async function decide(ctx: AppContext, tx: Tx, caseId: string): Promise<void> {
  const [counts] = await tx<{ uphold: number; reject: number; jurors: number }[]>`
    select count(*) filter (where vote = 'uphold')::int as uphold, count(*) filter (where vote = 'reject')::int as reject,
      (select count(*)::int from case_jurors where case_id = ${caseId} and not absent) as jurors
    from case_votes where case_id = ${caseId}`;
  const { uphold, reject, jurors } = counts!;
  const rules = await juryRules(tx);
  const verdict = uphold > rules.majority * (uphold + reject) && uphold > 0 ? "upheld" : "rejected";
  const [c] = await tx<{ proposedAction: SanctionAction; proposedRuleIds: string[]; proposalReason: string; targetAccountId: string; proposedStatusIds: string[]; appealOf: string | null; sanctionInForce: boolean }[]>`
    update moderation_cases set status = 'decided', decided_at = now(), verdict = ${verdict}, votes_uphold = ${uphold}, votes_reject = ${reject}
    where id = ${caseId} returning proposed_action, proposed_rule_ids, proposal_reason, target_account_id, proposed_status_ids, appeal_of, sanction_in_force`;
  await tx`update reports set action_taken_at = now() where case_id = ${caseId}`;
  await appendToLog(tx, [{
    kind: "moderation.verdict",
    payload: { case: caseId, proposal: c!.proposedAction, rules: c!.proposedRuleIds, verdict, jury: jurors, votes: { uphold, reject, absent: jurors - uphold - reject }, majority: String(rules.majority), reason: c!.proposalReason },
  }]);
  if (c!.sanctionInForce) {
    // An appeal or an urgent action: the sanction already applies; only a rejection changes it.
    if (verdict === "rejected") await revertSanctions(ctx, tx, c!.appealOf ?? caseId, caseId);
  } else if (verdict === "upheld") {
    await applySanction(ctx, tx, { caseId, action: c!.proposedAction, targetAccountId: c!.targetAccountId, statusIds: c!.proposedStatusIds, ruleIds: c!.proposedRuleIds, reason: c!.proposalReason });
  }
}

/** The case's jury state for a viewer, or 404 for anyone neither juror nor moderation-body member. */
export async function requireCaseViewer(ctx: AppContext, caseId: string, viewerId: string): Promise<"juror" | "moderator"> {
  const [juror] = await ctx.sql`select 1 from case_jurors where case_id = ${caseId} and account_id = ${viewerId} and not absent`;
  if (juror) return "juror";
  if (await isModerationBodyMember(ctx.sql, viewerId)) return "moderator";
  throw notFound();
}
