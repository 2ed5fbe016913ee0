import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Temporal } from "@js-temporal/polyfill";
import { startTestInstance, type TestInstance } from "../support/instance.ts";
import { PostgresKvStore } from "../../src/federation/kv-store.ts";
import { FEDERATION_MESSAGE_JOB, JobMessageQueue } from "../../src/federation/message-queue.ts";

describe("federation stores on PostgreSQL", () => {
  let stoa: TestInstance;
  let kv: PostgresKvStore;
  before(async () => {
    stoa = await startTestInstance();
    kv = new PostgresKvStore(stoa.ctx.sql);
  });
  after(() => stoa.close());

  it("KvStore: get, set, delete, keeping JSON values exactly (no camelCasing)", async () => {
    assert.equal(await kv.get(["a", "b"]), undefined);
    const value = { "@context": "x", snake_case_key: [1, { nested_key: null }], n: 1.5 };
    await kv.set(["a", "b"], value);
    assert.deepEqual(await kv.get(["a", "b"]), value);
    await kv.set(["a", "b"], "replaced");
    assert.equal(await kv.get(["a", "b"]), "replaced");
    await kv.delete(["a", "b"]);
    assert.equal(await kv.get(["a", "b"]), undefined);
  });

  it("KvStore: a ttl expires the entry", async () => {
    await kv.set(["ttl"], 1, { ttl: Temporal.Duration.from({ milliseconds: 1 }) as never });
    await stoa.ctx.sql`select pg_sleep(0.01)`;
    assert.equal(await kv.get(["ttl"]), undefined);
    await kv.set(["ttl2"], 2, { ttl: Temporal.Duration.from({ hours: 1 }) as never });
    assert.equal(await kv.get(["ttl2"]), 2);
  });

  it("KvStore: compare-and-swap", async () => {
    assert.equal(await kv.cas(["cas"], undefined, 1), true, "absent → set");
    assert.equal(await kv.cas(["cas"], undefined, 2), false, "present, expected absent");
    assert.equal(await kv.cas(["cas"], 5, 2), false, "wrong expected value");
    assert.equal(await kv.cas(["cas"], 1, { v: 2 }), true);
    assert.deepEqual(await kv.get(["cas"]), { v: 2 });
  });

  it("KvStore: lists by prefix, not by string prefix of a segment", async () => {
    await kv.set(["p", "x"], 1);
    await kv.set(["p", "x", "y"], 2);
    await kv.set(["p", "xy"], 3);
    await kv.set(["q"], 4);
    const listed = [];
    for await (const entry of kv.list(["p", "x"])) listed.push(entry);
    listed.sort((a, b) => Number(a.value) - Number(b.value));
    assert.deepEqual(listed, [{ key: ["p", "x"], value: 1 }, { key: ["p", "x", "y"], value: 2 }]);
  });

  it("MessageQueue: messages are durable jobs, delays become run_at, Fedify's handler runs them", async () => {
    const seen: unknown[] = [];
    let started = 0;
    const controller = new AbortController();
    const queue: JobMessageQueue = new JobMessageQueue(stoa.ctx.sql, () => {
      started++;
      void queue.listen((message) => { seen.push(message); }, { signal: controller.signal });
    });
    await queue.enqueue({ type: "outbox", n: 1 });
    await queue.enqueueMany([{ n: 2 }, { n: 3 }], { delay: Temporal.Duration.from({ hours: 1 }) as never });
    const jobs = await stoa.ctx.sql<{ payload: { message: { n: number } }; delayed: boolean }[]>`
      select payload, run_at > now() + interval '50 minutes' as delayed from jobs where kind = ${FEDERATION_MESSAGE_JOB} order by id`;
    assert.deepEqual(jobs.map((j) => [j.payload.message.n, j.delayed]), [[1, false], [2, true], [3, true]]);
    await queue.run(jobs[0]!.payload.message);
    await queue.run({ n: 9 });
    assert.equal(started, 1, "the first message starts Fedify's listener once");
    assert.deepEqual(seen, [{ type: "outbox", n: 1 }, { n: 9 }]);
    controller.abort();
    await stoa.ctx.sql`delete from jobs where kind = ${FEDERATION_MESSAGE_JOB}`;
  });
});
