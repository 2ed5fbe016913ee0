/**
 * Quadratic voting: each voter has `credits` voice credits; casting v votes on an option costs
 * v² credits, so strong preferences are expensive. Votes are whole numbers and may be negative
 * (against). A ballot spending more than its credits is refused, not trimmed: trimming would
 * guess what the voter meant.
 *
 * - An option's total is the sum of votes (by weight); the highest totals win, one per seat.
 * - A ballot's weight multiplies its votes (identical ballots); each voter's credits are per
 *   ballot, before weighting.
 * - Tie-breaking (deterministic): equal totals keep the order of `options`; `tiedAtCut`
 *   reports when a seat was decided that way.
 */
import { byOption, checkBallots, checkSeats, checkWeight, fillSeats } from "./cardinal.ts";
import { indexOptions } from "./ranked-encoding.ts";
import { InvalidBallotError, type OptionId, type TallyResult } from "./types.ts";

/** Votes by option id (whole numbers, negative against); options left out get 0. */
export interface QuadraticBallot {
  votes: Record<OptionId, number>;
  weight?: number;
}

/** Input of quadratic voting. */
export interface QuadraticInput {
  options: OptionId[];
  ballots: QuadraticBallot[];
  /** Voice credits of each voter (a whole number ≥ 1). */
  credits: number;
  /** Winners to choose; 1 when absent. */
  seats?: number;
}

/** Counts quadratic ballots; one round with totals and the credits spent. */
export function quadratic(input: QuadraticInput): TallyResult {
  const indexOf = indexOptions(input.options);
  if (!Number.isSafeInteger(input.credits) || input.credits < 1) {
    throw new InvalidBallotError(`credits must be a whole number ≥ 1 (got ${input.credits})`);
  }
  const seats = checkSeats(input.seats, indexOf.size);
  const totals = input.options.map(() => 0);
  let creditsSpent = 0;
  checkBallots<QuadraticBallot>(input.ballots).forEach((ballot, b) => {
    const weight = checkWeight(ballot?.weight, b);
    const votes = ballotVotes(ballot, indexOf, b);
    const cost = votes.reduce((sum, [, v]) => sum + v * v, 0);
    if (cost > input.credits) throw new InvalidBallotError(`ballot ${b + 1}: spends ${cost} voice credits, over the budget of ${input.credits}`);
    creditsSpent += cost * weight;
    for (const [option, v] of votes) totals[option]! += v * weight;
  });
  const outcome = fillSeats(input.options, totals, seats);
  return {
    method: "quadratic",
    winners: outcome.winners,
    ranking: outcome.ranking,
    tiedAtCut: outcome.tiedAtCut,
    rounds: [{ round: 1, tallies: byOption(input.options, totals), creditsSpent, elected: outcome.winners }],
    credits: input.credits,
  };
}

/** The votes of ballot `b` as [option index, votes], each known and a whole number. */
function ballotVotes(ballot: QuadraticBallot, indexOf: Map<OptionId, number>, b: number): [number, number][] {
  const votes = ballot?.votes;
  if (typeof votes !== "object" || votes === null || Array.isArray(votes)) {
    throw new InvalidBallotError(`ballot ${b + 1}: "votes" must be an object of option → votes`);
  }
  return Object.entries(votes).map(([id, v]) => {
    const option = indexOf.get(id);
    if (option === undefined) throw new InvalidBallotError(`ballot ${b + 1}: unknown option "${id}"`);
    if (!Number.isSafeInteger(v)) throw new InvalidBallotError(`ballot ${b + 1}: votes for "${id}" must be a whole number (got ${String(v)})`);
    return [option, v];
  });
}
