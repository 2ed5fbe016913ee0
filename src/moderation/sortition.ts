import { createHmac } from "node:crypto";

/**
 * The published jury draw (docs/transparency-log.md, "Jury draw"). Pure and deterministic:
 * anyone with the seed and the list of eligible ids gets the same jurors.
 *
 * 1. Sort the eligible account ids numerically (ascending), without duplicates.
 * 2. Random numbers: the k-th (k = 0, 1, …) is the first 8 bytes, big-endian, of
 *    HMAC-SHA256(key = seed as UTF-8, message = k as an 8-byte big-endian integer).
 * 3. A number below `m` is drawn by rejection: take the next random r; if r ≥ 2^64 − (2^64 mod m),
 *    discard it and take the next, else the result is r mod m (no modulo bias).
 * 4. Forward Fisher–Yates: for position i = 0, 1, …, swap element i with element i + below(n − i).
 *    The first `count` positions are the jury; later positions are the replacements, in order,
 *    so drawing one more never changes who was drawn before.
 */
export function drawOrder(seed: string, eligibleIds: readonly string[], count: number): string[] {
  const ids = [...new Set(eligibleIds)].sort(compareIds);
  const stream = randomStream(seed);
  const n = ids.length;
  for (let i = 0; i < Math.min(count, n); i++) {
    const j = i + below(stream, n - i);
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids.slice(0, Math.min(count, n));
}

/** Numeric order of decimal ids (bigint ids exceed 2^53). */
export function compareIds(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

const TWO_64 = 1n << 64n;

function randomStream(seed: string): () => bigint {
  let k = 0n;
  return () => {
    const message = Buffer.alloc(8);
    message.writeBigUInt64BE(k++);
    return createHmac("sha256", seed).update(message).digest().readBigUInt64BE(0);
  };
}

function below(next: () => bigint, m: number): number {
  const mod = BigInt(m);
  const limit = TWO_64 - (TWO_64 % mod);
  for (;;) {
    const r = next();
    if (r < limit) return Number(r % mod);
  }
}
