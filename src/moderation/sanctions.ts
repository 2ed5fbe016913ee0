import type { AppContext } from "../context.ts";
import type { Tx } from "../db/database.ts";
import { createNotification } from "../notifications/notify.ts";
import { appendToLog } from "../transparency/log.ts";

export const SANCTION_ACTIONS = ["sensitive", "remove", "limit", "suspend"] as const;
export type SanctionAction = (typeof SANCTION_ACTIONS)[number];

/** Content warning put on posts marked sensitive by a verdict when they had none. */
export const MODERATION_CW = "Marked sensitive by community moderation";

const DESCRIPTIONS: Record<SanctionAction, string> = {
  sensitive: "Your posts listed below were marked sensitive and put behind a content warning.",
  remove: "Your posts listed below were removed.",
  limit: "Your account was limited: it is hidden from public timelines and from people who do not follow you.",
  suspend: "Your account was suspended.",
};

export interface SanctionInput {
  caseId: string;
  action: SanctionAction;
  targetAccountId: string;
  statusIds: string[];
  ruleIds: string[];
  reason: string;
}

/**
 * Applies an upheld verdict in the verdict's transaction, writes the statement of reasons (which
 * rule, which content, what was decided, how to appeal), notifies the affected person with a
 * `moderation_warning` and logs the sanction. The reporters are named nowhere.
 */
export async function applySanction(ctx: AppContext, tx: Tx, s: SanctionInput): Promise<string> {
  let previous: Record<string, unknown> = {};
  if (s.action === "sensitive") {
    const before = await tx<{ id: string; sensitive: boolean; spoilerText: string }[]>`
      select id, sensitive, spoiler_text from statuses where id = any(${s.statusIds}::bigint[]) and account_id = ${s.targetAccountId}`;
    previous = { statuses: before };
    await tx`update statuses set sensitive = true, spoiler_text = case when spoiler_text = '' then ${MODERATION_CW} else spoiler_text end
      where id = any(${s.statusIds}::bigint[]) and account_id = ${s.targetAccountId}`;
  } else if (s.action === "remove") {
    const removed = await tx<{ id: string; inReplyToId: string | null }[]>`
      update statuses set deleted_at = now() where id = any(${s.statusIds}::bigint[]) and account_id = ${s.targetAccountId} and deleted_at is null
      returning id, in_reply_to_id`;
    previous = { removed: removed.map((r) => r.id) };
    await tx`update accounts set statuses_count = greatest(statuses_count - ${removed.length}, 0) where id = ${s.targetAccountId}`;
    for (const r of removed) {
      if (r.inReplyToId) await tx`update statuses set replies_count = greatest(replies_count - 1, 0) where id = ${r.inReplyToId}`;
      await ctx.events.emit(tx, "status.deleted", { statusId: r.id, accountId: s.targetAccountId });
    }
  } else {
    const column = s.action === "limit" ? "silenced_at" : "suspended_at";
    const [before] = await tx<{ at: Date | null }[]>`select ${tx(column)} as at from accounts where id = ${s.targetAccountId}`;
    previous = { [column]: before?.at ?? null };
    await tx`update accounts set ${tx(column)} = coalesce(${tx(column)}, now()) where id = ${s.targetAccountId}`;
  }
  const statement = await statementOfReasons(tx, ctx.config.origin, s);
  const [row] = await tx<{ id: string }[]>`
    insert into sanctions (case_id, account_id, action, status_ids, rule_ids, statement, previous)
    values (${s.caseId}, ${s.targetAccountId}, ${s.action}, ${s.statusIds}::bigint[], ${s.ruleIds}::bigint[], ${statement}, ${tx.json(previous as never)})
    returning id`;
  await createNotification(tx, { accountId: s.targetAccountId, fromAccountId: s.targetAccountId, type: "moderation_warning", allowSelf: true });
  await appendToLog(tx, [{ kind: "moderation.sanction", payload: { case: s.caseId, sanction: row!.id, action: s.action, rules: s.ruleIds, posts: s.statusIds.length, reason: s.reason } }]);
  // For federation: Block/Flag/Update to the origin as the action requires.
  await ctx.events.emit(tx, "moderation.sanction_applied", { sanctionId: row!.id, action: s.action, accountId: s.targetAccountId, statusIds: s.statusIds });
  return row!.id;
}

async function statementOfReasons(tx: Tx, origin: string, s: SanctionInput): Promise<string> {
  const rules = await tx<{ text: string }[]>`select text from rules where id = any(${s.ruleIds}::bigint[]) order by position, id`;
  const [c] = await tx<{ sanctionInForce: boolean; appealOf: string | null }[]>`select sanction_in_force, appeal_of from moderation_cases where id = ${s.caseId}`;
  const who = c?.sanctionInForce && !c.appealOf
    ? `A member of the moderation body acted urgently (case ${s.caseId}); a jury of members drawn at random must confirm it before its deadline, or it is reverted.`
    : `A jury of members drawn at random upheld this in case ${s.caseId}.`;
  const content = await tx<{ text: string }[]>`
    select distinct on (e.status_id) e.text from report_evidence e join reports r on r.id = e.report_id
    where r.case_id = ${s.caseId} and e.status_id = any(${s.statusIds}::bigint[]) order by e.status_id`;
  return [
    `Decision: ${DESCRIPTIONS[s.action]} ${who}`,
    `Rules: ${rules.length ? rules.map((r) => `"${r.text}"`).join("; ") : "none cited"}.`,
    content.length ? `Content: ${content.map((c) => `"${c.text}"`).join("; ")}.` : "",
    `Reasons: ${s.reason}`,
    `How to appeal: you may appeal once, to a new and larger jury, with POST ${origin}/api/stoa/v1/cases/${s.caseId}/appeal. The decision is recorded in the public log at ${origin}/transparency.`,
  ].filter(Boolean).join("\n");
}

/**
 * Undoes every sanction of `sanctionCaseId` still in force (after an appeal or an unconfirmed
 * urgent action decided in `decidingCaseId`): restores what it changed, tells the person, logs it.
 */
export async function revertSanctions(ctx: AppContext, tx: Tx, sanctionCaseId: string, decidingCaseId: string): Promise<void> {
  const rows = await tx<{ id: string; accountId: string; action: SanctionAction; previous: { statuses?: { id: string; sensitive: boolean; spoilerText: string }[]; removed?: string[]; silencedAt?: string | null; suspendedAt?: string | null } }[]>`
    update sanctions set reverted_at = now() where case_id = ${sanctionCaseId} and reverted_at is null returning id, account_id, action, previous`;
  for (const s of rows) {
    if (s.action === "sensitive") {
      for (const st of s.previous.statuses ?? []) await tx`update statuses set sensitive = ${st.sensitive}, spoiler_text = ${st.spoilerText} where id = ${st.id}`;
    } else if (s.action === "remove") {
      const restored = await tx`update statuses set deleted_at = null where id = any(${s.previous.removed ?? []}::bigint[]) and deleted_at is not null`;
      await tx`update accounts set statuses_count = statuses_count + ${restored.count} where id = ${s.accountId}`;
    } else if (s.action === "limit") {
      await tx`update accounts set silenced_at = ${s.previous.silencedAt ?? null} where id = ${s.accountId}`;
    } else {
      await tx`update accounts set suspended_at = ${s.previous.suspendedAt ?? null} where id = ${s.accountId}`;
    }
    await createNotification(tx, { accountId: s.accountId, fromAccountId: s.accountId, type: "moderation_warning", allowSelf: true });
    await appendToLog(tx, [{ kind: "moderation.sanction_reverted", payload: { case: decidingCaseId, sanction: s.id, action: s.action } }]);
    await ctx.events.emit(tx, "moderation.sanction_reverted", { sanctionId: s.id, action: s.action, accountId: s.accountId });
  }
}
