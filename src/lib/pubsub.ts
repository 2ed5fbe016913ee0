import type { Sql } from "../db/database.ts";

/** A cross-process publish/subscribe seam (streaming events). Messages stay small: ids, not bodies. */
export interface PubSub {
  publish(channel: string, message: unknown): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(channel: string, handler: (message: unknown) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** In-process pub/sub: enough when one process serves and works (`STOA_ROLE=all`). */
export class MemoryPubSub implements PubSub {
  readonly #handlers = new Map<string, Set<(message: unknown) => void>>();

  async publish(channel: string, message: unknown): Promise<void> {
    const copy = JSON.parse(JSON.stringify(message));
    for (const handler of this.#handlers.get(channel) ?? []) queueMicrotask(() => handler(copy));
  }

  async subscribe(channel: string, handler: (message: unknown) => void): Promise<() => Promise<void>> {
    let set = this.#handlers.get(channel);
    if (!set) this.#handlers.set(channel, (set = new Set()));
    set.add(handler);
    return async () => {
      set.delete(handler);
      if (set.size === 0) this.#handlers.delete(channel);
    };
  }

  async close(): Promise<void> {
    this.#handlers.clear();
  }
}

/**
 * Pub/sub over PostgreSQL LISTEN/NOTIFY: crosses processes with no extra service.
 * One LISTEN per process; messages are fanned out locally to subscribers.
 */
export class PostgresPubSub implements PubSub {
  static readonly channel = "stoa_events";
  readonly #sql: Sql;
  readonly #local = new MemoryPubSub();
  #listening: Promise<{ unlisten(): Promise<void> }> | undefined;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async publish(channel: string, message: unknown): Promise<void> {
    const payload = JSON.stringify({ c: channel, m: message });
    if (Buffer.byteLength(payload) > 7900) throw new Error("pub/sub message too large");
    await this.#sql`select pg_notify(${PostgresPubSub.channel}, ${payload})`;
  }

  async subscribe(channel: string, handler: (message: unknown) => void): Promise<() => Promise<void>> {
    this.#listening ??= this.#sql.listen(PostgresPubSub.channel, (raw) => {
      const { c, m } = JSON.parse(raw) as { c: string; m: unknown };
      void this.#local.publish(c, m);
    });
    await this.#listening;
    return this.#local.subscribe(channel, handler);
  }

  async close(): Promise<void> {
    if (this.#listening) await (await this.#listening).unlisten().catch(() => {});
    await this.#local.close();
  }
}
