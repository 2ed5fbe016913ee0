import type { Db } from "../db/database.ts";

export interface TermsVersion {
  effectiveDate: string;
  text: string;
  /** The date of the version that replaces this one, if there is one. */
  succeededBy: string | null;
  effective: boolean;
}

/**
 * The terms in force (the latest whose date has come), else the newest upcoming version;
 * with `date`, exactly the version taking effect that day. Null when there is none.
 */
export async function findTerms(db: Db, date?: string): Promise<TermsVersion | null> {
  const [row] = await db<TermsVersion[]>`
    select to_char(t.effective_date, 'YYYY-MM-DD') as effective_date, t.text, t.effective_date <= current_date as effective,
      (select to_char(min(n.effective_date), 'YYYY-MM-DD') from terms_of_service n where n.effective_date > t.effective_date) as succeeded_by
    from terms_of_service t
    where ${date ? db`t.effective_date = ${date}::date` : db`true`}
    order by t.effective_date <= current_date desc, t.effective_date desc limit 1`;
  return row ?? null;
}

/** Publishes (or replaces) the version of the terms taking effect on `effectiveDate`. */
export async function publishTerms(db: Db, effectiveDate: string, text: string): Promise<void> {
  await db`insert into terms_of_service (effective_date, text) values (${effectiveDate}::date, ${text})
    on conflict (effective_date) do update set text = excluded.text`;
}

/** Whether `value` is a real YYYY-MM-DD day (2026-02-31 is not). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
