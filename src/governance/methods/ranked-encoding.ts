/**
 * Validation and compact encoding of ranked ballots, shared by Schulze, instant-runoff and STV.
 *
 * A million ballots as arrays of arrays of strings are slow to walk round after round, so each
 * method works on one flat typed array of option indices instead: ballot `b` occupies
 * `items[start[b] .. start[b + 1])`, most preferred first, and `tiedWithPrevious[k]` is 1 when
 * item `k` shares its rank with item `k - 1` (an equal ranking, or an overvote on paper).
 */
import { InvalidBallotError, type OptionId, type RankedInput } from "./types.ts";

/** Flat, validated form of a `RankedInput`. */
export interface EncodedBallots {
  options: OptionId[];
  indexOf: Map<OptionId, number>;
  /** Number of ballots (entries of the input, before weights). */
  count: number;
  /** `start[b]` is the first item of ballot `b`; `start[count]` the end. */
  start: Int32Array;
  /** Option indices, ballot after ballot, most preferred first. */
  items: Int32Array;
  /** 1 when the item is ranked equal to the one before it in the same ballot. */
  tiedWithPrevious: Uint8Array;
  /** Weight of each ballot (1 when absent). */
  weights: Float64Array;
  /** Sum of the weights. */
  totalWeight: number;
}

/** Checks that option ids are unique non-empty strings and indexes them. */
export function indexOptions(options: readonly OptionId[]): Map<OptionId, number> {
  if (!Array.isArray(options) || options.length === 0) throw new InvalidBallotError("at least one option is required");
  const indexOf = new Map<OptionId, number>();
  for (const option of options) {
    if (typeof option !== "string" || option === "") throw new InvalidBallotError("option ids must be non-empty strings");
    if (indexOf.has(option)) throw new InvalidBallotError(`option "${option}" is listed twice`);
    indexOf.set(option, indexOf.size);
  }
  return indexOf;
}

/**
 * Validates ranked ballots (known options, each at most once per ballot, finite non-negative
 * weights) and encodes them flat. Throws `InvalidBallotError` naming the offending ballot.
 */
export function encodeRanked(input: RankedInput): EncodedBallots {
  const indexOf = indexOptions(input.options);
  const ballots = input.ballots;
  if (!Array.isArray(ballots)) throw new InvalidBallotError("ballots must be an array");
  const count = ballots.length;
  let itemCount = 0;
  for (const ballot of ballots) for (const group of ballot?.ranking ?? []) itemCount += group?.length ?? 0;

  const start = new Int32Array(count + 1);
  const items = new Int32Array(itemCount);
  const tiedWithPrevious = new Uint8Array(itemCount);
  const weights = new Float64Array(count);
  const seenAt = new Int32Array(indexOf.size).fill(-1);
  let totalWeight = 0;
  let k = 0;
  for (let b = 0; b < count; b++) {
    const ballot = ballots[b]!;
    start[b] = k;
    weights[b] = checkedWeight(ballot?.weight, b);
    totalWeight += weights[b]!;
    if (!Array.isArray(ballot?.ranking)) throw new InvalidBallotError(`ballot ${b + 1}: ranking must be an array of groups`);
    for (const group of ballot.ranking) {
      if (!Array.isArray(group)) throw new InvalidBallotError(`ballot ${b + 1}: each rank must be an array of options`);
      for (let g = 0; g < group.length; g++) {
        const option = indexOf.get(group[g]!);
        if (option === undefined) throw new InvalidBallotError(`ballot ${b + 1}: unknown option "${String(group[g])}"`);
        if (seenAt[option] === b) throw new InvalidBallotError(`ballot ${b + 1}: option "${group[g]}" is ranked twice`);
        seenAt[option] = b;
        items[k] = option;
        tiedWithPrevious[k] = g > 0 ? 1 : 0;
        k++;
      }
    }
  }
  start[count] = k;
  return { options: [...input.options], indexOf, count, start, items, tiedWithPrevious, weights, totalWeight };
}

function checkedWeight(weight: number | undefined, b: number): number {
  if (weight === undefined) return 1;
  if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0) {
    throw new InvalidBallotError(`ballot ${b + 1}: weight must be a finite number ≥ 0`);
  }
  return weight;
}
