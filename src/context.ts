import type { Config } from "./config.ts";
import type { Sql } from "./db/database.ts";
import type { JobRunner } from "./jobs/queue.ts";
import type { EventBus } from "./jobs/events.ts";
import type { PubSub } from "./lib/pubsub.ts";
import type { MediaStorage } from "./media/storage.ts";

/**
 * Everything a request handler or job needs, built once per process and passed down
 * explicitly. No module keeps global state of its own.
 */
export interface AppContext {
  readonly config: Config;
  readonly sql: Sql;
  readonly jobs: JobRunner;
  /** Domain events: `ctx.events.emit(tx, "status.created", { statusId })`. */
  readonly events: EventBus;
  readonly pubsub: PubSub;
  readonly storage: MediaStorage;
}
