/**
 * Amendments put to a vote: the authors, instead of deciding, open a majority vote
 * (accept / reject) among those who decide the proposal itself; its result decides.
 */
import type { AppContext } from "../../context.ts";
import { notFound, unprocessable } from "../../lib/errors.ts";
import { decideAmendment, type Amendment } from "./amendments.ts";
import { createProposal, openVote, requireProposal, startDeliberation, type Proposal } from "./proposals.ts";

/** Opens a vote on a proposed amendment, closing at `closesAt`. */
export async function putAmendmentToVote(ctx: AppContext, proposal: Proposal, amendmentId: string, closesAt: Date): Promise<Amendment> {
  if (proposal.state !== "deliberation") throw unprocessable("Amendments are decided during deliberation");
  if (closesAt.getTime() <= Date.now()) throw unprocessable("closes_at must be in the future");
  const vote = await ctx.sql.begin(async (tx) => {
    const [amendment] = await tx<Amendment[]>`
      select * from gov_amendments where id = ${amendmentId} and proposal_id = ${proposal.id} and state = 'proposed' and vote_proposal_id is null for update`;
    if (!amendment) throw notFound("No proposed amendment with this id awaiting your decision");
    const created = await createProposal(tx, proposal.authorId, {
      scopeId: proposal.scopeId, bodyId: proposal.bodyId, decisionType: proposal.decisionType, title: `Amendment to: ${proposal.title}`,
      text: `${amendment.text}\n\n${amendment.reason}`.trim(), method: "majority", methodConfig: { options: ["accept", "reject"] },
      participation: proposal.participation, discussSpheres: proposal.discussSpheres, decideSpheres: proposal.decideSpheres,
      secret: proposal.secret, delegateCap: proposal.delegateCap,
    });
    await tx`update gov_amendments set vote_proposal_id = ${created.id} where id = ${amendmentId}`;
    return created;
  });
  await openVote(ctx, await startDeliberation(ctx, vote), null, closesAt);
  const [row] = await ctx.sql<Amendment[]>`select * from gov_amendments where id = ${amendmentId}`;
  return row!;
}

/** At the close of an amendment's vote: "accept" winning accepts it, anything else rejects it. Idempotent. */
export async function finishAmendmentVote(ctx: AppContext, voteProposalId: string): Promise<void> {
  await ctx.sql.begin(async (tx) => {
    const [amendment] = await tx<Amendment[]>`
      select * from gov_amendments where vote_proposal_id = ${voteProposalId} and state = 'proposed' for update`;
    if (!amendment) return;
    const [vote, proposal] = await Promise.all([requireProposal(tx, voteProposalId), requireProposal(tx, amendment.proposalId, "for update")]);
    // A proposal withdrawn meanwhile leaves the amendment undecided.
    if (proposal.state !== "deliberation") return;
    const winners = (vote.result?.winners as string[] | undefined) ?? [];
    await decideAmendment(tx, proposal, amendment.id, winners[0] === "accept", true);
  });
}
