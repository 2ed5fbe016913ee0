import { Redis } from "ioredis";
import type { PubSub } from "./pubsub.ts";
import { logger } from "../log.ts";

const log = logger("pubsub", "redis");

type Handler = (message: unknown) => void;

/** A channel this process listens to: its local handlers, and the Redis subscription they wait for. */
interface Channel {
  handlers: Set<Handler>;
  ready: Promise<unknown>;
}

/**
 * Pub/sub over Redis: crosses processes and hosts, with no size limit of note. Channels are
 * namespaced so that instances sharing one Redis never hear each other. A subscriber
 * connection is opened on the first subscribe (Redis reserves a connection for it).
 */
export class RedisPubSub implements PubSub {
  readonly #url: string;
  readonly #namespace: string;
  readonly #publisher: Redis;
  readonly #channels = new Map<string, Channel>();
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
    let entry = this.#channels.get(channel);
    if (!entry) {
      const fresh: Channel = { handlers: new Set(), ready: subscriber.subscribe(this.#namespace + channel) };
      this.#channels.set(channel, (entry = fresh));
      // A failed subscribe leaves nothing behind, so the next caller tries again.
      fresh.ready.catch(() => this.#channels.get(channel) === fresh && this.#channels.delete(channel));
    }
    await entry.ready;
    // The last handler of this entry may have left while we waited: start over on a live one.
    if (this.#channels.get(channel) !== entry) return this.subscribe(channel, handler);
    const current = entry;
    current.handlers.add(handler);
    return async () => {
      current.handlers.delete(handler);
      // Only the last one out unsubscribes, and only if the channel was not re-created meanwhile.
      if (current.handlers.size === 0 && this.#channels.get(channel) === current) {
        this.#channels.delete(channel);
        await subscriber.unsubscribe(this.#namespace + channel).catch(() => {});
      }
    };
  }

  async close(): Promise<void> {
    this.#channels.clear();
    this.#subscriber?.disconnect();
    if (this.#publisher.status !== "wait") await this.#publisher.quit().catch(() => {});
  }

  #connectSubscriber(): Redis {
    if (this.#subscriber) return this.#subscriber;
    const subscriber = watched(new Redis(this.#url, { maxRetriesPerRequest: 3 }));
    subscriber.on("message", (fullChannel: string, raw: string) => {
      if (!fullChannel.startsWith(this.#namespace)) return;
      const entry = this.#channels.get(fullChannel.slice(this.#namespace.length));
      if (!entry) return;
      const message: unknown = JSON.parse(raw);
      for (const handler of entry.handlers) queueMicrotask(() => handler(message));
    });
    return (this.#subscriber = subscriber);
  }
}

/** Logs connection errors (ioredis reconnects by itself; unlistened errors would only be printed). */
export function watched(redis: Redis): Redis {
  return redis.on("error", (error: Error) => log.warn("Redis connection error: {error}", { error }));
}
