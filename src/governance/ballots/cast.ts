/**
 * Casting ballots. A ballot is validated by the proposal's method before anything is stored;
 * it may be changed until the close. The voter receives a receipt: its sha256 is stored with
 * the ballot and published with it in the ballot file, so the voter can check it was counted.
 * On secret proposals the ballot row holds no identity; changing it requires the receipt.
 */
import type { AppContext } from "../../context.ts";
import { randomToken, sha256 } from "../../lib/crypto.ts";
import { notFound, unprocessable } from "../../lib/errors.ts";
import { readBallotFile } from "../ballot-file.ts";
import { count } from "../methods/registry.ts";
import { InvalidBallotError } from "../methods/types.ts";
import { requireProposal, type Proposal } from "../proposals/proposals.ts";
import { isEligible } from "./eligibility.ts";
import type { Db } from "../../db/database.ts";

export interface Receipt {
  receipt: string;
  receiptHash: string;
}

/** Checks one ballot against the proposal's method; returns it as the ballot file will hold it (no weight). */
export function checkBallot(proposal: Proposal, raw: unknown): Record<string, unknown> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw unprocessable("ballot must be an object");
  const { weight: _weight, ...ballot } = raw as Record<string, unknown>;
  try {
    const file = readBallotFile({ ...proposal.methodConfig, method: proposal.method, ballots: [ballot] });
    count(file.method, file.input as never);
    return (file.input as { ballots: Record<string, unknown>[] }).ballots[0]!;
  } catch (error) {
    if (!(error instanceof InvalidBallotError)) throw error;
    throw unprocessable(error.message.replace(/^invalid ballot file for [\w-]+ at ballots\.0\.?/, "ballot ").replace(/^ballot 1: /, "ballot: "), { ballot: error.message });
  }
}

/** Records (or replaces) the voter's ballot while the vote is open. */
export async function castVote(ctx: AppContext, proposalId: string, voterId: string, raw: unknown, oldReceipt: string | null): Promise<Receipt> {
  return ctx.sql.begin(async (tx) => {
    // A shared lock: ballots go in concurrently, and the close (which locks for update) waits for them.
    const proposal = await requireProposal(tx, proposalId, "for share");
    const [timing] = await tx<{ open: boolean; closed: boolean }[]>`
      select coalesce(opens_at <= now(), false) as open, coalesce(closes_at <= now(), false) as closed from gov_proposals where id = ${proposalId}`;
    if (proposal.state === "closed" || timing!.closed) throw unprocessable("The vote is closed");
    if (proposal.state !== "voting" || !timing!.open) throw unprocessable("The vote is not open");
    const ballot = checkBallot(proposal, raw);
    if (!(await isEligible(tx, proposal, voterId))) throw unprocessable("You are not eligible to vote on this proposal");

    const receipt = randomToken(24);
    const receiptHash = sha256(receipt);
    // The voter row is written first: its row lock serialises two ballots of one voter.
    const [voter] = await tx<{ first: boolean }[]>`
      insert into gov_voters (proposal_id, account_id) values (${proposalId}, ${voterId})
      on conflict (proposal_id, account_id) do update set last_voted_at = now()
      returning (xmax = 0) as first`;
    if (!proposal.secret) {
      await tx`
        insert into gov_ballots (proposal_id, voter_id, receipt_hash, ballot) values (${proposalId}, ${voterId}, ${receiptHash}, ${JSON.stringify(ballot)}::text::jsonb)
        on conflict (proposal_id, voter_id) where voter_id is not null
        do update set receipt_hash = excluded.receipt_hash, ballot = excluded.ballot, cast_at = now()`;
    } else {
      if (!voter!.first) {
        if (!oldReceipt) throw unprocessable("You have voted already: send the receipt of your ballot to change it");
        const replaced = await tx`delete from gov_ballots where proposal_id = ${proposalId} and receipt_hash = ${sha256(oldReceipt)}`;
        if (replaced.count === 0) throw unprocessable("That receipt matches no ballot of this vote");
      }
      // No time on a secret ballot: a random id (ours sort by time) and the opening as its cast time,
      // so ballots cannot be matched with the voters' rows by when they were written.
      await tx`
        insert into gov_ballots (id, proposal_id, receipt_hash, ballot, cast_at)
        values ((random() * 9e18)::bigint, ${proposalId}, ${receiptHash}, ${JSON.stringify(ballot)}::text::jsonb, ${proposal.opensAt})`;
    }
    if (!proposal.secret) await ctx.events.emit(tx, "governance.voted", { proposalId, accountId: voterId });
    return { receipt, receiptHash };
  });
}

/** The ballot recorded under a receipt hash (how a voter checks theirs), or a 404. */
export async function ballotByReceipt(sql: Db, proposalId: string, receiptHash: string): Promise<{ ballot: Record<string, unknown>; castAt: Date }> {
  const [row] = await sql<{ ballot: string; castAt: Date }[]>`
    select ballot::text as ballot, cast_at from gov_ballots where proposal_id = ${proposalId} and receipt_hash = ${receiptHash}`;
  if (!row) throw notFound("No ballot with this receipt");
  return { ballot: JSON.parse(row.ballot), castAt: row.castAt };
}

/** A public ballot of one voter, if any (secret proposals have none). */
export async function publicBallotOf(sql: Db, proposalId: string, voterId: string): Promise<Record<string, unknown> | null> {
  const [row] = await sql<{ ballot: string }[]>`select ballot::text as ballot from gov_ballots where proposal_id = ${proposalId} and voter_id = ${voterId}`;
  return row ? JSON.parse(row.ballot) : null;
}

