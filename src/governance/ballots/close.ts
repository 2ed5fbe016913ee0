/**
 * Closing a vote: run by a job at the close time. Under the proposal's row lock (which waits
 * for ballots being cast), it freezes the ballots, weighs them (liquid delegation), counts them
 * with the registry, and stores the result with the anonymized ballot file that `stoa tally`
 * recounts: ballots in receipt-hash order (unrelated to time or voter), each with its weight
 * and receipt hash.
 */
import type { AppContext } from "../../context.ts";
import type { Tx } from "../../db/database.ts";
import { enqueue } from "../../jobs/queue.ts";
import { readBallotFile } from "../ballot-file.ts";
import { count } from "../methods/registry.ts";
import { CLOSE_PROPOSAL_JOB, requireProposal, type Proposal } from "../proposals/proposals.ts";
import { resolveForProposal } from "../delegation/delegations.ts";
import { electorate } from "./eligibility.ts";

/** Closes the proposal's vote if it is due; a vote whose close moved later is rescheduled. */
export async function closeProposal(ctx: AppContext, proposalId: string): Promise<void> {
  await ctx.sql.begin(async (tx) => {
    const proposal = await requireProposal(tx, proposalId, "for update");
    if (proposal.state !== "voting") return;
    const [due] = await tx<{ due: boolean }[]>`select closes_at <= now() as due from gov_proposals where id = ${proposalId}`;
    if (!due!.due) {
      await enqueue(tx, CLOSE_PROPOSAL_JOB, { proposalId }, { runAt: proposal.closesAt! });
      return;
    }
    const { file, participation } = await ballotFile(tx, proposal);
    const { method, input } = readBallotFile(file);
    const result = { ...count(method, input), participation };
    await tx`
      update gov_proposals set state = 'closed', closed_at = now(), updated_at = now(),
        result = ${JSON.stringify(result)}::text::jsonb, ballot_file = ${JSON.stringify(file)}::text::jsonb
      where id = ${proposalId}`;
    await ctx.events.emit(tx, "governance.vote.closed", { proposalId });
  });
}

async function ballotFile(tx: Tx, proposal: Proposal) {
  const ballots = await tx<{ voterId: string | null; receiptHash: string; ballot: string }[]>`
    select voter_id, receipt_hash, ballot::text as ballot from gov_ballots where proposal_id = ${proposal.id} order by receipt_hash`;
  let weightOf: (voterId: string | null) => number = () => 1;
  let participation: Record<string, number>;
  if (proposal.participation === "liquid") {
    const resolved = await resolveForProposal(tx, proposal);
    weightOf = (voterId) => resolved.weights.get(voterId!) ?? 0;
    participation = { electorate: resolved.counted + resolved.lost, ballots: ballots.length, counted: resolved.counted, lost: resolved.lost, capped: resolved.capped };
  } else {
    const size = (await electorate(tx, proposal)).length;
    participation = { electorate: size, ballots: ballots.length, counted: ballots.length, lost: 0, capped: 0 };
  }
  const file = {
    ...proposal.methodConfig,
    method: proposal.method,
    ballots: ballots.map((b) => ({ ...JSON.parse(b.ballot), weight: weightOf(b.voterId), receipt: b.receiptHash })),
  };
  return { file, participation };
}
