import assert from "node:assert/strict";
import { generateKeyPairSync, sign } from "node:crypto";
import { describe, it } from "node:test";
import { canonicalJson } from "./canonical.ts";
import { GENESIS_HASH, LOG_FORMAT, sealEntry, type LogEntry } from "./entry.ts";
import { verifyLog, type LogExport } from "./verify.ts";

const keys = generateKeyPairSync("ed25519");
const publicKey = keys.publicKey.export({ format: "jwk" }) as Record<string, unknown>;

/** A valid export of `n` entries signed with `keys`, its head signed as the server does. */
function chain(n: number): LogExport {
  const entries: LogEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e = sealEntry({ seq, time: new Date(Date.UTC(2026, 10, 28, 0, 0, seq)).toISOString(), kind: "moderation.verdict", payload: { case: `c${seq}`, votes: { for: 3, against: seq % 3 } }, prev }, keys.privateKey);
    entries.push(e);
    prev = e.hash;
  }
  const h = { instance: "https://stoa.test", seq: n, hash: prev, time: "2026-11-28T01:00:00.000Z" };
  const bytes = Buffer.from(canonicalJson({ format: LOG_FORMAT, type: "head", ...h }), "utf8");
  return { format: LOG_FORMAT, publicKey, head: { ...h, signature: sign(null, bytes, keys.privateKey).toString("base64url") }, entries };
}

const copy = (d: LogExport): LogExport => structuredClone(d);
const N = 12;

describe("canonical JSON", () => {
  it("sorts keys at every depth, has no whitespace and refuses what it cannot encode exactly", () => {
    assert.equal(canonicalJson({ b: [1, { d: "x", c: null }], a: true, "é": "\u2028" }), '{"a":true,"b":[1,{"c":null,"d":"x"}],"é":"\u2028"}');
    assert.throws(() => canonicalJson({ a: 1.5 }), /safe integers/);
    assert.throws(() => canonicalJson({ a: undefined }), /undefined/);
  });
});

describe("verifyLog", () => {
  it("accepts an intact chain and reports its head", () => {
    const d = chain(N);
    const r = verifyLog(d);
    assert.deepEqual(r.ok && { count: r.count, head: r.head }, { count: N, head: d.entries[N - 1]!.hash });
  });

  it("names the entry whose payload, kind or time was modified", () => {
    for (let i = 0; i < N; i++) {
      for (const change of [(e: LogEntry) => { (e.payload.votes as { for: number }).for = 5; }, (e: LogEntry) => { e.kind = "other"; }, (e: LogEntry) => { e.time = "2020-01-01T00:00:00.000Z"; }]) {
        const d = copy(chain(N));
        change(d.entries[i]!);
        assert.deepEqual(verifyLog(d), { ok: false, seq: i + 1, index: i, reason: "hash does not match its content" });
      }
    }
  });

  it("names a modified entry whose hash was recomputed without the instance key", () => {
    const d = copy(chain(N));
    const forged = sealEntry({ ...d.entries[4]!, payload: { case: "forged" } }, generateKeyPairSync("ed25519").privateKey);
    d.entries[4] = { ...forged, signature: d.entries[4]!.signature };
    const r = verifyLog(d);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.seq, 5);
    assert.match(!r.ok ? r.reason : "", /signature/);
  });

  it("names the entry whose signature was changed or swapped", () => {
    for (let i = 0; i < N; i++) {
      const d = copy(chain(N));
      const other = d.entries[(i + 1) % N]!.signature;
      d.entries[i]!.signature = other;
      assert.deepEqual(verifyLog(d), { ok: false, seq: i + 1, index: i, reason: "signature is not valid for the instance key" });
      const e = copy(chain(N));
      e.entries[i]!.signature = "AAAA";
      assert.equal(verifyLog(e).ok, false);
    }
  });

  it("names the position where an entry was removed", () => {
    for (let i = 0; i < N - 1; i++) {
      const d = copy(chain(N));
      d.entries.splice(i, 1);
      const r = verifyLog(d);
      assert.equal(!r.ok && r.index, i, `removing entry ${i + 1}`);
      assert.equal(!r.ok && r.seq, i + 2);
    }
    const d = copy(chain(N));
    d.entries.pop();
    const r = verifyLog(d);
    assert.equal(!r.ok && r.seq, N, "removing the last entry is caught by the signed head");
    assert.match(!r.ok ? r.reason : "", /signed head names entry 12/);
  });

  it("names the first entry out of place when two are swapped, even with their numbers rewritten", () => {
    for (let i = 0; i < N - 1; i++) {
      const d = copy(chain(N));
      [d.entries[i], d.entries[i + 1]] = [d.entries[i + 1]!, d.entries[i]!];
      const r = verifyLog(d);
      assert.deepEqual(!r.ok && [r.index, r.seq], [i, i + 2]);
      d.entries[i]!.seq = i + 1;
      d.entries[i + 1]!.seq = i + 2;
      const renumbered = verifyLog(d);
      assert.equal(!renumbered.ok && renumbered.index, i);
    }
  });

  it("refuses a forged head, another key than the pinned one and a foreign format", () => {
    const d = copy(chain(N));
    d.head.time = "2030-01-01T00:00:00.000Z";
    assert.match((verifyLog(d) as { reason: string }).reason, /head's signature/);
    const other = generateKeyPairSync("ed25519").publicKey.export({ format: "jwk" }) as Record<string, unknown>;
    assert.match((verifyLog(chain(2), other) as { reason: string }).reason, /another key/);
    assert.match((verifyLog({ ...chain(1), format: "x" }) as { reason: string }).reason, /unknown format/);
    assert.equal(verifyLog(null).ok, false);
  });
});
