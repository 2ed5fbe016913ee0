/** Helpers shared by the participatory-budgeting tests (not used by production code). */
import { readFileSync } from "node:fs";
import { sharedData } from "../../../test/support/shared-data.ts";
import type { BudgetInput } from "./budget-input.ts";
import { pabulibToBudget, parsePabulib } from "./pabulib.ts";

/** One case of `budgeting/expected.json`: a real budget and its official outcome. */
export interface OfficialBudget {
  file: string;
  rule: string;
  budget: number;
  voters: number;
  expected_selected: string[];
  spent: number;
  final_total_virtual_budget: number;
}

/** The official cases listed in the shared data's `budgeting/expected.json`. */
export function officialBudgets(): OfficialBudget[] {
  return JSON.parse(readFileSync(sharedData("budgeting", "expected.json"), "utf8")).cases;
}

/** A real `.pb` file from the shared data, as budgeting input. */
export function realBudget(file: string): BudgetInput {
  return pabulibToBudget(parsePabulib(readFileSync(sharedData("budgeting", file), "utf8")));
}

/** A small budget: project costs by id, and ballots as lists of approved ids. */
export function smallBudget(costs: Record<string, number>, budget: number, ballots: string[][]): BudgetInput {
  return {
    budget,
    projects: Object.entries(costs).map(([id, cost]) => ({ id, cost })),
    ballots: ballots.map((approved) => ({ approved })),
  };
}

/** Ids sorted the way pabulib lists them ("c2" before "c10"). */
export function sortedIds(ids: readonly string[]): string[] {
  return [...ids].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}
