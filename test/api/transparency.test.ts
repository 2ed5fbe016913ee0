import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { json, startTestInstance, type TestInstance } from "../support/instance.ts";
import { appendToLog, logDecision } from "../../src/transparency/log.ts";
import { verifyLog } from "../../src/transparency/verify.ts";
import { runVerifyLogCli } from "../../src/transparency/verify-cli.ts";
import { logCollection } from "../../src/transparency/activitypub.ts";

describe("transparency log", () => {
  let stoa: TestInstance;
  before(async () => {
    stoa = await startTestInstance();
  });
  after(() => stoa.close());

  const exportDoc = async () => json(await stoa.request("/api/stoa/v1/transparency/export"));

  it("serves an empty, verifiable log before any decision", async () => {
    const head = await json(await stoa.request("/api/stoa/v1/transparency/head"));
    assert.equal(head.head.seq, 0);
    assert.equal(head.publicKey.crv, "Ed25519");
    const result = verifyLog(await exportDoc());
    assert.deepEqual(result.ok && [result.count, result.head], [0, "0".repeat(64)]);
  });

  it("chains entries, pages them, and keeps one chain under concurrent appends", async () => {
    await logDecision(stoa.ctx.sql, "rules.changed", { version: 1, rules: ["Be kind"] });
    await Promise.all(Array.from({ length: 24 }, (_, i) => logDecision(stoa.ctx.sql, "moderation.verdict", { case: String(i), majority: "3/5" })));
    const page = await stoa.request("/api/stoa/v1/transparency/log?after=0&limit=10");
    const entries = await json(page);
    assert.deepEqual(entries.map((e: { seq: number }) => e.seq), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.deepEqual(entries[0].payload, { rules: ["Be kind"], version: 1 });
    assert.match(page.headers.get("link") ?? "", /after=10&limit=10>; rel="next"/);
    const doc = await exportDoc();
    assert.equal(doc.entries.length, 25);
    assert.equal(verifyLog(doc).ok, true);
    assert.equal(new Set(doc.entries.map((e: { prev: string }) => e.prev)).size, 25, "no two entries share a predecessor: the chain never forked");
  });

  it("refuses bad paging parameters without a 500", async () => {
    await json(await stoa.request("/api/stoa/v1/transparency/log?limit=0"), 422);
    await json(await stoa.request("/api/stoa/v1/transparency/log?after=x"), 422);
  });

  it("cannot be rewritten through the database", async () => {
    await assert.rejects(stoa.ctx.sql`update transparency_log set kind = 'x' where seq = 1`, /append-only/);
    await assert.rejects(stoa.ctx.sql`delete from transparency_log where seq = 1`, /append-only/);
    await assert.rejects(stoa.ctx.sql`truncate transparency_log`, /append-only/);
  });

  it("renders a page readable without JavaScript", async () => {
    const res = await stoa.request("/transparency");
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<h1>Transparency log<\/h1>/);
    assert.match(html, /<tr id="e25">/);
    assert.doesNotMatch(html, /<script/);
    assert.doesNotMatch(html, /Older entries/, "25 entries fit on one page");
    const older = await (await stoa.request("/transparency?before=2")).text();
    assert.match(older, /<tr id="e1">/);
    assert.doesNotMatch(older, /<tr id="e2">/);
  });

  it("offers the log as an ActivityPub OrderedCollection", async () => {
    const id = "http://stoa.test/transparency/log";
    const collection = await logCollection(stoa.ctx.sql, id);
    assert.deepEqual([collection.type, collection.totalItems, collection.first], ["OrderedCollection", 25, `${id}?page=1`]);
    const page = await logCollection(stoa.ctx.sql, id, 1);
    assert.equal((page.orderedItems as unknown[]).length, 25);
    assert.equal(page.next, undefined);
  });

  it("verify-log checks a file and names the tampered entry", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "stoa-log-"));
    try {
      const doc = await exportDoc();
      const file = path.join(dir, "log.json");
      await writeFile(file, JSON.stringify(doc));
      const out: string[] = [];
      assert.equal(await runVerifyLogCli([file], (s) => out.push(s)), 0);
      assert.match(out[0]!, /^OK: 25 entries verified/);
      doc.entries[6].payload.majority = "5/5";
      await writeFile(file, JSON.stringify(doc));
      assert.equal(await runVerifyLogCli([file, `--key=${doc.publicKey.x}`], (s) => out.push(s)), 1);
      assert.equal(out[1], "FAIL: entry 7 (position 7): hash does not match its content");
      assert.equal(await runVerifyLogCli([], (s) => out.push(s)), 2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("exports and verifies a log of 100,000 entries", async () => {
    const total = 100_000;
    for (let done = 25; done < total; ) {
      const n = Math.min(5000, total - done);
      await stoa.ctx.sql.begin((tx) => appendToLog(tx, Array.from({ length: n }, (_, i) => ({ kind: "moderation.sanction", payload: { case: String(done + i), action: "limit" } }))));
      done += n;
    }
    const result = verifyLog(await exportDoc());
    assert.equal(result.ok && result.count, total);
  });
});
