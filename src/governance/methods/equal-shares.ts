/**
 * Method of Equal Shares (MES) for participatory budgets, as pabulib's `equalshares/add1`
 * counts it, and the `equal-shares-comparison` variant (`equalshares/add1-comparison`).
 *
 * - Utilities are COSTS: a voter gains a project's cost when it is funded and she approves it.
 * - Every voter starts with the same share of money. Each step funds the project whose
 *   supporters can pay for it at the lowest price per unit of utility: each supporter pays an
 *   equal share `s` (or all she has left, when less), and the project minimising `s / cost`
 *   (maximising its "effective votes" `cost / s`) wins. It stops when no project can be paid by
 *   its supporters' remaining money.
 * - add1 completion: MES alone often leaves money unspent, so it is rerun with a larger virtual
 *   budget. Voters start with floor(budget / voters) each; then each voter gets one currency unit
 *   more and MES is rerun, and the new outcome is kept while its cost stays within the real
 *   budget; the first outcome over the budget (or one funding every approved project) ends the
 *   search. There is no early stop once the outcome is exhaustive (equalshares.net's tool has
 *   one): pabulib's official final virtual budgets are those of the search that runs on.
 * - Comparison variant: the add1 outcome is compared with greedy-by-approvals; greedy is used
 *   only when strictly more voters prefer it (more of their approved projects funded) than
 *   prefer the equal-shares outcome.
 * - Tie-breaking (deterministic, exact): equal price per utility → the cheaper project, then the
 *   one with more approvals, then the one listed first.
 * Arithmetic is exact (bigint fractions; see `equal-shares-fixed.ts`).
 */
import { checkBudget, type BudgetInput, type CheckedBudget } from "./budget-input.ts";
import { equalSharesAtBudget, groupVoters, type FixedBudgetOutcome, type Utility } from "./equal-shares-fixed.ts";
import { greedySelection, sumCosts } from "./greedy.ts";
import type { TallyResult } from "./types.ts";

/** Counts approval ballots with MES (cost utilities) and the add1 completion. */
export function equalShares(input: BudgetInput): TallyResult {
  const checked = checkBudget(input);
  const { outcome, perVoterBudget, runs } = equalSharesAdd1(checked);
  return {
    method: "equal-shares",
    winners: outcome.selected.map((p) => checked.ids[p]!),
    rounds: outcome.rounds,
    budget: checked.budget,
    spent: outcome.spent,
    voters: checked.voters,
    completion: completionSummary(checked, perVoterBudget, runs),
  };
}

/** MES + add1, then greedy instead when strictly more voters prefer greedy's outcome. */
export function equalSharesComparison(input: BudgetInput): TallyResult {
  const checked = checkBudget(input);
  const { outcome, perVoterBudget, runs } = equalSharesAdd1(checked);
  const alternative = greedySelection(checked);
  const preference = comparePreferences(checked, outcome.selected, alternative.selected);
  const useGreedy = preference.preferGreedy > preference.preferEqualShares;
  const selected = useGreedy ? alternative.selected : outcome.selected;
  return {
    method: "equal-shares-comparison",
    winners: selected.map((p) => checked.ids[p]!),
    rounds: [
      ...outcome.rounds,
      { round: outcome.rounds.length + 1, step: "comparison", greedy: alternative.selected.map((p) => checked.ids[p]!), ...preference, chosen: useGreedy ? "greedy" : "equal-shares" },
    ],
    budget: checked.budget,
    spent: sumCosts(checked, selected),
    voters: checked.voters,
    chosen: useGreedy ? "greedy" : "equal-shares",
    completion: completionSummary(checked, perVoterBudget, runs),
  };
}

interface Add1Result {
  outcome: FixedBudgetOutcome;
  perVoterBudget: bigint;
  runs: number;
}

/** The add1 completion: raise every voter's budget by one unit while the outcome stays feasible. */
export function equalSharesAdd1(checked: CheckedBudget, utility: Utility = "cost"): Add1Result {
  const groups = groupVoters(checked);
  if (checked.voters === 0) return { outcome: { selected: [], spent: 0, rounds: [] }, perVoterBudget: 0n, runs: 0 };
  let perVoterBudget = BigInt(Math.floor(checked.budget / checked.voters));
  let outcome = equalSharesAtBudget(checked, groups, perVoterBudget, utility);
  let runs = 1;
  const fundable = checked.supporters.filter((weight) => weight > 0).length;
  // Once every approved project is funded, more money changes nothing: stop there.
  while (outcome.selected.length < fundable) {
    const next = equalSharesAtBudget(checked, groups, perVoterBudget + 1n, utility);
    runs++;
    if (next.spent > checked.budget) break;
    outcome = next;
    perVoterBudget++;
  }
  return { outcome, perVoterBudget, runs };
}

/** Voters (by weight) who get more approved projects under each outcome. */
function comparePreferences(checked: CheckedBudget, equalSharesSet: number[], greedySet: number[]) {
  const inMes = new Set(equalSharesSet);
  const inGreedy = new Set(greedySet);
  let preferGreedy = 0;
  let preferEqualShares = 0;
  checked.approvals.forEach((approved, b) => {
    const difference = approved.filter((p) => inGreedy.has(p)).length - approved.filter((p) => inMes.has(p)).length;
    if (difference > 0) preferGreedy += checked.weights[b]!;
    if (difference < 0) preferEqualShares += checked.weights[b]!;
  });
  return { preferGreedy, preferEqualShares };
}

function completionSummary(checked: CheckedBudget, perVoterBudget: bigint, runs: number) {
  const total = perVoterBudget * BigInt(checked.voters);
  return { rule: "add1", perVoterBudget: Number(perVoterBudget), totalVirtualBudget: Number(total), runs };
}
