/**
 * Every counting method by its registry name: the names ballot files, `stoa tally --method`
 * and the governance API use. Each entry is a pure function from the method's input to a
 * `TallyResult`.
 */
import { approval } from "./approval.ts";
import { consent } from "./consent.ts";
import { equalShares, equalSharesComparison } from "./equal-shares.ts";
import { greedy } from "./greedy.ts";
import { instantRunoff } from "./irv.ts";
import { majority } from "./majority.ts";
import { quadratic } from "./quadratic.ts";
import { schulze } from "./schulze.ts";
import { score } from "./score.ts";
import { scottishStv } from "./stv.ts";
import type { RankedInput, TallyResult } from "./types.ts";

/** Method name → counting function. */
export const methods = {
  majority,
  approval,
  score,
  consent,
  irv: instantRunoff,
  // Ballot files may omit seats; STV then fills one seat.
  stv: (input: RankedInput & { withdrawn?: string[] }): TallyResult => scottishStv({ ...input, seats: input.seats ?? 1 }),
  schulze,
  quadratic,
  greedy,
  "equal-shares": equalShares,
  "equal-shares-comparison": equalSharesComparison,
} as const;

/** A method's registry name. */
export type MethodName = keyof typeof methods;

/** The input a method takes. */
export type MethodInput<M extends MethodName> = Parameters<(typeof methods)[M]>[0];

/** All registry names, in a stable order. */
export const methodNames = Object.keys(methods) as MethodName[];

/** True when `name` is a registry name. */
export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

/** Counts `input` with method `name`. */
export function count<M extends MethodName>(name: M, input: MethodInput<M>): TallyResult {
  return (methods[name] as (input: MethodInput<M>) => TallyResult)(input);
}
