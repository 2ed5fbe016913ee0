import { hostname } from "node:os";
import type { Db, Sql } from "../db/database.ts";
import { logger } from "../log.ts";

const log = logger("jobs");
const NOTIFY_CHANNEL = "stoa_jobs";
const LOCK_SECONDS = 300;

/** A job handler. Throw to retry later; throw `PermanentJobError` to give up at once. */
export type JobHandler = (payload: any, job: { id: string; attempts: number }) => Promise<void>;

/** A failure that retrying cannot fix (e.g. the target answered 410 Gone). */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
}

/**
 * Writes a job in the caller's transaction (transactional outbox): it exists if and only if
 * the change that caused it was committed. Workers are woken by NOTIFY on commit.
 */
export async function enqueue(db: Db, kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<void> {
  await db`
    insert into jobs (kind, payload, run_at, max_attempts)
    values (${kind}, ${db.json(payload as never)}, ${options.runAt ?? new Date()}, ${options.maxAttempts ?? 12})`;
  await db`select pg_notify(${NOTIFY_CHANNEL}, '')`;
}

/** Seconds to wait before attempt `attempts + 1`: grows as attempts⁴, with jitter. */
export function backoffSeconds(attempts: number, random = Math.random): number {
  return attempts ** 4 + 15 + Math.floor(random() * 30 * (attempts + 1));
}

interface JobRow {
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

/**
 * Claims and runs jobs from the shared table. Any number of processes may run a JobRunner;
 * `FOR UPDATE SKIP LOCKED` hands each job to one of them, and a crashed worker's jobs become
 * claimable again when their lock lapses.
 */
export class JobRunner {
  readonly #sql: Sql;
  readonly #handlers = new Map<string, JobHandler>();
  readonly #workerId = `${hostname()}:${process.pid}`;
  /** Batches the background loop has in hand (drain waits for them; the loop never waits for drain). */
  readonly #loopBatches = new Set<Promise<number>>();
  #running = false;
  #wake: (() => void) | undefined;
  #loop: Promise<void> | undefined;
  #unlisten: (() => Promise<void>) | undefined;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  /** Registers the handler for a job kind (one per kind). */
  handle(kind: string, handler: JobHandler): void {
    if (this.#handlers.has(kind)) throw new Error(`duplicate job handler: ${kind}`);
    this.#handlers.set(kind, handler);
  }

  /**
   * Runs every job that is due now, including those that become due by running others, and
   * waits for the batches this runner's background loop has in hand, so nothing is mid-flight.
   */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const ran = await this.#claimAndRun(20);
      total += ran;
      if (ran > 0) continue;
      if (this.#loopBatches.size === 0) return total;
      await Promise.allSettled(this.#loopBatches);
    }
  }

  /** Starts the background loop: waits for NOTIFY or a 1 s tick, then drains. */
  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    const listener = await this.#sql.listen(NOTIFY_CHANNEL, () => this.#wake?.());
    this.#unlisten = () => listener.unlisten();
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
    // On Ctrl-C the embedded database may already be gone: nothing left to unlisten from.
    await this.#unlisten?.().catch(() => {});
  }

  async #run(): Promise<void> {
    while (this.#running) {
      try {
        await this.#loopDrain();
      } catch (error) {
        log.error("Job loop failed: {error}", { error });
      }
      if (!this.#running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1000);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  async #loopDrain(): Promise<void> {
    for (;;) {
      const batch = this.#claimAndRun(20);
      this.#loopBatches.add(batch);
      const ran = await batch.finally(() => this.#loopBatches.delete(batch));
      if (ran === 0) return;
    }
  }

  async #claimAndRun(limit: number): Promise<number> {
    const jobs = await this.#sql<JobRow[]>`
      update jobs set locked_until = now() + make_interval(secs => ${LOCK_SECONDS}), attempts = attempts + 1
      where id in (
        select id from jobs
        where run_at <= now() and failed_at is null and (locked_until is null or locked_until < now())
        order by run_at, id limit ${limit}
        for update skip locked)
      returning id, kind, payload, attempts, max_attempts`;
    for (const job of jobs) await this.#runOne(job);
    return jobs.length;
  }

  async #runOne(job: JobRow): Promise<void> {
    const handler = this.#handlers.get(job.kind);
    try {
      if (!handler) throw new PermanentJobError(`no handler for job kind ${job.kind}`);
      await handler(job.payload, { id: job.id, attempts: job.attempts });
      await this.#sql`delete from jobs where id = ${job.id}`;
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const permanent = error instanceof PermanentJobError || job.attempts >= job.maxAttempts;
      log.warn("Job {kind} #{id} failed (attempt {attempts}, worker {worker}): {message}", {
        kind: job.kind, id: job.id, attempts: job.attempts, worker: this.#workerId, message,
      });
      if (permanent) {
        await this.#sql`update jobs set failed_at = now(), locked_until = null, last_error = ${message} where id = ${job.id}`;
      } else {
        const delay = backoffSeconds(job.attempts);
        await this.#sql`
          update jobs set run_at = now() + make_interval(secs => ${delay}), locked_until = null, last_error = ${message}
          where id = ${job.id}`;
      }
    }
  }
}
