import type { AppContext } from "../context.ts";
import type { DomainJobs } from "../jobs/handlers.ts";
import { federationOf } from "./federation.ts";
import { FEDERATION_MESSAGE_JOB } from "./message-queue.ts";
import { followSubscribers } from "./outbound.ts";
import { statusSubscribers } from "./statuses-out.ts";
import { likeSubscribers } from "./likes-out.ts";

/** Federation's background work: Fedify's queue messages (deliveries, inbox processing) and the domain events that go out as activities. */
export function federationJobs(ctx: AppContext): DomainJobs {
  return {
    name: "federation",
    jobs: {
      [FEDERATION_MESSAGE_JOB]: (payload: { message: unknown }) => federationOf(ctx).queue.run(payload.message),
    },
    on: { ...followSubscribers(ctx), ...statusSubscribers(ctx), ...likeSubscribers(ctx) } as DomainJobs["on"],
  };
}
