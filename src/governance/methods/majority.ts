/**
 * Simple and qualified majority, with an optional quorum. Each ballot chooses one option, or
 * abstains (`choice: null`).
 *
 * - Abstentions count toward the quorum (they took part) but not among the votes cast, so they
 *   neither help nor hurt any option.
 * - Quorum: when the total weight of ballots (abstentions included) is below `quorum`, nothing
 *   is decided (`outcome: "no-quorum"`).
 * - Simple majority: an option wins with strictly more than half of the votes cast.
 *   Qualified majority `[n, d]` (e.g. [2, 3]): an option wins with at least n/d of the votes
 *   cast; n/d must exceed 1/2, so at most one option can win.
 * - Ties cannot elect: a 50/50 split, or no option reaching the threshold, decides nothing
 *   (`outcome: "no-majority"`; the status quo stands). No tie-break is needed or used.
 * Thresholds are compared exactly in cross-multiplied form (votes·d ≥ n·cast).
 */
import { byOption, checkBallots, checkFraction, checkWeight } from "./cardinal.ts";
import { indexOptions } from "./ranked-encoding.ts";
import { InvalidBallotError, type OptionId, type TallyResult } from "./types.ts";

/** One choice, or `null` to abstain. */
export interface ChoiceBallot {
  choice: OptionId | null;
  weight?: number;
}

/** Input of a majority vote. */
export interface MajorityInput {
  options: OptionId[];
  ballots: ChoiceBallot[];
  /** Qualified majority as a fraction of votes cast, e.g. [2, 3]; simple majority when absent. */
  qualified?: [number, number];
  /** Minimum participation (total weight, abstentions included) for the vote to decide. */
  quorum?: number;
}

/** Counts a majority vote; `outcome` is `adopted`, `no-majority` or `no-quorum`. */
export function majority(input: MajorityInput): TallyResult {
  const indexOf = indexOptions(input.options);
  const qualified = input.qualified === undefined ? undefined : checkFraction(input.qualified, "qualified", 1 / 2, false);
  const quorum = input.quorum ?? 0;
  if (!Number.isFinite(quorum) || quorum < 0) throw new InvalidBallotError("quorum must be a finite number ≥ 0");
  const totals = input.options.map(() => 0);
  let abstentions = 0;
  checkBallots<ChoiceBallot>(input.ballots).forEach((ballot, b) => {
    const weight = checkWeight(ballot?.weight, b);
    if (ballot?.choice === null) {
      abstentions += weight;
      return;
    }
    const option = indexOf.get(ballot?.choice as OptionId);
    if (option === undefined) throw new InvalidBallotError(`ballot ${b + 1}: unknown option "${String(ballot?.choice)}"`);
    totals[option]! += weight;
  });
  const cast = totals.reduce((sum, t) => sum + t, 0);
  const participation = cast + abstentions;
  const quorumMet = participation >= quorum;
  const passes = (votes: number) => (qualified ? votes * qualified[1] >= qualified[0] * cast : votes * 2 > cast);
  const winner = quorumMet && cast > 0 ? input.options.find((_, i) => passes(totals[i]!)) : undefined;
  const outcome = !quorumMet ? "no-quorum" : winner === undefined ? "no-majority" : "adopted";
  const required = qualified ? `at least ${qualified[0]}/${qualified[1]} of votes cast` : "more than half of votes cast";
  return {
    method: "majority",
    winners: winner === undefined ? [] : [winner],
    outcome,
    rounds: [{ round: 1, tallies: byOption(input.options, totals), abstentions, cast, participation, quorum, quorumMet, required, elected: winner === undefined ? [] : [winner] }],
  };
}
