/**
 * The transparency log's cryptography and the jury draw at scale, in memory (no database):
 * sealing (hash + Ed25519 signature) and verifying a 100,000-entry chain, and drawing a jury
 * from 100,000 eligible members. Standalone: `node bench/transparency-log.bench.ts`.
 */
import { generateKeyPairSync, sign } from "node:crypto";
import { performance } from "node:perf_hooks";
import { GENESIS_HASH, LOG_FORMAT, sealEntry, type LogEntry } from "../src/transparency/entry.ts";
import { verifyLog } from "../src/transparency/verify.ts";
import { drawOrder } from "../src/moderation/sortition.ts";
import { canonicalJson } from "../src/transparency/canonical.ts";

const ENTRIES = 100_000;
const keys = generateKeyPairSync("ed25519");

function time<T>(label: string, run: () => T): T {
  const start = performance.now();
  const result = run();
  process.stdout.write(`${label}: ${((performance.now() - start) / 1000).toFixed(2)} s\n`);
  return result;
}

const entries = time(`seal ${ENTRIES} entries`, () => {
  const out: LogEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= ENTRIES; seq++) {
    const e = sealEntry({ seq, time: new Date(1_764_000_000_000 + seq).toISOString(), kind: "moderation.verdict", payload: { case: String(seq), verdict: "upheld", votes: { uphold: 3, reject: 2, absent: 0 } }, prev }, keys.privateKey);
    out.push(e);
    prev = e.hash;
  }
  return out;
});
const head = { instance: "https://stoa.example", seq: ENTRIES, hash: entries[ENTRIES - 1]!.hash, time: new Date().toISOString() };
const signature = sign(null, Buffer.from(canonicalJson({ format: LOG_FORMAT, type: "head", ...head })), keys.privateKey).toString("base64url");
const doc = { format: LOG_FORMAT, publicKey: keys.publicKey.export({ format: "jwk" }) as Record<string, unknown>, head: { ...head, signature }, entries };
const text = JSON.stringify(doc);
process.stdout.write(`export size: ${(text.length / 1_048_576).toFixed(1)} MiB\n`);
const result = time(`parse and verify ${ENTRIES} entries`, () => verifyLog(JSON.parse(text)));
if (!result.ok) throw new Error(`verification failed: ${result.reason}`);

const eligible = Array.from({ length: 100_000 }, (_, i) => String(110_000_000_000_000_000n + BigInt(i * 7)));
time("draw 9 jurors from 100000 eligible", () => drawOrder(entries[0]!.hash, eligible, 9));
