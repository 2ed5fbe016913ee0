/**
 * Score (range) voting: each ballot gives options a score between `min` and `max`; the options
 * with the highest total score (by weight) win, one per seat.
 *
 * - An option a ballot leaves unscored counts as `min` for it, so a voter who says nothing about
 *   an option does not help it (and an option scored by few cannot win on a high average).
 * - Scores must be finite numbers within [min, max]; anything else refuses the ballot.
 * - Tie-breaking (deterministic): equal totals keep the order of `options`; `tiedAtCut`
 *   reports when a seat was decided that way.
 */
import { byOption, checkBallots, checkSeats, checkWeight, fillSeats } from "./cardinal.ts";
import { indexOptions } from "./ranked-encoding.ts";
import { InvalidBallotError, type OptionId, type TallyResult } from "./types.ts";

/** Scores by option id; options left out count as `min`. */
export interface ScoreBallot {
  scores: Record<OptionId, number>;
  weight?: number;
}

/** Input of score voting. */
export interface ScoreInput {
  options: OptionId[];
  ballots: ScoreBallot[];
  /** Lowest and highest allowed score, e.g. 0 and 5. */
  min: number;
  max: number;
  /** Winners to choose; 1 when absent. */
  seats?: number;
}

/** Counts score ballots; one round with every option's total and average score. */
export function score(input: ScoreInput): TallyResult {
  const indexOf = indexOptions(input.options);
  const { min, max } = input;
  if (!Number.isFinite(min) || !Number.isFinite(max) || min >= max) {
    throw new InvalidBallotError(`score range must be finite numbers with min < max (got ${min}..${max})`);
  }
  const seats = checkSeats(input.seats, indexOf.size);
  const totals = input.options.map(() => 0);
  let totalWeight = 0;
  checkBallots<ScoreBallot>(input.ballots).forEach((ballot, b) => {
    const weight = checkWeight(ballot?.weight, b);
    totalWeight += weight;
    const given = ballotScores(ballot, indexOf, min, max, b);
    for (let i = 0; i < totals.length; i++) totals[i]! += weight * (given[i] ?? min);
  });
  const outcome = fillSeats(input.options, totals, seats);
  const averages = totals.map((total) => (totalWeight > 0 ? total / totalWeight : min));
  return {
    method: "score",
    winners: outcome.winners,
    ranking: outcome.ranking,
    tiedAtCut: outcome.tiedAtCut,
    rounds: [{ round: 1, tallies: byOption(input.options, totals), averages: byOption(input.options, averages), elected: outcome.winners }],
    totalWeight,
    range: [min, max],
  };
}

/** Scores of ballot `b` by option index, each known and within range. */
function ballotScores(ballot: ScoreBallot, indexOf: Map<OptionId, number>, min: number, max: number, b: number): (number | undefined)[] {
  const scores = ballot?.scores;
  if (typeof scores !== "object" || scores === null || Array.isArray(scores)) {
    throw new InvalidBallotError(`ballot ${b + 1}: "scores" must be an object of option → score`);
  }
  const given: (number | undefined)[] = [];
  for (const [id, value] of Object.entries(scores)) {
    const option = indexOf.get(id);
    if (option === undefined) throw new InvalidBallotError(`ballot ${b + 1}: unknown option "${id}"`);
    if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
      throw new InvalidBallotError(`ballot ${b + 1}: score ${String(value)} for "${id}" is out of range ${min}..${max}`);
    }
    given[option] = value;
  }
  return given;
}
