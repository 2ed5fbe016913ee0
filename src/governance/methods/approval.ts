/**
 * Approval voting: each ballot approves any number of options; the options approved by the most
 * (by weight) win, one per seat.
 *
 * Tie-breaking (deterministic): equal approvals keep the order of `options`, the order
 * published with the ballot file; `tiedAtCut` reports when a seat was decided that way.
 */
import { approvedIndices } from "./budget-input.ts";
import { byOption, checkBallots, checkSeats, checkWeight, fillSeats } from "./cardinal.ts";
import { indexOptions } from "./ranked-encoding.ts";
import type { OptionId, TallyResult } from "./types.ts";

/** An approval ballot of the approval method (weights may be fractional, e.g. delegated). */
export interface ApprovalVote {
  approved: OptionId[];
  weight?: number;
}

/** Input of approval voting. */
export interface ApprovalInput {
  options: OptionId[];
  ballots: ApprovalVote[];
  /** Winners to choose; 1 when absent. */
  seats?: number;
}

/** Counts approval ballots; one round with every option's approvals. */
export function approval(input: ApprovalInput): TallyResult {
  const indexOf = indexOptions(input.options);
  const seats = checkSeats(input.seats, indexOf.size);
  const totals = input.options.map(() => 0);
  let totalWeight = 0;
  checkBallots<ApprovalVote>(input.ballots).forEach((ballot, b) => {
    const weight = checkWeight(ballot?.weight, b);
    totalWeight += weight;
    for (const option of approvedIndices(ballot?.approved, indexOf, b)) totals[option]! += weight;
  });
  const outcome = fillSeats(input.options, totals, seats);
  return {
    method: "approval",
    winners: outcome.winners,
    ranking: outcome.ranking,
    tiedAtCut: outcome.tiedAtCut,
    rounds: [{ round: 1, tallies: byOption(input.options, totals), elected: outcome.winners }],
    totalWeight,
  };
}
