import { sign, verify, type KeyObject } from "node:crypto";
import type { Db } from "../db/database.ts";
import { canonicalJson } from "./canonical.ts";
import { GENESIS_HASH, LOG_FORMAT } from "./entry.ts";
import { logHead } from "./log.ts";
import { instanceSigningKey } from "./signing-key.ts";

/**
 * A signed statement "at `time`, the log of `instance` ends at entry `seq` with `hash`". It lets
 * a verifier notice entries cut from the end, which the chain alone cannot show.
 */
export interface SignedHead {
  instance: string;
  seq: number;
  hash: string;
  time: string;
  signature: string;
}

function headBytes(h: Omit<SignedHead, "signature">): Buffer {
  return Buffer.from(canonicalJson({ format: LOG_FORMAT, type: "head", instance: h.instance, seq: h.seq, hash: h.hash, time: h.time }), "utf8");
}

/** The current head, signed now with the instance key. */
export async function signedHead(db: Db, instance: string): Promise<{ head: SignedHead; publicJwk: Record<string, unknown> }> {
  const key = await instanceSigningKey(db);
  const last = await logHead(db);
  const unsigned = { instance, seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH, time: new Date().toISOString() };
  return { head: { ...unsigned, signature: sign(null, headBytes(unsigned), key.privateKey).toString("base64url") }, publicJwk: key.publicJwk };
}

/** True when the head's signature is valid for `publicKey`. */
export function headSignatureValid(h: SignedHead, publicKey: KeyObject): boolean {
  try {
    return verify(null, headBytes(h), publicKey, Buffer.from(h.signature, "base64url"));
  } catch {
    return false;
  }
}
