import type { AppContext } from "../context.ts";
import type { JobHandler } from "./queue.ts";

/** A domain's background work: job kind → handler. */
export type JobHandlers = Record<string, JobHandler>;

/** Each domain that does background work contributes its handlers here. */
const domains: ((ctx: AppContext) => JobHandlers)[] = [];

/** Registers every domain's job handlers on the context's runner. */
export function registerJobHandlers(ctx: AppContext): void {
  for (const handlersOf of domains) {
    for (const [kind, handler] of Object.entries(handlersOf(ctx))) ctx.jobs.handle(kind, handler);
  }
}
