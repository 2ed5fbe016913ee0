/**
 * One run of the Method of Equal Shares (MES) for approval ballots with COST utilities, at a
 * fixed per-voter budget, in exact arithmetic. Used by `equal-shares.ts`, which adds the add1
 * completion; see there for the rules and tie-breaking.
 *
 * Exactness: money is kept as bigint numerators over one common denominator `scale`. A payment
 * that does not divide evenly multiplies the scale (and every numerator) by what is needed, so
 * no rounding ever happens and ties between projects are real ties, decided by the tie-break.
 * Voters with identical approval sets always hold identical budgets, so they are counted as one
 * group; this keeps large budgets (thousands of voters) fast.
 */
import type { CheckedBudget } from "./budget-input.ts";
import type { TallyRound } from "./types.ts";

/** What one MES run at a fixed budget selects, in order, with one round per selection. */
export interface FixedBudgetOutcome {
  selected: number[];
  spent: number;
  rounds: TallyRound[];
}

interface Groups {
  /** Number of voters in each group (same approval set). */
  weight: bigint[];
  /** For each project, the groups approving it, and their total number of voters. */
  supportersOf: number[][];
  supportWeight: bigint[];
}

/** Groups voters by approval set; reusable across runs at different budgets. */
export function groupVoters(checked: CheckedBudget): Groups {
  const byKey = new Map<string, number>();
  const weight: bigint[] = [];
  const supportersOf: number[][] = checked.costs.map(() => []);
  checked.approvals.forEach((approved, b) => {
    if (approved.length === 0) return; // holds money but never spends it
    const key = [...approved].sort((x, y) => x - y).join(",");
    let group = byKey.get(key);
    if (group === undefined) {
      group = weight.length;
      byKey.set(key, group);
      weight.push(0n);
      for (const p of approved) supportersOf[p]!.push(group);
    }
    weight[group]! += BigInt(checked.weights[b]!);
  });
  const supportWeight = supportersOf.map((groups) => groups.reduce((sum, g) => sum + weight[g]!, 0n));
  return { weight, supportersOf, supportWeight };
}

/** Price of a project: each supporter pays min(own budget, rem / count) (numerators over scale). */
interface Price {
  project: number;
  rem: bigint;
  count: bigint;
}

/**
 * How a voter values a funded project she approves: its cost (pabulib's rule), or 1 ("approval",
 * the textbook variant, kept to show that it does not reproduce official outcomes).
 */
export type Utility = "cost" | "approval";

/** Runs MES with every voter starting at `perVoterBudget` (whole currency units). */
export function equalSharesAtBudget(checked: CheckedBudget, groups: Groups, perVoterBudget: bigint, utility: Utility = "cost"): FixedBudgetOutcome {
  const money = groups.weight.map(() => perVoterBudget);
  let scale = 1n;
  const open = new Set(checked.costs.map((_, p) => p));
  const selected: number[] = [];
  const rounds: TallyRound[] = [];
  let spent = 0;
  for (;;) {
    let best: Price | undefined;
    for (const p of open) {
      const price = priceOf(p, checked, groups, money, scale);
      if (!price) open.delete(p); // budgets only shrink: never affordable again
      else if (!best || cheaper(price, best, checked, groups, utility)) best = price;
    }
    if (!best) return { selected, spent, rounds };
    open.delete(best.project);
    const factor = best.count / gcd(best.rem, best.count);
    if (factor !== 1n) {
      scale *= factor;
      for (let g = 0; g < money.length; g++) money[g]! *= factor;
    }
    const share = (best.rem * factor) / best.count;
    const capped = pay(best.project, share, groups, money);
    selected.push(best.project);
    spent += checked.costs[best.project]!;
    rounds.push(roundOf(rounds.length + 1, best, share, scale, capped, checked, groups));
  }
}

/** Equal share of `p` given current budgets, or undefined when its supporters cannot afford it. */
function priceOf(p: number, checked: CheckedBudget, groups: Groups, money: bigint[], scale: bigint): Price | undefined {
  const supporters = groups.supportersOf[p]!;
  let rem = BigInt(checked.costs[p]!) * scale;
  let available = 0n;
  for (const g of supporters) available += money[g]! * groups.weight[g]!;
  if (available < rem) return undefined;
  let count = groups.supportWeight[p]!;
  // Water-filling: supporters poorer than the share pay all they have, raising the share of
  // the others; repeat until nobody left is poorer than the share.
  let active = supporters;
  for (;;) {
    const richer: number[] = [];
    for (const g of active) {
      if (money[g]! * count < rem) {
        rem -= money[g]! * groups.weight[g]!;
        count -= groups.weight[g]!;
      } else richer.push(g);
    }
    if (richer.length === active.length) return { project: p, rem, count };
    active = richer;
  }
}

/**
 * True when `a` is the better buy: a lower price per unit of utility (with cost utilities the
 * share divided by the cost, rem / (count·cost); with approval utilities the share itself), then
 * the lower cost, then more approvals, then the project listed first.
 */
function cheaper(a: Price, b: Price, checked: CheckedBudget, groups: Groups, utility: Utility): boolean {
  const costA = BigInt(checked.costs[a.project]!);
  const costB = BigInt(checked.costs[b.project]!);
  const left = a.rem * b.count * (utility === "cost" ? costB : 1n);
  const right = b.rem * a.count * (utility === "cost" ? costA : 1n);
  if (left !== right) return left < right;
  if (costA !== costB) return costA < costB;
  const votesA = groups.supportWeight[a.project]!;
  const votesB = groups.supportWeight[b.project]!;
  if (votesA !== votesB) return votesA > votesB;
  return a.project < b.project;
}

/** Supporters of `p` pay `share` each, or all they have when poorer; returns how many were capped. */
function pay(p: number, share: bigint, groups: Groups, money: bigint[]): bigint {
  let capped = 0n;
  for (const g of groups.supportersOf[p]!) {
    if (money[g]! < share) {
      money[g] = 0n;
      capped += groups.weight[g]!;
    } else money[g]! -= share;
  }
  return capped;
}

function roundOf(round: number, price: Price, share: bigint, scale: bigint, capped: bigint, checked: CheckedBudget, groups: Groups): TallyRound {
  const id = checked.ids[price.project]!;
  const cost = checked.costs[price.project]!;
  const sharePaid = ratio(share, scale);
  return {
    round,
    elected: [id],
    cost,
    approvals: Number(groups.supportWeight[price.project]!),
    /** Equal payment of each supporter who could afford it. */
    share: sharePaid,
    /** cost / share: how many voters the project is "worth" at this price. */
    effectiveVotes: ratio(BigInt(cost) * scale, share),
    paidAllTheyHad: Number(capped),
  };
}

/** A bigint fraction rounded to 9 decimals, for display only. */
function ratio(numerator: bigint, denominator: bigint): number {
  return Number((numerator * 1_000_000_000n + denominator / 2n) / denominator) / 1e9;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}
