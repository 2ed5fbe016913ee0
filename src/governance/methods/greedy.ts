/**
 * Greedy participatory budgeting by approvals ("greedy" in pabulib): projects are considered
 * from most to least approved; each is funded when its cost fits in the money left, otherwise it
 * is skipped and the next one is considered (a cheaper project further down may still fit).
 *
 * Tie-breaking (deterministic): among projects with equal approvals (by weight), the cheaper
 * one first, then the one listed first in `projects`.
 */
import { checkBudget, type BudgetInput, type CheckedBudget } from "./budget-input.ts";
import type { TallyResult, TallyRound } from "./types.ts";

/** Counts approval ballots greedily; `rounds` has one step per project considered, in order. */
export function greedy(input: BudgetInput): TallyResult {
  const checked = checkBudget(input);
  const { selected, rounds } = greedySelection(checked);
  return {
    method: "greedy",
    winners: selected.map((p) => checked.ids[p]!),
    rounds,
    budget: checked.budget,
    spent: sumCosts(checked, selected),
    voters: checked.voters,
    approvals: Object.fromEntries(checked.ids.map((id, p) => [id, checked.supporters[p]!])),
  };
}

/** Order in which greedy considers projects: more approvals, then lower cost, then listing order. */
export function greedyOrder(checked: CheckedBudget): number[] {
  const { supporters, costs } = checked;
  return costs.map((_, p) => p).sort((a, b) => supporters[b]! - supporters[a]! || costs[a]! - costs[b]! || a - b);
}

/** Indices of the projects greedy funds, in order of selection, with one round per project. */
export function greedySelection(checked: CheckedBudget): { selected: number[]; rounds: TallyRound[] } {
  const selected: number[] = [];
  const rounds: TallyRound[] = [];
  let left = checked.budget;
  for (const p of greedyOrder(checked)) {
    const id = checked.ids[p]!;
    const cost = checked.costs[p]!;
    const fits = cost <= left;
    if (fits) {
      left -= cost;
      selected.push(p);
    }
    rounds.push({
      round: rounds.length + 1,
      project: id,
      approvals: checked.supporters[p]!,
      cost,
      ...(fits ? { elected: [id] } : { skipped: "does not fit in the money left" }),
      budgetLeft: left,
    });
  }
  return { selected, rounds };
}

/** Total cost of the given project indices. */
export function sumCosts(checked: CheckedBudget, projects: number[]): number {
  return projects.reduce((sum, p) => sum + checked.costs[p]!, 0);
}
