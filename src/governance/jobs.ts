import type { AppContext } from "../context.ts";
import type { DomainJobs } from "../jobs/handlers.ts";
import { closeProposal } from "./ballots/close.ts";
import { CLOSE_PROPOSAL_JOB } from "./proposals/proposals.ts";

/** Governance background work: votes close at their close time. */
export function governanceJobs(ctx: AppContext): DomainJobs {
  return {
    name: "governance",
    jobs: {
      [CLOSE_PROPOSAL_JOB]: async ({ proposalId }: { proposalId: string }) => closeProposal(ctx, proposalId),
    },
  };
}
