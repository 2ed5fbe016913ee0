/**
 * Stored liquid delegations: one per truster and functional scope, or one global (null scope).
 * Resolution (whose ballot carries whose weight) is done by resolve.ts at close, and on demand
 * for "where does my vote go".
 */
import type { Db } from "../../db/database.ts";
import { notFound, unprocessable } from "../../lib/errors.ts";
import { electorate } from "../ballots/eligibility.ts";
import type { Proposal } from "../proposals/proposals.ts";
import { resolveDelegations, type Delegation, type DelegationResult } from "./resolve.ts";

export interface StoredDelegation {
  id: string;
  trusterId: string;
  trusteeId: string;
  scopeId: string | null;
  createdAt: Date;
}

/** The resolver's name for the global delegation scope. */
const GLOBAL = "global";

/** Sets (or replaces) the truster's delegation in a functional scope, or the global one. */
export async function setDelegation(sql: Db, trusterId: string, trusteeId: string, scopeId: string | null): Promise<StoredDelegation> {
  if (trusterId === trusteeId) throw unprocessable("You cannot delegate to yourself");
  const [trustee] = await sql`select 1 from accounts where id = ${trusteeId} and domain is null and suspended_at is null`;
  if (!trustee) throw unprocessable("Delegates must be active local accounts");
  if (scopeId !== null) {
    const [scope] = await sql<{ tree: string }[]>`select tree from gov_scopes where id = ${scopeId}`;
    if (!scope) throw unprocessable("Unknown scope");
    if (scope.tree !== "functional") throw unprocessable("Delegation is per functional scope, or global");
  }
  const [row] = await sql<StoredDelegation[]>`
    insert into gov_delegations (truster_id, trustee_id, scope_id) values (${trusterId}, ${trusteeId}, ${scopeId})
    on conflict (truster_id, coalesce(scope_id, 0)) do update set trustee_id = excluded.trustee_id, created_at = now()
    returning id, truster_id, trustee_id, scope_id, created_at`;
  return row!;
}

/** Revokes the truster's delegation in a scope (null: the global one). */
export async function revokeDelegation(sql: Db, trusterId: string, scopeId: string | null): Promise<void> {
  const rows = await sql`delete from gov_delegations where truster_id = ${trusterId} and coalesce(scope_id, 0) = ${scopeId ?? 0}`;
  if (rows.count === 0) throw notFound("No delegation in this scope");
}

/** Delegations the account gives and receives. */
export async function delegationsOf(sql: Db, accountId: string): Promise<{ given: StoredDelegation[]; received: StoredDelegation[] }> {
  const rows = await sql<StoredDelegation[]>`
    select id, truster_id, trustee_id, scope_id, created_at from gov_delegations
    where truster_id = ${accountId} or trustee_id = ${accountId} order by id`;
  return { given: rows.filter((d) => d.trusterId === accountId), received: rows.filter((d) => d.trusteeId === accountId) };
}

/** The delegation scopes that apply to a proposal, broadest first: global, then its functional path. */
export async function delegationScopePath(sql: Db, proposal: Proposal): Promise<string[]> {
  const rows = await sql<{ id: string; tree: string }[]>`
    with recursive up as (
      select id, tree, parent_id, 0 as depth from gov_scopes where id = ${proposal.scopeId}
      union all select s.id, s.tree, s.parent_id, up.depth + 1 from gov_scopes s join up on s.id = up.parent_id)
    select id, tree from up order by depth desc`;
  return [GLOBAL, ...rows.filter((r) => r.tree === "functional").map((r) => r.id)];
}

/**
 * Resolves the proposal's delegations against the ballots cast so far: the electorate plus
 * anyone whose ballot was accepted while eligible (eligibility is checked at vote time).
 */
export async function resolveForProposal(sql: Db, proposal: Proposal): Promise<DelegationResult> {
  const [members, voters, scopePath] = await Promise.all([
    electorate(sql, proposal),
    sql<{ accountId: string }[]>`select account_id from gov_voters where proposal_id = ${proposal.id}`,
    delegationScopePath(sql, proposal),
  ]);
  const voterIds = voters.map((v) => v.accountId);
  const all = [...new Set([...members, ...voterIds])];
  const functional = scopePath.slice(1);
  const rows = await sql<{ trusterId: string; trusteeId: string; scopeId: string | null }[]>`
    select truster_id, trustee_id, scope_id from gov_delegations
    where truster_id = any(${all}::bigint[]) and (scope_id is null or scope_id = any(${functional}::bigint[]))`;
  const delegations: Delegation[] = rows.map((d) => ({ truster: d.trusterId, trustee: d.trusteeId, scope: d.scopeId ?? GLOBAL }));
  return resolveDelegations({ members: all, delegations, scopePath, directVoters: voterIds, maxWeight: proposal.delegateCap ?? undefined });
}
