/**
 * Schulze method (beatpath, "winning votes"), as Debian and LiquidFeedback count it.
 *
 * - Ballots may rank options equally and may leave options out: an unranked option ranks
 *   below every ranked one, and unranked options are equal among themselves (Debian's rule;
 *   the 2006 DPL result depends on it).
 * - `pairwise[x][y]` (the d matrix) is the weight of ballots ranking x strictly above y.
 * - A link x→y has strength d[x][y] when d[x][y] > d[y][x], else 0 ("winning votes");
 *   `strongestPaths[x][y]` (the p matrix) is the strength of the strongest path from x to y.
 * - Ranking: x beats y when p[x][y] > p[y][x], a transitive relation. Rank groups are found
 *   by repeatedly taking every remaining option beaten by no remaining option; options in one
 *   group are tied (`ranking` keeps the groups, `tied` says whether the first group has more
 *   than one option).
 * - Tie-breaking (deterministic, for the flat `winners` order only): inside a tied group the
 *   status quo, when given, comes first (a proposal that merely ties the status quo does not
 *   win), then options in the order of `input.options`. Schulze's own random-ballot tie-break
 *   is not used because counts must be reproducible from the published ballots alone.
 */
import { encodeRanked, type EncodedBallots } from "./ranked-encoding.ts";
import { InvalidBallotError, type OptionId, type RankedInput, type TallyResult, type TallyRound } from "./types.ts";

/** Square matrix of option × option figures, keyed by option id (no diagonal). */
export type OptionMatrix = Record<OptionId, Record<OptionId, number>>;

/**
 * Counts ranked ballots with the Schulze method. `winners` is the full Schulze order
 * (winners[0] wins); `ranking` keeps tied groups; `pairwise` and `strongestPaths` are the d and
 * p matrices. With `statusQuo`, reports its rank and the options ranked above it.
 */
export function schulze(input: RankedInput & { statusQuo?: OptionId }): TallyResult {
  const encoded = encodeRanked(input);
  const n = encoded.options.length;
  const statusQuo = input.statusQuo === undefined ? -1 : (encoded.indexOf.get(input.statusQuo) ?? -2);
  if (statusQuo === -2) throw new InvalidBallotError(`status quo "${input.statusQuo}" is not among the options`);

  const d = pairwiseMatrix(encoded);
  const p = strongestPaths(d, n);
  const groups = rankGroups(p, n).map((group) => orderTied(group, statusQuo));
  const names = (group: number[]) => group.map((i) => encoded.options[i]!);

  const rounds: TallyRound[] = [
    { round: 1, step: "pairwise", note: "d[x][y] = weight of ballots ranking x above y; unranked options rank last" },
    { round: 2, step: "strongest-paths", note: "p[x][y] = strongest path, links of d[x][y] where d[x][y] > d[y][x]" },
    ...groups.map((group, g) => rankRound(g, group, p, n, encoded.options)),
  ];
  const result: TallyResult = {
    method: "schulze",
    winners: groups.flatMap(names),
    ranking: groups.map(names),
    tied: (groups[0]?.length ?? 0) > 1,
    rounds,
    totalWeight: encoded.totalWeight,
    pairwise: toMatrix(d, encoded.options),
    strongestPaths: toMatrix(p, encoded.options),
  };
  if (statusQuo >= 0) Object.assign(result, statusQuoSummary(groups, statusQuo, encoded.options));
  return result;
}

/** d[x * n + y]: weight of ballots that rank x strictly above y. */
export function pairwiseMatrix(encoded: EncodedBallots): Float64Array {
  const n = encoded.options.length;
  const d = new Float64Array(n * n);
  const rankOf = new Int32Array(n);
  const { start, items, tiedWithPrevious, weights } = encoded;
  for (let b = 0; b < encoded.count; b++) {
    const w = weights[b]!;
    if (w === 0) continue;
    rankOf.fill(n); // unranked: below every ranked option, equal among themselves
    let rank = -1;
    for (let k = start[b]!; k < start[b + 1]!; k++) {
      if (!tiedWithPrevious[k]) rank++;
      rankOf[items[k]!] = rank;
    }
    for (let x = 0; x < n; x++) {
      const rx = rankOf[x]!;
      if (rx === n) continue;
      const row = x * n;
      for (let y = 0; y < n; y++) if (rx < rankOf[y]!) d[row + y]! += w;
    }
  }
  return d;
}

/** p[x * n + y]: strength of the strongest path from x to y (winning votes), Floyd–Warshall. */
export function strongestPaths(d: Float64Array, n: number): Float64Array {
  const p = new Float64Array(n * n);
  for (let x = 0; x < n; x++) {
    for (let y = 0; y < n; y++) {
      if (x !== y && d[x * n + y]! > d[y * n + x]!) p[x * n + y] = d[x * n + y]!;
    }
  }
  for (let k = 0; k < n; k++) {
    for (let x = 0; x < n; x++) {
      const pxk = p[x * n + k]!;
      if (x === k || pxk === 0) continue;
      for (let y = 0; y < n; y++) {
        if (y === x || y === k) continue;
        const via = Math.min(pxk, p[k * n + y]!);
        if (via > p[x * n + y]!) p[x * n + y] = via;
      }
    }
  }
  return p;
}

/** Groups of options, best first: each group is every remaining option no remaining option beats. */
function rankGroups(p: Float64Array, n: number): number[][] {
  const remaining = new Set(Array.from({ length: n }, (_, i) => i));
  const groups: number[][] = [];
  while (remaining.size > 0) {
    const unbeaten = [...remaining].filter((x) => ![...remaining].some((y) => p[y * n + x]! > p[x * n + y]!));
    // Schulze's relation is transitive, so some option is always unbeaten; guard anyway.
    const group = unbeaten.length > 0 ? unbeaten : [...remaining];
    for (const x of group) remaining.delete(x);
    groups.push(group);
  }
  return groups;
}

function orderTied(group: number[], statusQuo: number): number[] {
  return [...group].sort((a, b) => (a === statusQuo ? -1 : b === statusQuo ? 1 : a - b));
}

function rankRound(g: number, group: number[], p: Float64Array, n: number, options: OptionId[]): TallyRound {
  const tallies: Record<OptionId, number> = {};
  for (const x of group) {
    let beats = 0;
    for (let y = 0; y < n; y++) if (p[x * n + y]! > p[y * n + x]!) beats++;
    tallies[options[x]!] = beats;
  }
  return { round: g + 3, step: "rank", rank: g + 1, ranked: group.map((x) => options[x]!), tallies, talliesAre: "options beaten" };
}

function statusQuoSummary(groups: number[][], statusQuo: number, options: OptionId[]) {
  const sqGroup = groups.findIndex((group) => group.includes(statusQuo));
  return {
    statusQuo: options[statusQuo],
    statusQuoRank: sqGroup + 1,
    betterThanStatusQuo: groups.slice(0, sqGroup).flat().map((x) => options[x]!),
  };
}

function toMatrix(m: Float64Array, options: OptionId[]): OptionMatrix {
  const n = options.length;
  const out: OptionMatrix = {};
  for (let x = 0; x < n; x++) {
    const row: Record<OptionId, number> = {};
    for (let y = 0; y < n; y++) if (x !== y) row[options[y]!] = m[x * n + y]!;
    out[options[x]!] = row;
  }
  return out;
}
