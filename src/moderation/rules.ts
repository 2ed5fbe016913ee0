import type { AppContext } from "../context.ts";
import type { Db } from "../db/database.ts";
import { forbidden, unprocessable } from "../lib/errors.ts";
import { appendToLog } from "../transparency/log.ts";
import { isModerationBodyMember } from "./eligibility.ts";

export interface Rule {
  id: string;
  text: string;
  hint: string;
}

export interface RuleVersion {
  version: number;
  rules: Rule[];
  createdAt: Date;
}

/** Arbitrary constant: serialises rule changes so versions never interleave. */
const RULES_LOCK = 7_301_175;

/**
 * Replaces the instance rules with a new version. A rule that keeps its id, text and hint keeps
 * its id (reports citing it stay valid); any other change makes a new rule and retires the old
 * one, so each id always means one text. The version is kept and logged.
 * Who may change the rules is, for now, the moderation body; governance decisions take over here.
 */
export async function changeRules(ctx: AppContext, byAccountId: string, next: { id?: string; text: string; hint: string }[]): Promise<RuleVersion> {
  if (!(await isModerationBodyMember(ctx.sql, byAccountId))) throw forbidden("Only the body that holds that power can change the rules");
  if (new Set(next.map((r) => r.text)).size !== next.length) throw unprocessable("Two rules have the same text");
  return ctx.sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${RULES_LOCK})`;
    const current = await tx<Rule[]>`select id, text, hint from rules where deleted_at is null`;
    const byId = new Map(current.map((r) => [r.id, r]));
    const rules: Rule[] = [];
    for (const [position, r] of next.entries()) {
      const kept = r.id ? byId.get(r.id) : undefined;
      if (kept && kept.text === r.text && kept.hint === r.hint) {
        await tx`update rules set position = ${position} where id = ${kept.id}`;
        rules.push(kept);
      } else {
        const [row] = await tx<{ id: string }[]>`insert into rules (text, hint, position) values (${r.text}, ${r.hint}, ${position}) returning id`;
        rules.push({ id: row!.id, text: r.text, hint: r.hint });
      }
    }
    const keep = rules.map((r) => r.id);
    await tx`update rules set deleted_at = now() where deleted_at is null and id <> all(${keep}::bigint[])`;
    const [last] = await tx<{ v: number }[]>`select coalesce(max(version), 0)::int as v from rule_versions`;
    const version = last!.v + 1;
    const [row] = await tx<{ createdAt: Date }[]>`
      insert into rule_versions (version, rules, changed_by) values (${version}, ${tx.json(rules as never)}, ${byAccountId}) returning created_at`;
    await appendToLog(tx, [{ kind: "rules.changed", payload: { version, rules: rules.map((r) => ({ id: r.id, text: r.text, hint: r.hint })) } }]);
    return { version, rules, createdAt: row!.createdAt };
  });
}

/** Every version, newest first. */
export async function ruleVersions(db: Db): Promise<RuleVersion[]> {
  return db<RuleVersion[]>`select version, rules, created_at from rule_versions order by version desc`;
}
