import { createHash } from "node:crypto";
import type { Db, Sql, Tx } from "../db/database.ts";
import { notFound, unprocessable } from "../lib/errors.ts";
import { appendToLog } from "../transparency/log.ts";
import { eligibleJurors } from "./eligibility.ts";
import { drawOrder } from "./sortition.ts";

/** How juries are formed; stored under instance setting `moderation.jury` (a governance decision). */
export interface JuryRules {
  size: number;
  /** Share of cast votes a verdict needs, e.g. 0.5 (simple) or 0.6667. */
  majority: number;
  minAccountAgeDays: number;
  cooldownDays: number;
  /** Jurors of an appeal: a new, larger jury. */
  appealSize: number;
  /** Hours jurors have to vote (once more after absent jurors are replaced). */
  deadlineHours: number;
}

export const DEFAULT_JURY_RULES: JuryRules = { size: 5, majority: 0.5, minAccountAgeDays: 7, cooldownDays: 30, appealSize: 9, deadlineHours: 72 };
/** Identifies the draw algorithm of `sortition.ts` in log entries. */
export const DRAW_ALGORITHM = "stoa-draw/1 (HMAC-SHA256 forward Fisher-Yates over ascending ids)";
/** Arbitrary constant: with the target id, serialises case opening per reported account. */
const CASE_LOCK = 7_301_171;

/** The instance's jury rules, defaults filled in. */
export async function juryRules(db: Db): Promise<JuryRules> {
  const [row] = await db<{ value: Partial<JuryRules> }[]>`select value from instance_settings where key = 'moderation.jury'`;
  return { ...DEFAULT_JURY_RULES, ...row?.value };
}

/**
 * Puts a freshly filed report into the open case about the same account, opening one when
 * there is none. Opening a case logs it (only its id: not who reported, nor whom) and takes
 * that entry's hash as the case's seed, a value nobody could know before the case existed.
 */
export async function attachReportToCase(tx: Tx, reportId: string, targetAccountId: string, statusIds: string[]): Promise<string> {
  await tx`select pg_advisory_xact_lock(${CASE_LOCK}, hashtext(${targetAccountId}))`;
  const [open] = await tx<{ id: string }[]>`
    select id from moderation_cases where target_account_id = ${targetAccountId} and status = 'open' and appeal_of is null and not sanction_in_force`;
  const id = open?.id ?? (await openCase(tx, targetAccountId, statusIds, {}));
  await tx`update reports set case_id = ${id} where id = ${reportId}`;
  return id;
}

/**
 * Opens a case: logs `moderation.case_opened` with the case id and `extra` (public facts only)
 * and keeps that entry's hash as the seed of its jury draw.
 */
export async function openCase(tx: Tx, targetAccountId: string, statusIds: string[], extra: { appealOf?: string; urgent?: boolean }): Promise<string> {
  const [row] = await tx<{ id: string }[]>`select stoa_id()::text as id`;
  const id = row!.id;
  const [entry] = await appendToLog(tx, [{ kind: "moderation.case_opened", payload: { case: id, ...extra } }]);
  const [lang] = statusIds.length
    ? await tx<{ language: string | null }[]>`select language from statuses where id = any(${statusIds}::bigint[]) and language is not null order by id desc limit 1`
    : [];
  await tx`insert into moderation_cases (id, target_account_id, language, seed, opened_log_seq, appeal_of, sanction_in_force)
    values (${id}, ${targetAccountId}, ${lang?.language ?? null}, ${entry!.hash}, ${entry!.seq}, ${extra.appealOf ?? null}, ${Boolean(extra.appealOf || extra.urgent)})`;
  return id;
}

interface CaseRow {
  id: string;
  targetAccountId: string;
  status: string;
  language: string | null;
  seed: string;
  eligibleIds: string[] | null;
}

export async function lockCase(tx: Tx, caseId: string): Promise<CaseRow> {
  const [c] = await tx<CaseRow[]>`select id, target_account_id, status, language, seed, eligible_ids from moderation_cases where id = ${caseId} for update`;
  if (!c) throw notFound();
  return c;
}

/** The parties of a case: the reported account and every reporter. */
export async function caseParties(db: Db, caseId: string, targetAccountId: string): Promise<string[]> {
  const reporters = await db<{ accountId: string }[]>`select distinct account_id from reports where case_id = ${caseId}`;
  return [targetAccountId, ...reporters.map((r) => r.accountId)];
}

/**
 * Draws the jury of an open case with the published algorithm, from the members eligible now
 * (kept with the case so replacements continue the same draw), and logs the draw: seed, size,
 * how many were eligible and a SHA-256 commitment to their sorted ids, never who was drawn.
 */
export async function drawJury(sql: Sql, caseId: string): Promise<string[]> {
  return sql.begin((tx) => drawJuryIn(tx, caseId));
}

/** `drawJury` inside the caller's transaction; `alsoInvolved` (e.g. who proposed the sanction) cannot sit either. */
export async function drawJuryIn(tx: Tx, caseId: string, alsoInvolved: string[] = [], sizeOverride?: number): Promise<string[]> {
  const c = await lockCase(tx, caseId);
  if (c.status !== "open") throw unprocessable("The case is not open");
  if (c.eligibleIds) throw unprocessable("The jury of this case was already drawn");
  const rules = await juryRules(tx);
  if (sizeOverride) rules.size = sizeOverride;
  const eligible = await eligibleJurors(tx, { ...rules, involved: [...(await caseParties(tx, c.id, c.targetAccountId)), ...alsoInvolved], language: c.language });
  if (eligible.length < rules.size) throw unprocessable(`Not enough eligible jurors (${eligible.length} of ${rules.size})`);
  const jurors = drawOrder(c.seed, eligible, rules.size);
  await tx`update moderation_cases set eligible_ids = ${eligible}::bigint[] where id = ${c.id}`;
  await tx`insert into case_jurors (case_id, account_id, position)
    select ${c.id}, * from unnest(${jurors}::bigint[], ${jurors.map((_, i) => i)}::int[])`;
  await appendToLog(tx, [{
    kind: "moderation.jury_drawn",
    payload: { case: c.id, seed: c.seed, algorithm: DRAW_ALGORITHM, size: rules.size, eligible: eligible.length, eligibleDigest: eligibleDigest(eligible) },
  }]);
  return jurors;
}

/** Replaces an absent juror by the next position of the same draw; returns the new juror. */
export async function replaceAbsentJuror(sql: Sql, caseId: string, absentAccountId: string): Promise<string> {
  return sql.begin((tx) => replaceAbsentJurorIn(tx, caseId, absentAccountId));
}

/** `replaceAbsentJuror` inside the caller's transaction. */
export async function replaceAbsentJurorIn(tx: Tx, caseId: string, absentAccountId: string): Promise<string> {
  const c = await lockCase(tx, caseId);
  if (c.status !== "open" || !c.eligibleIds) throw unprocessable("The case has no jury to complete");
  const updated = await tx`update case_jurors set absent = true where case_id = ${c.id} and account_id = ${absentAccountId} and not absent`;
  if (!updated.count) throw notFound("That person is not a present juror of this case");
  const [count] = await tx<{ n: number }[]>`select count(*)::int as n from case_jurors where case_id = ${c.id}`;
  const n = count!.n;
  const next = drawOrder(c.seed, c.eligibleIds, n + 1)[n];
  if (!next) throw unprocessable("No eligible member is left to replace the juror");
  await tx`insert into case_jurors (case_id, account_id, position) values (${c.id}, ${next}, ${n})`;
  await appendToLog(tx, [{ kind: "moderation.juror_replaced", payload: { case: c.id, position: n } }]);
  return next;
}

/** SHA-256 (hex) of the eligible ids, ascending, joined by newlines: lets auditors check the list. */
export function eligibleDigest(ids: string[]): string {
  return createHash("sha256").update(ids.join("\n")).digest("hex");
}
