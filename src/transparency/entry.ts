import { createHash, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { canonicalJson } from "./canonical.ts";

/** `prev` of the first entry. */
export const GENESIS_HASH = "0".repeat(64);
/** Names the format in exports and in every hashed entry body (domain separation). */
export const LOG_FORMAT = "stoa-transparency-log/1";

/** One published entry of the transparency log. */
export interface LogEntry {
  seq: number;
  /** ISO 8601 UTC with milliseconds. */
  time: string;
  kind: string;
  /** Public facts only: never a reporter, never private content. */
  payload: Record<string, unknown>;
  /** `hash` of the entry before (GENESIS_HASH for seq 1). */
  prev: string;
  /** SHA-256 (hex) of `signedBytes(entry)`. */
  hash: string;
  /** Ed25519 signature (base64url) of `signedBytes(entry)` with the instance key. */
  signature: string;
}

/** The bytes that are hashed and signed: canonical JSON of the entry without hash and signature. */
export function signedBytes(e: Pick<LogEntry, "seq" | "time" | "kind" | "payload" | "prev">): Buffer {
  return Buffer.from(canonicalJson({ format: LOG_FORMAT, seq: e.seq, time: e.time, kind: e.kind, payload: e.payload, prev: e.prev }), "utf8");
}

/** Builds the next entry of a chain: hashes and signs it. */
export function sealEntry(fields: Pick<LogEntry, "seq" | "time" | "kind" | "payload" | "prev">, privateKey: KeyObject): LogEntry {
  const bytes = signedBytes(fields);
  return {
    ...fields,
    hash: createHash("sha256").update(bytes).digest("hex"),
    signature: sign(null, bytes, privateKey).toString("base64url"),
  };
}

/** Checks an entry's own hash and signature (not its link to the chain). Returns what is wrong, or null. */
export function entryProblem(e: LogEntry, publicKey: KeyObject): string | null {
  let bytes: Buffer;
  try {
    bytes = signedBytes(e);
  } catch (error) {
    return `cannot be encoded: ${(error as Error).message}`;
  }
  if (createHash("sha256").update(bytes).digest("hex") !== e.hash) return "hash does not match its content";
  let ok = false;
  try {
    ok = typeof e.signature === "string" && verify(null, bytes, publicKey, Buffer.from(e.signature, "base64url"));
  } catch {
    ok = false;
  }
  return ok ? null : "signature is not valid for the instance key";
}

/** The public key of a published Ed25519 JWK. */
export function publicKeyFromJwk(jwk: Record<string, unknown>): KeyObject {
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string") throw new TypeError("not an Ed25519 public JWK");
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: jwk.x }, format: "jwk" });
}
