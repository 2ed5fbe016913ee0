import type { AppContext } from "../context.ts";
import type { DomainJobs } from "../jobs/handlers.ts";
import { closeProposal } from "./ballots/close.ts";
import { finishElection } from "./elections/elections.ts";
import { CLOSE_PROPOSAL_JOB } from "./proposals/proposals.ts";

/** Governance background work: votes close at their close time; closed election votes fill seats. */
export function governanceJobs(ctx: AppContext): DomainJobs {
  return {
    name: "governance",
    jobs: {
      [CLOSE_PROPOSAL_JOB]: async ({ proposalId }: { proposalId: string }) => closeProposal(ctx, proposalId),
    },
    on: {
      "governance.vote.closed": async ({ proposalId }: { proposalId: string }) => finishElection(ctx, proposalId),
    },
  };
}
