import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { RedisPubSub } from "../../src/lib/redis-pubsub.ts";
import { RedisRateLimitStore } from "../../src/api/http/redis-rate-limit.ts";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = () => `stoa-test:${randomBytes(6).toString("hex")}:`;

/** Resolves with the next message `pubsub` delivers on `channel`. */
async function nextMessage(pubsub: RedisPubSub, channel: string): Promise<{ message: Promise<unknown>; off: () => Promise<void> }> {
  let resolve!: (m: unknown) => void;
  const message = new Promise<unknown>((r) => (resolve = r));
  const off = await pubsub.subscribe(channel, resolve);
  return { message, off };
}

describe("Redis pub/sub", () => {
  const opened: RedisPubSub[] = [];
  const open = (namespace: string) => {
    const p = new RedisPubSub(REDIS_URL, namespace);
    opened.push(p);
    return p;
  };
  after(() => Promise.all(opened.map((p) => p.close())));

  it("carries messages between separate connections of one namespace, and not to another", async () => {
    const ns = prefix();
    const [web, worker, stranger] = [open(ns), open(ns), open(prefix())];
    const heard = await nextMessage(web, "user:1");
    const strangerHeard: unknown[] = [];
    await stranger.subscribe("user:1", (m) => strangerHeard.push(m));
    const sentinel = await nextMessage(stranger, "done");
    await worker.publish("user:1", { event: "update", id: "42" });
    assert.deepEqual(await heard.message, { event: "update", id: "42" });
    await stranger.publish("done", true);
    await sentinel.message;
    assert.deepEqual(strangerHeard, [], "another namespace hears nothing");
    await heard.off();
  });

  it("lets subscribers that arrive together all wait for the one Redis subscription", async () => {
    const ns = prefix();
    const [a, b] = [open(ns), open(ns)];
    const both = await Promise.all([nextMessage(a, "list:7"), nextMessage(a, "list:7")]);
    await b.publish("list:7", "hello");
    assert.deepEqual(await Promise.all(both.map((s) => s.message)), ["hello", "hello"]);
    await Promise.all(both.map((s) => s.off()));
  });

  it("keeps the channel while one of two subscribers remains", async () => {
    const ns = prefix();
    const [a, b] = [open(ns), open(ns)];
    const first = await nextMessage(a, "public");
    const second = await nextMessage(a, "public");
    await first.off();
    await b.publish("public", { n: 1 });
    assert.deepEqual(await second.message, { n: 1 });
    await second.off();
  });
});

describe("Redis rate-limit store", () => {
  const clients = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
  after(async () => {
    for (const c of clients) await c.quit();
  });

  it("counts one window across processes and expires it", async () => {
    const ns = prefix();
    const one = new RedisRateLimitStore(clients[0]!, ns);
    const two = new RedisRateLimitStore(clients[1]!, ns);
    const hits = await Promise.all([...Array(10)].map((_, i) => (i % 2 ? one : two).hit("api:t:x", 60_000, 1_000)));
    assert.deepEqual(hits.map((h) => h.count).sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "atomic: no count is lost or repeated");
    for (const h of hits) assert.ok(h.resetAt > 1_000 && h.resetAt <= 61_000);
    const ttl = await clients[0]!.pttl(`${ns}rl:api:t:x`);
    assert.ok(ttl > 0 && ttl <= 60_000, "the window expires by itself");
    assert.equal((await one.hit("api:t:y", 60_000, 1_000)).count, 1, "keys are counted apart");
    await clients[0]!.del(`${ns}rl:api:t:x`, `${ns}rl:api:t:y`);
  });

  it("starts a new window once the old one lapses", async () => {
    const ns = prefix();
    const store = new RedisRateLimitStore(clients[0]!, ns);
    assert.equal((await store.hit("k", 20, 0)).count, 1);
    assert.equal((await store.hit("k", 20, 0)).count, 2);
    // Wait on Redis's own clock: poll until the key has expired rather than sleeping a guess.
    while ((await clients[0]!.exists(`${ns}rl:k`)) === 1) await clients[0]!.ping();
    assert.equal((await store.hit("k", 20, 0)).count, 1);
    await clients[0]!.del(`${ns}rl:k`);
  });
});
