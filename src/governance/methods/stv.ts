/**
 * Single transferable vote under the Scottish rules (Scottish Local Government Elections Order
 * 2007, SSI 2007/42, schedule 1, rules 45–52), in fixed-point arithmetic with 5 decimals.
 *
 * - Quota [46]: floor(valid papers ÷ (seats + 1)) + 1. A candidate with votes ≥ quota is
 *   elected [47].
 * - Surplus [48]: all papers the elected candidate holds move to their next continuing
 *   preference at value × surplus ÷ votes, truncated to 5 decimals; papers with no further
 *   preference are non-transferable; what truncation loses is the residual. (The 2007 Order
 *   transfers every paper the candidate holds — a weighted inclusive Gregory method — not only
 *   the last parcel received; the Glasgow reference counts agree.)
 * - Largest surplus first [49]; equal surpluses: the candidate with more votes at the most
 *   recent preceding stage where the tied candidates differed; equal at every stage: by lot.
 * - Exclusion [50]: when no surplus remains, the candidate with fewest votes is excluded and
 *   its papers move at the value they were received at. Ties [51]: fewer votes at the most
 *   recent preceding stage where they differed, else by lot.
 * - Last vacancies [52]: when continuing candidates are no more than vacancies, they are all
 *   elected.
 * - "By lot" is made reproducible: `lot` is an order drawn before the count (most favoured
 *   first; by default the order of `options`, i.e. the ballot paper). On a surplus tie the
 *   most favoured transfers first; on an exclusion tie the least favoured is excluded.
 * Withdrawn candidates (`withdrawn`) are skipped on every paper.
 *
 * Variant: `decimals` (default 5, the statute's) sets the fixed-point precision; with 4 it
 * reproduces RCTab's multi-winner whole-threshold count stage by stage up to the last seat.
 */
import { encodeRanked } from "./ranked-encoding.ts";
import { dealFirstPreferences, ELECTED, EXCLUDED, HOPEFUL, transferExcluded, transferSurplus, WITHDRAWN, type Piles } from "./stv-piles.ts";
import { InvalidBallotError, type OptionId, type RankedInput, type TallyResult, type TallyRound } from "./types.ts";

export interface ScottishStvInput extends RankedInput {
  seats: number;
  withdrawn?: OptionId[];
  /** Pre-drawn lot order for ties that no earlier stage breaks, most favoured first. */
  lot?: OptionId[];
  /** Decimal places of the fixed-point arithmetic; 5 under the Scottish rules. */
  decimals?: number;
}

interface Count {
  piles: Piles;
  names: OptionId[];
  quota: number;
  seats: number;
  lotRank: Int32Array;
  /** Votes of every candidate at the end of each stage so far. */
  history: Float64Array[];
  pending: number[];
  elected: number[];
  rounds: TallyRound[];
}

/**
 * Counts an STV election under the Scottish rules. `winners` are in order of election;
 * `rounds` has one entry per stage with every candidate's votes to 5 decimals.
 */
export function scottishStv(input: ScottishStvInput): TallyResult {
  const encoded = encodeRanked(input);
  const seats = input.seats;
  if (!Number.isInteger(seats) || seats < 1) throw new InvalidBallotError("seats must be a positive integer");
  if (encoded.weights.some((w) => !Number.isInteger(w))) throw new InvalidBallotError("STV ballot weights must be whole numbers of papers");
  if (encoded.tiedWithPrevious.includes(1)) throw new InvalidBallotError("STV ballots rank one candidate per preference");
  const state = new Uint8Array(encoded.options.length);
  for (const name of input.withdrawn ?? []) {
    const c = encoded.indexOf.get(name);
    if (c === undefined) throw new InvalidBallotError(`withdrawn candidate "${name}" is not among the options`);
    state[c] = WITHDRAWN;
  }
  const decimals = input.decimals ?? 5;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 9) throw new InvalidBallotError("decimals must be an integer from 0 to 9");
  const { piles, validPapers } = dealFirstPreferences(encoded, state, 10 ** decimals);
  const count: Count = {
    piles,
    names: encoded.options,
    quota: (Math.floor(validPapers / (seats + 1)) + 1) * piles.unit,
    seats,
    lotRank: lotRanks(encoded.indexOf, input.lot ?? encoded.options),
    history: [],
    pending: [],
    elected: [],
    rounds: [],
  };
  runCount(count);
  return {
    method: "stv",
    rule: "scottish-stv-2007",
    winners: count.elected.map((c) => count.names[c]!),
    rounds: count.rounds,
    seats,
    validPapers,
    quota: count.quota / piles.unit,
  };
}

function runCount(count: Count): void {
  const { piles } = count;
  recordStage(count, { action: "first-preferences" }, electReachingQuota(count));
  while (seatsLeft(count) > 0 && hopefuls(count).length > seatsLeft(count)) {
    if (count.pending.length > 0) {
      const { candidate, tieBreak } = pick(count, count.pending, "highest");
      count.pending = count.pending.filter((c) => c !== candidate);
      transferSurplus(piles, candidate, count.quota);
      recordStage(count, { action: "surplus", candidate: count.names[candidate], ...tieBreak }, electReachingQuota(count));
    } else {
      const { candidate, tieBreak } = pick(count, hopefuls(count), "lowest");
      piles.state[candidate] = EXCLUDED;
      transferExcluded(piles, candidate);
      recordStage(count, { action: "exclusion", eliminated: [count.names[candidate]!], ...tieBreak }, electReachingQuota(count));
    }
  }
  const remaining = seatsLeft(count) > 0 ? hopefuls(count) : [];
  if (remaining.length > 0) {
    for (const c of byVotesDescending(count, remaining)) elect(count, c);
    count.rounds.push({ round: count.rounds.length + 1, action: "elect-remaining", elected: remaining.map((c) => count.names[c]!) });
  }
}

/** Elects every hopeful candidate at or above the quota, most votes first [47]. */
function electReachingQuota(count: Count): number[] {
  const reaching = byVotesDescending(count, hopefuls(count).filter((c) => count.piles.votes[c]! >= count.quota));
  for (const c of reaching) {
    elect(count, c);
    if (count.piles.votes[c]! > count.quota) count.pending.push(c);
  }
  return reaching;
}

function elect(count: Count, c: number): void {
  count.piles.state[c] = ELECTED;
  count.elected.push(c);
}

/**
 * Chooses among candidates with the highest (surplus) or lowest (exclusion) vote, breaking
 * ties by the most recent preceding stage where the tied candidates differed, then by lot.
 */
function pick(count: Count, candidates: number[], want: "highest" | "lowest"): { candidate: number; tieBreak: Record<string, unknown> } {
  const better = (a: number, b: number) => (want === "highest" ? a > b : a < b);
  const extreme = (votes: Float64Array, among: number[]) => {
    const best = among.reduce((acc, c) => (better(votes[c]!, acc) ? votes[c]! : acc), votes[among[0]!]!);
    return among.filter((c) => votes[c] === best);
  };
  let tied = extreme(count.piles.votes, candidates);
  if (tied.length === 1) return { candidate: tied[0]!, tieBreak: {} };
  const names = tied.map((c) => count.names[c]!);
  // The current stage is the last entry of history; look at the ones before it.
  for (let stage = count.history.length - 2; stage >= 0 && tied.length > 1; stage--) {
    const narrowed = extreme(count.history[stage]!, tied);
    if (narrowed.length < tied.length) tied = narrowed;
    if (tied.length === 1) return { candidate: tied[0]!, tieBreak: { tieBreak: "earlier-stage", stage: stage + 1, tied: names } };
  }
  const byLot = [...tied].sort((a, b) => count.lotRank[a]! - count.lotRank[b]!);
  const chosen = want === "highest" ? byLot[0]! : byLot[byLot.length - 1]!;
  return { candidate: chosen, tieBreak: { tieBreak: "lot", tied: names } };
}

function recordStage(count: Count, detail: Record<string, unknown>, newlyElected: number[]): void {
  const { piles, names } = count;
  count.history.push(Float64Array.from(piles.votes));
  const tallies: Record<OptionId, number> = {};
  for (let c = 0; c < names.length; c++) {
    if (piles.state[c] === HOPEFUL || piles.state[c] === ELECTED) tallies[names[c]!] = piles.votes[c]! / piles.unit;
  }
  count.rounds.push({
    round: count.rounds.length + 1,
    ...detail,
    tallies,
    elected: newlyElected.map((c) => names[c]!),
    nonTransferable: piles.nonTransferable / piles.unit,
    residual: piles.residual / piles.unit,
  });
}

function hopefuls(count: Count): number[] {
  const out: number[] = [];
  for (let c = 0; c < count.piles.state.length; c++) if (count.piles.state[c] === HOPEFUL) out.push(c);
  return out;
}

function seatsLeft(count: Count): number {
  return count.seats - count.elected.length;
}

function byVotesDescending(count: Count, candidates: number[]): number[] {
  return [...candidates].sort((a, b) => count.piles.votes[b]! - count.piles.votes[a]! || count.lotRank[a]! - count.lotRank[b]!);
}

function lotRanks(indexOf: Map<OptionId, number>, lot: OptionId[]): Int32Array {
  const rank = new Int32Array(indexOf.size).fill(indexOf.size);
  lot.forEach((name, position) => {
    const c = indexOf.get(name);
    if (c === undefined) throw new InvalidBallotError(`lot order names unknown candidate "${name}"`);
    rank[c] = Math.min(rank[c]!, position);
  });
  // Candidates missing from the lot order follow it, in option order.
  for (let c = 0; c < rank.length; c++) if (rank[c] === indexOf.size) rank[c] = indexOf.size + c;
  return rank;
}
