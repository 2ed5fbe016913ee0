/**
 * The ballot papers of an STV count: who holds each paper, at what value, and the moves the
 * Scottish rules make (first preferences, surplus transfer, transfer of an excluded
 * candidate's papers). Values are integers counting 1/`unit` of a vote (fixed point).
 */
import { mulDivFloor } from "./fixed-point.ts";
import type { EncodedBallots } from "./ranked-encoding.ts";

export const HOPEFUL = 0;
export const ELECTED = 1;
export const EXCLUDED = 2;
export const WITHDRAWN = 3;

/** Mutable state of one count; owned by `scottishStv`, never shared. */
export interface Piles {
  ballots: EncodedBallots;
  /** Fixed-point units per vote (10^decimals). */
  unit: number;
  /** Per candidate: HOPEFUL, ELECTED, EXCLUDED or WITHDRAWN. */
  state: Uint8Array;
  /** Per candidate: votes credited, in fixed-point units. */
  votes: Float64Array;
  /** Per candidate: indices of the ballots it holds. */
  held: number[][];
  /** Per ballot: position of its current preference in `ballots.items`. */
  position: Int32Array;
  /** Per ballot: value of one paper, in fixed-point units. */
  value: Float64Array;
  nonTransferable: number;
  residual: number;
}

/** Gives every ballot to its first continuing preference; returns the number of valid papers. */
export function dealFirstPreferences(ballots: EncodedBallots, state: Uint8Array, unit: number): { piles: Piles; validPapers: number } {
  const n = state.length;
  const piles: Piles = {
    ballots,
    unit,
    state,
    votes: new Float64Array(n),
    held: Array.from({ length: n }, () => []),
    position: new Int32Array(ballots.count),
    value: new Float64Array(ballots.count).fill(unit),
    nonTransferable: 0,
    residual: 0,
  };
  let validPapers = 0;
  for (let b = 0; b < ballots.count; b++) {
    piles.position[b] = ballots.start[b]!;
    const holder = advance(piles, b);
    if (holder < 0) continue; // no preference for a standing candidate: not a valid paper
    validPapers += ballots.weights[b]!;
    piles.held[holder]!.push(b);
    piles.votes[holder]! += ballots.weights[b]! * unit;
  }
  return { piles, validPapers };
}

/**
 * Transfers the surplus of `candidate` [rule 48]: every paper it holds moves on at
 * value × surplus ÷ votes, truncated to 5 places; the candidate keeps exactly the quota.
 */
export function transferSurplus(piles: Piles, candidate: number, quota: number): void {
  const votes = piles.votes[candidate]!;
  const surplus = votes - quota;
  const newValueOf = new Map<number, number>();
  let moved = 0;
  for (const b of piles.held[candidate]!) {
    const old = piles.value[b]!;
    let value = newValueOf.get(old);
    if (value === undefined) newValueOf.set(old, (value = mulDivFloor(old, surplus, votes)));
    piles.value[b] = value;
    moved += piles.ballots.weights[b]! * value;
    moveOn(piles, b);
  }
  piles.held[candidate] = [];
  piles.residual += surplus - moved;
  piles.votes[candidate] = quota;
}

/** Transfers every paper of an excluded candidate at the value it was received at [rule 50]. */
export function transferExcluded(piles: Piles, candidate: number): void {
  for (const b of piles.held[candidate]!) moveOn(piles, b);
  piles.held[candidate] = [];
  piles.votes[candidate] = 0;
}

function moveOn(piles: Piles, b: number): void {
  piles.position[b]!++;
  const holder = advance(piles, b);
  const paperVotes = piles.ballots.weights[b]! * piles.value[b]!;
  if (holder < 0) {
    piles.nonTransferable += paperVotes;
    return;
  }
  piles.held[holder]!.push(b);
  piles.votes[holder]! += paperVotes;
}

/** Moves ballot `b` to its next preference for a hopeful candidate; -1 when there is none. */
function advance(piles: Piles, b: number): number {
  const { items, start } = piles.ballots;
  const end = start[b + 1]!;
  let k = piles.position[b]!;
  while (k < end && piles.state[items[k]!] !== HOPEFUL) k++;
  piles.position[b] = k;
  return k < end ? items[k]! : -1;
}
