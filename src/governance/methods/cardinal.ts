/**
 * Checks and helpers shared by the non-ranked methods (majority, approval, score, consent,
 * quadratic): ballot weights, seats, thresholds as exact fractions, and the deterministic
 * order of options by their totals.
 */
import { InvalidBallotError, type OptionId } from "./types.ts";

/** A ballot's weight: how many identical ballots, or a delegated weight; 1 when absent. */
export function checkWeight(weight: unknown, b: number): number {
  if (weight === undefined) return 1;
  if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0) {
    throw new InvalidBallotError(`ballot ${b + 1}: weight must be a finite number ≥ 0`);
  }
  return weight;
}

/** Seats to fill: a whole number from 1 to the number of options; 1 when absent. */
export function checkSeats(seats: unknown, options: number): number {
  if (seats === undefined) return 1;
  if (!Number.isSafeInteger(seats) || (seats as number) < 1 || (seats as number) > options) {
    throw new InvalidBallotError(`seats must be a whole number from 1 to ${options} (got ${String(seats)})`);
  }
  return seats as number;
}

/** A fraction `[numerator, denominator]` of whole numbers, checked to lie in [low, 1]. */
export function checkFraction(fraction: unknown, what: string, low: number, lowInclusive: boolean): [number, number] {
  const [n, d] = Array.isArray(fraction) ? fraction : [];
  const valid = Number.isSafeInteger(n) && Number.isSafeInteger(d) && d > 0 && n <= d && (lowInclusive ? n / d >= low : n / d > low);
  if (!valid) throw new InvalidBallotError(`${what} must be [numerator, denominator] of whole numbers, ${lowInclusive ? "at least" : "above"} ${low} and at most 1`);
  return [n, d];
}

/** Winners of a multi-seat count by totals: the top `seats`, ties broken by listing order. */
export interface SeatOutcome {
  winners: OptionId[];
  /** Every option, best total first (ties in listing order). */
  ranking: OptionId[];
  /** True when the last seat went to an option tied with one left out. */
  tiedAtCut: boolean;
}

/** Orders options by total, highest first; equal totals keep the order of `options`. */
export function fillSeats(options: OptionId[], totals: number[], seats: number): SeatOutcome {
  const order = options.map((_, i) => i).sort((a, b) => totals[b]! - totals[a]! || a - b);
  const lastIn = order[seats - 1];
  const firstOut = order[seats];
  return {
    winners: order.slice(0, seats).map((i) => options[i]!),
    ranking: order.map((i) => options[i]!),
    tiedAtCut: lastIn !== undefined && firstOut !== undefined && totals[lastIn] === totals[firstOut],
  };
}

/** Totals keyed by option id, for the `tallies` of a round. */
export function byOption(options: OptionId[], totals: number[]): Record<OptionId, number> {
  return Object.fromEntries(options.map((id, i) => [id, totals[i]!]));
}

/** Ballots must be an array; returns it typed. */
export function checkBallots<T>(ballots: T[] | unknown): T[] {
  if (!Array.isArray(ballots)) throw new InvalidBallotError("ballots must be an array");
  return ballots as T[];
}
