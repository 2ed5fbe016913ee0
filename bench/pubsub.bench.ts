/**
 * Pub/sub seams under fan-out: how long publishing one post's events to 10k home streams takes
 * (one after another, and all at once as fan-out does), and how long one event takes to reach
 * a subscriber in another connection. Redis at REDIS_URL (default 127.0.0.1:6379);
 * PostgreSQL LISTEN/NOTIFY too when DATABASE_URL is set.
 */
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import { connect } from "../src/db/database.ts";
import { MemoryPubSub, PostgresPubSub, type PubSub } from "../src/lib/pubsub.ts";
import { RedisPubSub } from "../src/lib/redis-pubsub.ts";

const RECIPIENTS = 10_000;
const ROUND_TRIPS = 500;

async function publishAll(pubsub: PubSub, concurrent: boolean): Promise<number> {
  const start = performance.now();
  const send = (i: number) => pubsub.publish(`user:${i}`, { event: "update", id: "117696738683518987" });
  if (concurrent) await Promise.all(Array.from({ length: RECIPIENTS }, (_, i) => send(i)));
  else for (let i = 0; i < RECIPIENTS; i++) await send(i);
  return performance.now() - start;
}

async function roundTrips(publisher: PubSub, subscriber: PubSub): Promise<number[]> {
  const times: number[] = [];
  let arrived: (() => void) | undefined;
  const off = await subscriber.subscribe("probe", () => arrived?.());
  for (let i = 0; i < ROUND_TRIPS; i++) {
    const start = performance.now();
    const received = new Promise<void>((resolve) => (arrived = resolve));
    await publisher.publish("probe", { i });
    await received;
    times.push(performance.now() - start);
  }
  await off();
  return times.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!.toFixed(3);

async function measure(name: string, open: () => PubSub, cleanup?: () => Promise<void>) {
  const [a, b] = [open(), open()];
  const sequential = await publishAll(a, false);
  const concurrent = await publishAll(a, true);
  const rtt = await roundTrips(a, b);
  process.stdout.write(`${name.padEnd(9)} 10k publishes: ${sequential.toFixed(0)} ms one by one, ${concurrent.toFixed(0)} ms at once; ` +
    `delivery to another connection p50 ${pct(rtt, 0.5)} ms, p99 ${pct(rtt, 0.99)} ms\n`);
  await a.close();
  await b.close();
  await cleanup?.();
}

const memory = new MemoryPubSub();
await measure("memory", () => memory);
const namespace = `stoa-bench:${randomBytes(4).toString("hex")}:`;
await measure("redis", () => new RedisPubSub(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", namespace));
if (process.env.DATABASE_URL) {
  const sql = connect(process.env.DATABASE_URL, { max: 10 });
  await measure("postgres", () => new PostgresPubSub(sql), () => sql.end({ timeout: 5 }));
}
