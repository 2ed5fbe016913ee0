/**
 * Amendments (whole proposed texts, accepted or rejected by the authors during deliberation;
 * an accepted one replaces the text and keeps the previous one as history) and implementation
 * updates after the result.
 */
import type { Db } from "../../db/database.ts";
import { notFound, unprocessable } from "../../lib/errors.ts";
import type { Proposal } from "./proposals.ts";

export interface Amendment {
  id: string;
  proposalId: string;
  accountId: string;
  text: string;
  reason: string;
  state: "proposed" | "accepted" | "rejected";
  previousText: string | null;
  voteProposalId: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

export interface ImplementationUpdate {
  id: string;
  accountId: string;
  status: "planned" | "in-progress" | "done" | "abandoned";
  text: string;
  createdAt: Date;
}

/** Proposes a new text during deliberation. */
export async function proposeAmendment(sql: Db, proposal: Proposal, accountId: string, text: string, reason: string): Promise<Amendment> {
  if (proposal.state !== "deliberation") throw unprocessable("Amendments are proposed during deliberation");
  const [row] = await sql<Amendment[]>`
    insert into gov_amendments (proposal_id, account_id, text, reason) values (${proposal.id}, ${accountId}, ${text}, ${reason}) returning *`;
  return row!;
}

/** The proposal's amendments, oldest first. */
export async function amendmentsOf(sql: Db, proposalId: string): Promise<Amendment[]> {
  return sql<Amendment[]>`select * from gov_amendments where proposal_id = ${proposalId} order by id`;
}

/**
 * Accepts (the text is replaced) or rejects a proposed amendment: by the authors, or by the
 * result of its vote (`byVote`); an amendment under a vote is the vote's to decide.
 */
export async function decideAmendment(sql: Db, proposal: Proposal, amendmentId: string, accept: boolean, byVote = false): Promise<Amendment> {
  if (proposal.state !== "deliberation") throw unprocessable("Amendments are decided during deliberation");
  const [row] = await sql<Amendment[]>`
    update gov_amendments set state = ${accept ? "accepted" : "rejected"}, decided_at = now(),
      previous_text = ${accept ? proposal.text : null}
    where id = ${amendmentId} and proposal_id = ${proposal.id} and state = 'proposed'
      and ${byVote ? sql`vote_proposal_id is not null` : sql`vote_proposal_id is null`}
    returning *`;
  if (!row) throw notFound("No proposed amendment with this id awaiting your decision");
  if (accept) await sql`update gov_proposals set text = ${row.text}, updated_at = now() where id = ${proposal.id}`;
  return row;
}

/** Posts an implementation update on a decided proposal. */
export async function addUpdate(sql: Db, proposal: Proposal, accountId: string, status: ImplementationUpdate["status"], text: string): Promise<ImplementationUpdate> {
  if (proposal.state !== "closed") throw unprocessable("Implementation updates follow the result");
  const [row] = await sql<ImplementationUpdate[]>`
    insert into gov_proposal_updates (proposal_id, account_id, status, text) values (${proposal.id}, ${accountId}, ${status}, ${text})
    returning id, account_id, status, text, created_at`;
  return row!;
}

/** A proposal's implementation updates, oldest first. */
export async function updatesOf(sql: Db, proposalId: string): Promise<ImplementationUpdate[]> {
  return sql<ImplementationUpdate[]>`select id, account_id, status, text, created_at from gov_proposal_updates where proposal_id = ${proposalId} order by id`;
}
