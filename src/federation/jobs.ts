import type { AppContext } from "../context.ts";
import type { DomainJobs } from "../jobs/handlers.ts";
import type { JobHandler } from "../jobs/queue.ts";
import { federationOf } from "./federation.ts";
import { FEDERATION_MESSAGE_JOB } from "./message-queue.ts";
import { followSubscribers } from "./outbound.ts";
import { statusSubscribers } from "./statuses-out.ts";
import { likeSubscribers } from "./likes-out.ts";
import { announceSubscribers } from "./announces-out.ts";
import { blockSubscribers } from "./blocks-out.ts";

/** Federation's background work: Fedify's queue messages (deliveries, inbox processing) and the domain events that go out as activities. */
export function federationJobs(ctx: AppContext): DomainJobs {
  return {
    name: "federation",
    jobs: {
      [FEDERATION_MESSAGE_JOB]: (payload: { message: unknown }) => federationOf(ctx).queue.run(payload.message),
    },
    on: merge(followSubscribers(ctx), statusSubscribers(ctx), likeSubscribers(ctx), announceSubscribers(ctx), blockSubscribers(ctx)),
  };
}

/**
 * One handler per event (the event bus gives each domain one job per event): handlers of the
 * same event run in turn. They are written for disjoint cases (e.g. posts vs boosts).
 */
function merge(...maps: Record<string, JobHandler>[]): Record<string, JobHandler> {
  const merged: Record<string, JobHandler> = {};
  for (const map of maps) {
    for (const [event, handler] of Object.entries(map)) {
      const before = merged[event];
      merged[event] = before ? async (payload, job) => { await before(payload, job); await handler(payload, job); } : handler;
    }
  }
  return merged;
}
