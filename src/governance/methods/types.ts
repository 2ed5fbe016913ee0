/**
 * Shared shapes of the counting methods. Every method is a pure, deterministic function
 * from ballots to a `TallyResult` that explains itself round by round.
 */

/** An option, candidate or project, identified by a stable string id. */
export type OptionId = string;

/** One round (or step) of a count, in the method's own terms. */
export interface TallyRound {
  /** 1-based round number. */
  round: number;
  /** Votes (or scores, weights, money) held by each option in this round. */
  tallies?: Record<OptionId, number>;
  /** Options elected / selected in this round. */
  elected?: OptionId[];
  /** Options eliminated / excluded in this round. */
  eliminated?: OptionId[];
  /** Anything else the method reports for this round (transfers, quota, exhausted…). */
  [detail: string]: unknown;
}

/** What every method returns. */
export interface TallyResult {
  /** The method's registry name (`schulze`, `stv`, `equal-shares`…). */
  method: string;
  /** Winners in order of election where the method has one. */
  winners: OptionId[];
  /** Round-by-round explanation. */
  rounds: TallyRound[];
  /** Method-specific summary figures (quota, totals, pairwise matrix…). */
  [detail: string]: unknown;
}

/** Thrown when ballots are not valid for a method; the API maps it to 422. */
export class InvalidBallotError extends Error {
  override name = "InvalidBallotError";
}

/** A ranked ballot: groups of equally ranked options, most preferred first. */
export interface RankedBallot {
  ranking: OptionId[][];
  /** How many identical ballots (or a delegated weight); 1 when absent. */
  weight?: number;
}

/** Input of the ranked methods (Schulze, instant-runoff, STV). */
export interface RankedInput {
  options: OptionId[];
  ballots: RankedBallot[];
  /** Seats to fill (STV); 1 when absent. */
  seats?: number;
}
