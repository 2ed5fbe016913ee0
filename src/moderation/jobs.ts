import type { AppContext } from "../context.ts";
import type { DomainJobs } from "../jobs/handlers.ts";
import { CASE_DEADLINE_JOB, closeAtDeadline } from "./jury.ts";

/** Moderation's background work: closing votes at their deadline. */
export function moderationJobs(ctx: AppContext): DomainJobs {
  return {
    name: "moderation",
    jobs: { [CASE_DEADLINE_JOB]: (payload: { caseId: string }) => closeAtDeadline(ctx, payload.caseId) },
  };
}
