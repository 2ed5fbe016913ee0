import type { Proposal } from "../../governance/proposals/proposals.ts";
import type { Amendment, ImplementationUpdate } from "../../governance/proposals/amendments.ts";
import type { StoredDelegation } from "../../governance/delegation/delegations.ts";

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A proposal as the Stoa API shows it; the result only once the vote is closed. */
export function serializeProposal(origin: string, p: Proposal, authors: string[]) {
  return {
    id: p.id, url: `${origin}/governance/proposals/${p.id}`, title: p.title, text: p.text, state: p.state,
    scope_id: p.scopeId, body_id: p.bodyId, decision_type: p.decisionType, author_id: p.authorId, authors,
    method: p.method, method_config: p.methodConfig, participation: p.participation,
    discuss_spheres: p.discussSpheres, decide_spheres: p.decideSpheres, secret: p.secret, delegate_cap: p.delegateCap,
    thread_status_id: p.threadStatusId, opens_at: iso(p.opensAt), closes_at: iso(p.closesAt), closed_at: iso(p.closedAt),
    result: p.state === "closed" ? p.result : null, created_at: iso(p.createdAt), updated_at: iso(p.updatedAt),
  };
}

/** An amendment with its decision. */
export const serializeAmendment = (a: Amendment) => ({
  id: a.id, proposal_id: a.proposalId, account_id: a.accountId, text: a.text, reason: a.reason, state: a.state,
  previous_text: a.previousText, vote_proposal_id: a.voteProposalId, created_at: iso(a.createdAt), decided_at: iso(a.decidedAt),
});

/** An implementation update. */
export const serializeUpdate = (u: ImplementationUpdate) => ({ id: u.id, account_id: u.accountId, status: u.status, text: u.text, created_at: iso(u.createdAt) });

/** A stored delegation. */
export const serializeDelegation = (d: StoredDelegation) => ({
  id: d.id, truster_id: d.trusterId, trustee_id: d.trusteeId, scope_id: d.scopeId, created_at: iso(d.createdAt),
});
