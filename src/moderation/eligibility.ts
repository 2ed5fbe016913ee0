/**
 * The seam between moderation and governance membership: who forms the moderation body and
 * who may sit on a jury. Implemented for now on what exists (local, active, confirmed accounts
 * and their role); when governance bodies and scopes land, these functions switch to the
 * membership of the moderation body and of the case's scope, and nothing else changes.
 */
import type { Db } from "../db/database.ts";

/** Conditions a juror must meet besides being a member in good standing. */
export interface JuryEligibility {
  /** Target, reporters and anyone else who is a party: never jurors, nor anyone related to them. */
  involved: string[];
  /** Primary language of the case (`en`, `pt-BR` → `pt`); null: any. */
  language: string | null;
  minAccountAgeDays: number;
  /** Not drawn for another case within this many days. */
  cooldownDays: number;
}

/** Local account ids of the moderation body (or only `accountId`, when it belongs): active users with role moderator, admin or owner. */
export async function moderationBodyMembers(db: Db, accountId?: string): Promise<string[]> {
  const rows = await db<{ accountId: string }[]>`
    select u.account_id from users u join accounts a on a.id = u.account_id
    where u.role in ('moderator', 'admin', 'owner') and not u.disabled and u.approved and a.suspended_at is null
      ${accountId === undefined ? db`` : db`and u.account_id = ${accountId}`}
    order by u.account_id`;
  return rows.map((r) => r.accountId);
}

/** Whether the account belongs to the moderation body (checked by one row, not by listing the body). */
export async function isModerationBodyMember(db: Db, accountId: string): Promise<boolean> {
  return (await moderationBodyMembers(db, accountId)).length > 0;
}

/**
 * Account ids that may be drawn, ascending: local, approved, confirmed, not disabled, not
 * suspended or silenced, old enough, reading the case's language, not a party, not following,
 * followed by, blocking or blocked by a party, and not drawn recently.
 */
export async function eligibleJurors(db: Db, e: JuryEligibility): Promise<string[]> {
  const involved = e.involved;
  const language = e.language?.split("-")[0]?.toLowerCase() ?? null;
  const rows = await db<{ id: string }[]>`
    select a.id from accounts a join users u on u.account_id = a.id
    where a.domain is null and u.approved and not u.disabled and u.confirmed_at is not null
      and a.suspended_at is null and a.silenced_at is null and not a.memorial
      and a.created_at <= now() - make_interval(days => ${e.minAccountAgeDays})
      and (${language}::text is null or split_part(lower(u.locale), '-', 1) = ${language})
      and a.id <> all(${involved}::bigint[])
      and not exists (select 1 from follows f where (f.account_id = a.id and f.target_account_id = any(${involved}::bigint[]))
                                                or (f.target_account_id = a.id and f.account_id = any(${involved}::bigint[])))
      and not exists (select 1 from blocks b where (b.account_id = a.id and b.target_account_id = any(${involved}::bigint[]))
                                               or (b.target_account_id = a.id and b.account_id = any(${involved}::bigint[])))
      and not exists (select 1 from case_jurors j where j.account_id = a.id and j.drawn_at > now() - make_interval(days => ${e.cooldownDays}))
    order by a.id`;
  return rows.map((r) => r.id);
}
