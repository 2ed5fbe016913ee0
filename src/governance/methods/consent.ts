/**
 * Consent decision on one proposal: each ballot agrees, abstains, disagrees or blocks.
 *
 * - A block is a principled objection: when the weight of blocks reaches `blockThreshold`
 *   (1 by default, a single block), the proposal is stopped whatever the other votes
 *   (`outcome: "blocked"`).
 * - Otherwise it is adopted when agreement exceeds `agreeShare` (default [1, 2]) of the
 *   ballots that agree or disagree: with the default, more agree than disagree. Abstentions
 *   count only toward the quorum. Nobody agreeing adopts nothing.
 * - Quorum: below `quorum` total weight (every position included) nothing is decided
 *   (`outcome: "no-quorum"`); the quorum is checked before blocks.
 * The outcome is fully determined by the totals: there is nothing to break ties between.
 */
import { checkBallots, checkFraction, checkWeight } from "./cardinal.ts";
import { InvalidBallotError, type OptionId, type TallyResult } from "./types.ts";

/** What a participant says about the proposal. */
export type ConsentPosition = "agree" | "abstain" | "disagree" | "block";
const POSITIONS: readonly ConsentPosition[] = ["agree", "abstain", "disagree", "block"];

/** One participant's position. */
export interface ConsentBallot {
  position: ConsentPosition;
  weight?: number;
}

/** Input of a consent decision. */
export interface ConsentInput {
  /** Id of the proposal, reported as the winner when adopted; "proposal" when absent. */
  proposal?: OptionId;
  ballots: ConsentBallot[];
  /** Weight of blocks that stops the proposal; 1 when absent. */
  blockThreshold?: number;
  /** Share of agree among agree + disagree that must be exceeded; [1, 2] when absent. */
  agreeShare?: [number, number];
  /** Minimum total weight of ballots for a decision. */
  quorum?: number;
}

/** Counts a consent decision; `outcome` is `adopted`, `blocked`, `rejected` or `no-quorum`. */
export function consent(input: ConsentInput): TallyResult {
  const proposal = input.proposal ?? "proposal";
  const blockThreshold = input.blockThreshold ?? 1;
  if (!Number.isFinite(blockThreshold) || blockThreshold <= 0) throw new InvalidBallotError("blockThreshold must be a finite number > 0");
  const [n, d] = input.agreeShare === undefined ? [1, 2] : checkFraction(input.agreeShare, "agreeShare", 0, true);
  const quorum = input.quorum ?? 0;
  if (!Number.isFinite(quorum) || quorum < 0) throw new InvalidBallotError("quorum must be a finite number ≥ 0");
  const tallies: Record<ConsentPosition, number> = { agree: 0, abstain: 0, disagree: 0, block: 0 };
  checkBallots<ConsentBallot>(input.ballots).forEach((ballot, b) => {
    const weight = checkWeight(ballot?.weight, b);
    if (!POSITIONS.includes(ballot?.position)) {
      throw new InvalidBallotError(`ballot ${b + 1}: position must be one of ${POSITIONS.join(", ")} (got ${JSON.stringify(ballot?.position)})`);
    }
    tallies[ballot.position] += weight;
  });
  const participation = POSITIONS.reduce((sum, p) => sum + tallies[p], 0);
  const { agree, disagree, block } = tallies;
  const outcome =
    participation < quorum ? "no-quorum"
    : block >= blockThreshold ? "blocked"
    : agree > 0 && agree * d > n * (agree + disagree) ? "adopted"
    : "rejected";
  const winners = outcome === "adopted" ? [proposal] : [];
  return {
    method: "consent",
    winners,
    outcome,
    rounds: [{ round: 1, tallies: { ...tallies }, participation, quorum, blockThreshold, agreeShare: [n, d], elected: winners }],
  };
}
