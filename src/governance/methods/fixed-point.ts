/**
 * Fixed-point decimal arithmetic with 5 places, as the Scottish STV rules prescribe
 * ("the calculation being made to five decimal places (any remainder being ignored)").
 * A value is held as an integer count of 1/100000ths in a plain number, exact up to 2^53.
 */

/** Units per 1.00000. */
export const SCALE = 100_000;

/** floor(a × b / c) for non-negative integers, exact even when a × b exceeds 2^53. */
export function mulDivFloor(a: number, b: number, c: number): number {
  const product = a * b;
  if (product <= Number.MAX_SAFE_INTEGER) {
    let q = Math.floor(product / c);
    // The float division may round across an integer boundary; correct it exactly.
    if (q * c > product) q--;
    else if ((q + 1) * c <= product) q++;
    return q;
  }
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/** A fixed-point value as a number (e.g. 130.40863). */
export function toDecimal(units: number): number {
  return units / SCALE;
}

/** A fixed-point value as text with exactly 5 decimals, e.g. "130.40863". */
export function formatFixed(units: number): string {
  const whole = Math.floor(units / SCALE);
  return `${whole}.${String(units - whole * SCALE).padStart(5, "0")}`;
}
