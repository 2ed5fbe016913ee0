import type { Db } from "../db/database.ts";

/** Moderation in figures over one period: what the transparency report publishes. */
export interface TransparencyReport {
  from: string;
  to: string;
  reports: number;
  casesOpened: number;
  casesDecided: number;
  verdicts: { upheld: number; rejected: number };
  sanctions: { total: number; byAction: Record<string, number>; byRule: { ruleId: string; text: string; count: number }[] };
  /** Hours from a case's opening to its verdict, over cases decided in the period. */
  hoursToDecision: { median: number | null; p90: number | null };
  appeals: { filed: number; decided: number; reversed: number };
  urgentActions: { taken: number; reverted: number };
  /** Sanctions undone in the period (appeals and unconfirmed urgent actions). */
  reversals: number;
}

/** Figures for `[from, to)`. Counts only, never who reported or who was sanctioned. */
export async function transparencyReport(db: Db, from: Date, to: Date): Promise<TransparencyReport> {
  const [f] = await db<{
    reports: number; opened: number; decided: number; upheld: number; rejected: number; median: number | null; p90: number | null;
    appealsFiled: number; appealsDecided: number; appealsReversed: number; urgentTaken: number; urgentReverted: number; reversals: number; sanctions: number;
  }[]>`
    select
      (select count(*)::int from reports where created_at >= ${from} and created_at < ${to}) as reports,
      (select count(*)::int from moderation_cases where opened_at >= ${from} and opened_at < ${to}) as opened,
      (select count(*)::int from moderation_cases where decided_at >= ${from} and decided_at < ${to}) as decided,
      (select count(*)::int from moderation_cases where decided_at >= ${from} and decided_at < ${to} and verdict = 'upheld') as upheld,
      (select count(*)::int from moderation_cases where decided_at >= ${from} and decided_at < ${to} and verdict = 'rejected') as rejected,
      (select percentile_cont(0.5) within group (order by extract(epoch from decided_at - opened_at) / 3600)
         from moderation_cases where decided_at >= ${from} and decided_at < ${to}) as median,
      (select percentile_cont(0.9) within group (order by extract(epoch from decided_at - opened_at) / 3600)
         from moderation_cases where decided_at >= ${from} and decided_at < ${to}) as p90,
      (select count(*)::int from moderation_cases where appeal_of is not null and opened_at >= ${from} and opened_at < ${to}) as appeals_filed,
      (select count(*)::int from moderation_cases where appeal_of is not null and decided_at >= ${from} and decided_at < ${to}) as appeals_decided,
      (select count(*)::int from moderation_cases where appeal_of is not null and decided_at >= ${from} and decided_at < ${to} and verdict = 'rejected') as appeals_reversed,
      (select count(*)::int from moderation_cases where sanction_in_force and appeal_of is null and opened_at >= ${from} and opened_at < ${to}) as urgent_taken,
      (select count(*)::int from moderation_cases where sanction_in_force and appeal_of is null and decided_at >= ${from} and decided_at < ${to} and verdict = 'rejected') as urgent_reverted,
      (select count(*)::int from sanctions where reverted_at >= ${from} and reverted_at < ${to}) as reversals,
      (select count(*)::int from sanctions where created_at >= ${from} and created_at < ${to}) as sanctions`;
  const byAction = await db<{ action: string; n: number }[]>`
    select action, count(*)::int as n from sanctions where created_at >= ${from} and created_at < ${to} group by action order by action`;
  const byRule = await db<{ ruleId: string; text: string; count: number }[]>`
    select r.id as rule_id, r.text, count(*)::int as count from sanctions s cross join unnest(s.rule_ids) as cited(id) join rules r on r.id = cited.id
    where s.created_at >= ${from} and s.created_at < ${to} group by r.id, r.text order by count desc, r.id`;
  const round = (h: number | null) => (h === null ? null : Math.round(h * 10) / 10);
  return {
    from: from.toISOString(), to: to.toISOString(), reports: f!.reports, casesOpened: f!.opened, casesDecided: f!.decided,
    verdicts: { upheld: f!.upheld, rejected: f!.rejected },
    sanctions: { total: f!.sanctions, byAction: Object.fromEntries(byAction.map((a) => [a.action, a.n])), byRule },
    hoursToDecision: { median: round(f!.median), p90: round(f!.p90) },
    appeals: { filed: f!.appealsFiled, decided: f!.appealsDecided, reversed: f!.appealsReversed },
    urgentActions: { taken: f!.urgentTaken, reverted: f!.urgentReverted },
    reversals: f!.reversals,
  };
}

/** The calendar month `YYYY-MM` as `[from, to)` in UTC, or null when malformed. */
export function monthPeriod(month: string): { from: Date; to: Date } | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) return null;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  return { from: new Date(Date.UTC(y, mo - 1, 1)), to: new Date(Date.UTC(y, mo, 1)) };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The report as a server-rendered page (no JavaScript). */
export function renderReportPage(month: string, r: TransparencyReport): string {
  const row = (label: string, value: string | number | null) => `<tr><th scope="row">${escape(label)}</th><td>${value === null ? "—" : escape(String(value))}</td></tr>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Transparency report ${escape(month)}</title></head>
<body><main>
<h1>Transparency report, ${escape(month)}</h1>
<p>Moderation on this instance in figures. Every decision counted here is in the <a href="/transparency">public log</a>;
the same figures as <a href="/api/stoa/v1/transparency/report?month=${escape(month)}">JSON</a>.</p>
<table><tbody>
${row("Reports received", r.reports)}
${row("Cases opened", r.casesOpened)}
${row("Cases decided", r.casesDecided)}
${row("Verdicts upholding a sanction", r.verdicts.upheld)}
${row("Verdicts rejecting a sanction", r.verdicts.rejected)}
${row("Median hours to decision", r.hoursToDecision.median)}
${row("90th percentile hours to decision", r.hoursToDecision.p90)}
${row("Sanctions applied", r.sanctions.total)}
${Object.entries(r.sanctions.byAction).map(([a, n]) => row(`Sanctions: ${a}`, n)).join("\n")}
${r.sanctions.byRule.map((x) => row(`Under rule “${x.text}”`, x.count)).join("\n")}
${row("Appeals filed", r.appeals.filed)}
${row("Appeals decided", r.appeals.decided)}
${row("Appeals that reversed the sanction", r.appeals.reversed)}
${row("Urgent actions taken", r.urgentActions.taken)}
${row("Urgent actions reverted", r.urgentActions.reverted)}
${row("Sanctions reversed", r.reversals)}
</tbody></table>
</main></body></html>`;
}
