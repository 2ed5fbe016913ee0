import type { AppContext } from "../context.ts";
import type { DomainJobs } from "../jobs/handlers.ts";
import { closeProposal } from "./ballots/close.ts";
import { finishElection } from "./elections/elections.ts";
import { governanceNotificationHandlers } from "./notifications.ts";
import { CLOSE_PROPOSAL_JOB, OPEN_PROPOSAL_JOB } from "./proposals/proposals.ts";
import { finishAmendmentVote } from "./proposals/amendment-votes.ts";

/** Governance background work: votes are announced at their opening and close at their close time; closed election and amendment votes take effect; notifications. */
export function governanceJobs(ctx: AppContext): DomainJobs {
  const notify = governanceNotificationHandlers(ctx);
  return {
    name: "governance",
    jobs: {
      [CLOSE_PROPOSAL_JOB]: async ({ proposalId }: { proposalId: string }) => closeProposal(ctx, proposalId),
      [OPEN_PROPOSAL_JOB]: async ({ proposalId }: { proposalId: string }) => {
        await ctx.sql.begin((tx) => ctx.events.emit(tx, "governance.vote.opened", { proposalId }));
      },
    },
    on: {
      ...notify,
      "governance.vote.closed": async (payload: { proposalId: string }) => {
        await finishElection(ctx, payload.proposalId);
        await finishAmendmentVote(ctx, payload.proposalId);
        await notify["governance.vote.closed"](payload);
      },
    },
  };
}
