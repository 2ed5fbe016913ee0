import type { MessageQueue, MessageQueueEnqueueOptions, MessageQueueListenOptions } from "@fedify/fedify";
import type { Sql } from "../db/database.ts";
import { enqueue } from "../jobs/queue.ts";

/** The job kind that carries Fedify's queue messages. */
export const FEDERATION_MESSAGE_JOB = "federation.message";

type Handler = (message: unknown) => Promise<void> | void;

/**
 * Fedify's MessageQueue on our durable job queue: messages are jobs, so they survive restarts,
 * any worker process runs them, and `drain()` in tests runs federation work too. Fedify keeps
 * its own retry policies (it re-enqueues with a delay), so a message job runs once.
 * Ordering keys are accepted but not enforced (the job queue has no ordered lanes yet).
 */
export class JobMessageQueue implements MessageQueue {
  readonly nativeRetrial = false;
  readonly #sql: Sql;
  readonly #start: () => void;
  #handler: Handler | undefined;
  #ready: Promise<void>;
  #resolveReady!: () => void;

  /** `start` asks Fedify to begin listening; it is called when the first message must run. */
  constructor(sql: Sql, start: () => void) {
    this.#sql = sql;
    this.#start = start;
    this.#ready = new Promise((resolve) => { this.#resolveReady = resolve; });
  }

  async enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    await this.enqueueMany([message], options);
  }

  async enqueueMany(messages: readonly unknown[], options?: MessageQueueEnqueueOptions): Promise<void> {
    const delayMs = options?.delay ? Math.max(0, options.delay.total("millisecond")) : 0;
    const runAt = new Date(Date.now() + delayMs);
    await this.#sql.begin(async (tx) => {
      for (const message of messages) await enqueue(tx, FEDERATION_MESSAGE_JOB, { message }, { runAt, maxAttempts: 1 });
    });
  }

  /** Fedify's worker: keeps the handler until the signal aborts. */
  listen(handler: Handler, options?: MessageQueueListenOptions): Promise<void> {
    this.#handler = handler;
    this.#resolveReady();
    return new Promise((resolve) => {
      const stop = () => {
        this.#handler = undefined;
        this.#ready = new Promise((r) => { this.#resolveReady = r; });
        resolve();
      };
      if (options?.signal?.aborted) stop();
      else options?.signal?.addEventListener("abort", stop, { once: true });
    });
  }

  /** Runs one message (the job handler of FEDERATION_MESSAGE_JOB). */
  async run(message: unknown): Promise<void> {
    if (!this.#handler) {
      this.#start();
      await this.#ready;
    }
    await this.#handler!(message);
  }
}
