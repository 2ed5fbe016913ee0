import { createHash } from "node:crypto";
import { entryProblem, GENESIS_HASH, LOG_FORMAT, publicKeyFromJwk, type LogEntry } from "./entry.ts";
import { headSignatureValid, type SignedHead } from "./head.ts";

/** A whole published log: what `/api/stoa/v1/transparency/export` serves. */
export interface LogExport {
  format: string;
  publicKey: Record<string, unknown>;
  head: SignedHead;
  entries: LogEntry[];
}

/** The outcome of a verification: either every entry holds, or the first one that does not. */
export type VerifyResult =
  | { ok: true; count: number; head: string; keyFingerprint: string }
  | { ok: false; seq: number | null; index: number | null; reason: string };

/**
 * Re-checks a whole export: each entry's hash and signature, its sequence number (no gap, no
 * reordering), its link to the entry before, and the signed head (nothing cut from the end).
 * `pinnedKey`, when given, must equal the export's key: without it, the key is the export's own,
 * so a verifier should compare the printed fingerprint with one obtained elsewhere.
 */
export function verifyLog(doc: unknown, pinnedKey?: Record<string, unknown>): VerifyResult {
  const fail = (reason: string, seq: number | null = null, index: number | null = null): VerifyResult => ({ ok: false, seq, index, reason });
  if (typeof doc !== "object" || doc === null) return fail("not a log export (expected a JSON object)");
  const d = doc as Partial<LogExport>;
  if (d.format !== LOG_FORMAT) return fail(`unknown format ${JSON.stringify(d.format)} (expected ${LOG_FORMAT})`);
  if (!Array.isArray(d.entries) || typeof d.head !== "object" || d.head === null || typeof d.publicKey !== "object" || d.publicKey === null) {
    return fail("the export lacks entries, head or publicKey");
  }
  if (pinnedKey && pinnedKey.x !== d.publicKey.x) return fail("the export is signed with another key than the pinned one");
  let key;
  try {
    key = publicKeyFromJwk(d.publicKey);
  } catch (error) {
    return fail(`publicKey: ${(error as Error).message}`);
  }
  let prev = GENESIS_HASH;
  for (let i = 0; i < d.entries.length; i++) {
    const e = d.entries[i]!;
    const seq = typeof e?.seq === "number" ? e.seq : null;
    if (typeof e !== "object" || e === null) return fail("is not an object", null, i);
    if (e.seq !== i + 1) {
      return fail(`has sequence number ${String(e.seq)} where ${i + 1} was expected (an entry is missing, added or out of order)`, seq, i);
    }
    if (e.prev !== prev) return fail(`does not link to the entry before it (prev ${String(e.prev)}, expected ${prev})`, seq, i);
    const problem = entryProblem(e, key);
    if (problem) return fail(problem, seq, i);
    prev = e.hash;
  }
  const h = d.head;
  if (!headSignatureValid(h, key)) return fail("the head's signature is not valid");
  if (h.seq !== d.entries.length || h.hash !== prev) {
    return fail(`the signed head names entry ${h.seq} (${h.hash}) but the entries end at ${d.entries.length} (${prev})`, h.seq, null);
  }
  const fingerprint = createHash("sha256").update(Buffer.from(String(d.publicKey.x), "base64url")).digest("hex");
  return { ok: true, count: d.entries.length, head: prev, keyFingerprint: fingerprint };
}
