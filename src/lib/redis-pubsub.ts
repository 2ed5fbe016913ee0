import { Redis } from "ioredis";
import type { PubSub } from "./pubsub.ts";
import { logger } from "../log.ts";

const log = logger("pubsub", "redis");

type Handler = (message: unknown) => void;

/**
 * Pub/sub over Redis: crosses processes and hosts, with no size limit of note. Channels are
 * namespaced so that instances sharing one Redis never hear each other. A subscriber
 * connection is opened on the first subscribe (Redis reserves a connection for it).
 */
export class RedisPubSub implements PubSub {
  readonly #url: string;
  readonly #namespace: string;
  readonly #publisher: Redis;
  readonly #handlers = new Map<string, Set<Handler>>();
  #subscriber: Redis | undefined;

  constructor(url: string, namespace: string) {
    this.#url = url;
    this.#namespace = namespace;
    this.#publisher = watched(new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, enableAutoPipelining: true }));
  }

  async publish(channel: string, message: unknown): Promise<void> {
    await this.#publisher.publish(this.#namespace + channel, JSON.stringify(message));
  }

  async subscribe(channel: string, handler: Handler): Promise<() => Promise<void>> {
    const subscriber = this.#connectSubscriber();
    let set = this.#handlers.get(channel);
    if (!set) {
      this.#handlers.set(channel, (set = new Set()));
      await subscriber.subscribe(this.#namespace + channel);
    }
    set.add(handler);
    return async () => {
      set.delete(handler);
      // Another subscribe may have re-created the set meanwhile; only the last one out unsubscribes.
      if (set.size === 0 && this.#handlers.get(channel) === set) {
        this.#handlers.delete(channel);
        await subscriber.unsubscribe(this.#namespace + channel).catch(() => {});
      }
    };
  }

  async close(): Promise<void> {
    this.#handlers.clear();
    this.#subscriber?.disconnect();
    if (this.#publisher.status !== "wait") await this.#publisher.quit().catch(() => {});
  }

  #connectSubscriber(): Redis {
    if (this.#subscriber) return this.#subscriber;
    const subscriber = watched(new Redis(this.#url, { maxRetriesPerRequest: 3 }));
    subscriber.on("message", (fullChannel: string, raw: string) => {
      if (!fullChannel.startsWith(this.#namespace)) return;
      const handlers = this.#handlers.get(fullChannel.slice(this.#namespace.length));
      if (!handlers) return;
      const message: unknown = JSON.parse(raw);
      for (const handler of handlers) queueMicrotask(() => handler(message));
    });
    return (this.#subscriber = subscriber);
  }
}

/** Logs connection errors (ioredis reconnects by itself; unlistened errors would only be printed). */
export function watched(redis: Redis): Redis {
  return redis.on("error", (error: Error) => log.warn("Redis connection error: {error}", { error }));
}
