/**
 * Exact integer arithmetic for fixed-point counts (the Scottish rules compute "to five decimal
 * places (any remainder being ignored)"): values are integers counting 1/10^decimals of a vote.
 */

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
