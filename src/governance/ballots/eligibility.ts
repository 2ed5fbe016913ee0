/**
 * Who may decide on a proposal: an account in one of its deciding spheres, seated in its body
 * when participation is indirect, and, for a geographic scope below global, with a home scope
 * inside it. Checked when a ballot is cast; the electorate is taken once more at close.
 */
import type { Db } from "../../db/database.ts";
import { inSpheres } from "../membership/membership.ts";
import type { Proposal } from "../proposals/proposals.ts";

/** SQL condition on a row of `accounts` aliased `alias`: it may decide on the proposal. */
export function eligibleFilter(sql: Db, proposal: Proposal, alias: string) {
  const id = sql(`${alias}.id`);
  const body = proposal.bodyId === null ? sql`` : sql`and exists (
    select 1 from gov_body_members bm where bm.body_id = ${proposal.bodyId} and bm.account_id = ${id} and bm.left_at is null)`;
  const home = sql`and (
    not exists (select 1 from gov_scopes s where s.id = ${proposal.scopeId} and s.tree = 'geographic' and s.parent_id is not null)
    or exists (
      with recursive down as (
        select id from gov_scopes where id = ${proposal.scopeId}
        union all select s.id from gov_scopes s join down on s.parent_id = down.id)
      select 1 from gov_home_scopes h where h.account_id = ${id} and h.scope_id in (select id from down)))`;
  return sql`(${inSpheres(sql, alias, proposal.decideSpheres)}) ${body} ${home}`;
}

/** Whether the account may decide on the proposal now. */
export async function isEligible(sql: Db, proposal: Proposal, accountId: string): Promise<boolean> {
  const [row] = await sql`select 1 from accounts a where a.id = ${accountId} and a.suspended_at is null and ${eligibleFilter(sql, proposal, "a")}`;
  return row !== undefined;
}

/** Every account that may decide on the proposal now. */
export async function electorate(sql: Db, proposal: Proposal): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`select a.id from accounts a where a.suspended_at is null and ${eligibleFilter(sql, proposal, "a")} order by a.id`;
  return rows.map((r) => r.id);
}
