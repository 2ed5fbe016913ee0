/**
 * Membership of the cooperative and the spheres derived from it: inner (members, workers,
 * seated board members), outer (other local accounts), ecosystem (remote accounts). Other
 * domains (moderation, proposals) ask here who belongs where.
 */
import type { Db } from "../../db/database.ts";
import { forbidden, notFound, unprocessable } from "../../lib/errors.ts";
import { bodiesWithPower } from "../bodies/bodies.ts";

export type Sphere = "inner" | "outer" | "ecosystem";
export type MembershipStatus = "pending" | "member" | "rejected" | "left";

export interface Membership {
  accountId: string;
  status: MembershipStatus;
  statement: string;
  worker: boolean;
  appliedAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
}

/** Whether the account is a member of the cooperative now. */
export async function isMember(sql: Db, accountId: string): Promise<boolean> {
  const [row] = await sql`select 1 from gov_memberships where account_id = ${accountId} and status = 'member'`;
  return row !== undefined;
}

/** The account's sphere, or null when there is no such account. */
export async function sphereOf(sql: Db, accountId: string): Promise<Sphere | null> {
  const [row] = await sql<{ domain: string | null; member: boolean; board: boolean }[]>`
    select a.domain,
      exists (select 1 from gov_memberships m where m.account_id = a.id and m.status = 'member') as member,
      exists (select 1 from gov_body_members bm join gov_bodies b on b.id = bm.body_id
              where bm.account_id = a.id and bm.left_at is null and b.kind = 'top-level' and b.filling <> 'open') as board
    from accounts a where a.id = ${accountId}`;
  if (!row) return null;
  if (row.domain !== null) return "ecosystem";
  return row.member || row.board ? "inner" : "outer";
}

/** SQL condition on a row of `accounts` aliased `alias`: the account is in one of `spheres` (for eligibility queries). */
export function inSpheres(sql: Db, alias: string, spheres: readonly Sphere[]) {
  const id = sql(`${alias}.id`);
  const domain = sql(`${alias}.domain`);
  const inner = sql`(exists (select 1 from gov_memberships m where m.account_id = ${id} and m.status = 'member')
    or exists (select 1 from gov_body_members bm join gov_bodies b on b.id = bm.body_id
               where bm.account_id = ${id} and bm.left_at is null and b.kind = 'top-level' and b.filling <> 'open'))`;
  const parts = [];
  if (spheres.includes("inner")) parts.push(sql`(${domain} is null and ${inner})`);
  if (spheres.includes("outer")) parts.push(sql`(${domain} is null and not ${inner})`);
  if (spheres.includes("ecosystem")) parts.push(sql`${domain} is not null`);
  if (parts.length === 0) return sql`false`;
  return parts.reduce((a, b) => sql`${a} or ${b}`);
}

/** The account's membership record, if it ever applied. */
export async function findMembership(sql: Db, accountId: string): Promise<Membership | null> {
  const [row] = await sql<Membership[]>`select * from gov_memberships where account_id = ${accountId}`;
  return row ?? null;
}

/** A local account applies (again, after a rejection or leaving). */
export async function applyForMembership(sql: Db, accountId: string, statement: string): Promise<Membership> {
  const [account] = await sql<{ domain: string | null }[]>`select domain from accounts where id = ${accountId}`;
  if (!account) throw notFound();
  if (account.domain !== null) throw unprocessable("Only local accounts can become members");
  const [row] = await sql<Membership[]>`
    insert into gov_memberships (account_id, status, statement) values (${accountId}, 'pending', ${statement})
    on conflict (account_id) do update set status = 'pending', statement = excluded.statement, applied_at = now(), decided_at = null, decided_by = null
      where gov_memberships.status in ('rejected', 'left')
    returning *`;
  if (!row) throw unprocessable("You have already applied or are a member");
  return row;
}

/** Whether the account may admit members: an admin, or seated in a body with the `admit_members` power. */
export async function canAdmit(sql: Db, actor: { accountId: string; role: string | null }): Promise<boolean> {
  if (actor.role === "owner" || actor.role === "admin") return true;
  const bodies = await bodiesWithPower(sql, "admit_members");
  if (bodies.length === 0) return false;
  const [seat] = await sql`
    select 1 from gov_body_members where account_id = ${actor.accountId} and left_at is null and body_id = any(${bodies}::bigint[])`;
  return seat !== undefined;
}

/** Admits or rejects a pending application. */
export async function decideMembership(sql: Db, actor: { accountId: string; role: string | null }, accountId: string, admit: boolean): Promise<Membership> {
  if (!(await canAdmit(sql, actor))) throw forbidden("You may not decide on membership");
  const [row] = await sql<Membership[]>`
    update gov_memberships set status = ${admit ? "member" : "rejected"}, decided_at = now(), decided_by = ${actor.accountId}
    where account_id = ${accountId} and status = 'pending' returning *`;
  if (!row) throw notFound("No pending application");
  return row;
}

/** A member leaves the cooperative. */
export async function leaveMembership(sql: Db, accountId: string): Promise<void> {
  const rows = await sql`update gov_memberships set status = 'left', decided_at = now(), decided_by = ${accountId} where account_id = ${accountId} and status in ('member', 'pending')`;
  if (rows.count === 0) throw unprocessable("You are not a member");
}
