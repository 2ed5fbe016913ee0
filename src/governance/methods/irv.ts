/**
 * Instant-runoff voting (single winner), counted round by round.
 *
 * - Each round every ballot counts for its highest-ranked continuing option. An option with
 *   more than half of the votes counting in that round wins (`threshold` = floor(active / 2) + 1,
 *   as RCTab reports it). With one option left, it wins.
 * - Otherwise the option with the fewest votes is eliminated and its ballots move on; ballots
 *   with no continuing option left are exhausted.
 * - A rank holding several options is an overvote whatever their status: by default the
 *   ballot is exhausted there (`overvote: "exhaust"`, RCTab's exhaustImmediately); with
 *   `overvote: "skip"` the whole rank is skipped (alwaysSkipToNextRank).
 * - `eliminateFirst`: options removed after round 1 whatever their votes (RCTab treats
 *   undeclared write-ins so).
 * - Tie-breaking for elimination (deterministic): among options tied for fewest votes, the one
 *   with fewer votes in the most recent earlier round where they differed; if they were equal
 *   in every round, the one listed last in `options`.
 * Blank ballots (no option ranked, or an overvote at the first rank when exhausting) count in
 * no round; they are reported as `inactiveFromStart`.
 */
import { encodeRanked, type EncodedBallots } from "./ranked-encoding.ts";
import { InvalidBallotError, type OptionId, type RankedInput, type TallyResult, type TallyRound } from "./types.ts";

export interface InstantRunoffInput extends RankedInput {
  overvote?: "exhaust" | "skip";
  eliminateFirst?: OptionId[];
}

const EXHAUSTED = -1;

/** Counts a single-winner instant-runoff election; `rounds` hold tallies, transfers and eliminations. */
export function instantRunoff(input: InstantRunoffInput): TallyResult {
  const encoded = encodeRanked(input);
  const n = encoded.options.length;
  const skipOvervotes = input.overvote === "skip";
  const continuing = new Uint8Array(n).fill(1);
  const eliminateFirst = (input.eliminateFirst ?? []).map((o) => {
    const i = encoded.indexOf.get(o);
    if (i === undefined) throw new InvalidBallotError(`eliminateFirst names unknown option "${o}"`);
    return i;
  });
  const position = Int32Array.from(encoded.start.subarray(0, encoded.count));
  const holder = new Int32Array(encoded.count);
  let inactiveFromStart = 0;
  for (let b = 0; b < encoded.count; b++) {
    holder[b] = nextChoice(encoded, b, position, continuing, skipOvervotes);
    if (holder[b] === EXHAUSTED) inactiveFromStart += encoded.weights[b]!;
  }

  const history: Float64Array[] = [];
  const rounds: TallyRound[] = [];
  let exhausted = 0;
  for (;;) {
    const tallies = tally(encoded, holder, n);
    history.push(tallies);
    const alive = [...continuing.keys()].filter((i) => continuing[i]);
    const active = alive.reduce((sum, i) => sum + tallies[i]!, 0);
    const round: TallyRound = {
      round: rounds.length + 1,
      tallies: Object.fromEntries(alive.map((i) => [encoded.options[i]!, tallies[i]!])),
      threshold: Math.floor(active / 2) + 1,
      exhausted,
    };
    rounds.push(round);
    const leader = alive.reduce((best, i) => (tallies[i]! > tallies[best]! ? i : best), alive[0]!);
    if (alive.length === 1 || tallies[leader]! * 2 > active) {
      round.elected = [encoded.options[leader]!];
      return { method: "irv", winners: [encoded.options[leader]!], rounds, totalWeight: encoded.totalWeight, inactiveFromStart };
    }
    const losers = rounds.length === 1 && eliminateFirst.length > 0 ? eliminateFirst : [lowest(alive, history)];
    for (const loser of losers) continuing[loser] = 0;
    const transfers = moveBallots(encoded, holder, position, continuing, skipOvervotes);
    exhausted += transfers.get(EXHAUSTED) ?? 0;
    round.eliminated = losers.map((i) => encoded.options[i]!);
    round.transfers = Object.fromEntries([...transfers].map(([to, w]) => [to === EXHAUSTED ? "exhausted" : encoded.options[to]!, w]));
  }
}

function tally(encoded: EncodedBallots, holder: Int32Array, n: number): Float64Array {
  const tallies = new Float64Array(n);
  for (let b = 0; b < encoded.count; b++) {
    const h = holder[b]!;
    if (h >= 0) tallies[h]! += encoded.weights[b]!;
  }
  return tallies;
}

/** Moves ballots held by eliminated options; returns weight moved per destination (-1 = exhausted). */
function moveBallots(encoded: EncodedBallots, holder: Int32Array, position: Int32Array, continuing: Uint8Array, skip: boolean): Map<number, number> {
  const transfers = new Map<number, number>();
  for (let b = 0; b < encoded.count; b++) {
    const h = holder[b]!;
    if (h < 0 || continuing[h]) continue;
    const to = nextChoice(encoded, b, position, continuing, skip);
    holder[b] = to;
    transfers.set(to, (transfers.get(to) ?? 0) + encoded.weights[b]!);
  }
  return transfers;
}

/** Advances ballot `b` to its next continuing choice, applying the overvote rule; -1 if none. */
function nextChoice(encoded: EncodedBallots, b: number, position: Int32Array, continuing: Uint8Array, skip: boolean): number {
  const { items, tiedWithPrevious, start } = encoded;
  const end = start[b + 1]!;
  let k = position[b]!;
  while (k < end) {
    let groupEnd = k + 1;
    while (groupEnd < end && tiedWithPrevious[groupEnd]) groupEnd++;
    if (groupEnd - k > 1) {
      if (!skip) break; // overvote: the ballot is exhausted here
    } else if (continuing[items[k]!]) {
      position[b] = k;
      return items[k]!;
    }
    k = groupEnd;
  }
  position[b] = end;
  return EXHAUSTED;
}

/** The option to eliminate: fewest votes, then fewer in the latest earlier round that differs, then last listed. */
function lowest(alive: number[], history: Float64Array[]): number {
  const fewest = (votes: Float64Array, among: number[]) => {
    const min = Math.min(...among.map((i) => votes[i]!));
    return among.filter((i) => votes[i] === min);
  };
  let tied = fewest(history[history.length - 1]!, alive);
  for (let r = history.length - 2; r >= 0 && tied.length > 1; r--) tied = fewest(history[r]!, tied);
  return tied[tied.length - 1]!;
}
