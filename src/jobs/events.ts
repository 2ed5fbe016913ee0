import type { Db } from "../db/database.ts";
import { enqueue, type JobHandler, type JobRunner } from "./queue.ts";

/**
 * Domain events over the durable queue. A domain emits an event inside its transaction;
 * every subscriber (timelines, notifications, federation, search…) gets a job of its own,
 * `subscriber:event`, so each retries independently and none can lose the event.
 */
export class EventBus {
  readonly #subscribers = new Map<string, string[]>();
  readonly #jobs: JobRunner;

  constructor(jobs: JobRunner) {
    this.#jobs = jobs;
  }

  /** Subscribes `subscriber` (a domain name) to `event`; the handler must be idempotent. */
  on(event: string, subscriber: string, handler: JobHandler): void {
    const kind = `${subscriber}:${event}`;
    this.#jobs.handle(kind, handler);
    this.#subscribers.set(event, [...(this.#subscribers.get(event) ?? []), kind]);
  }

  /** Enqueues one job per subscriber of `event`, in the caller's transaction. */
  async emit(db: Db, event: string, payload: unknown): Promise<void> {
    for (const kind of this.#subscribers.get(event) ?? []) await enqueue(db, kind, payload);
  }
}
