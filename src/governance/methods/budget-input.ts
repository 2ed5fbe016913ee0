/**
 * Input of the participatory-budgeting methods (greedy, equal shares) and its validation.
 * Money is counted in the smallest currency unit: costs and the budget must be whole numbers,
 * so that equal shares can be computed exactly (ties between projects are decided exactly).
 */
import { indexOptions } from "./ranked-encoding.ts";
import { InvalidBallotError, type OptionId } from "./types.ts";

/** A project of a participatory budget. */
export interface BudgetProject {
  id: OptionId;
  /** Cost in the smallest currency unit (a positive whole number). */
  cost: number;
  name?: string;
}

/** An approval ballot: the projects a voter supports. */
export interface ApprovalBallot {
  approved: OptionId[];
  /** How many identical ballots (a whole number ≥ 1); 1 when absent. */
  weight?: number;
}

/** What greedy and equal shares count. */
export interface BudgetInput {
  /** Money available (a whole number ≥ 0). */
  budget: number;
  projects: BudgetProject[];
  ballots: ApprovalBallot[];
}

/** Validated, index-based form of a `BudgetInput`. */
export interface CheckedBudget {
  ids: OptionId[];
  costs: number[];
  budget: number;
  /** Approved project indices of each ballot. */
  approvals: number[][];
  weights: number[];
  /** Total weight of ballots approving each project. */
  supporters: number[];
  /** Sum of the weights: the number of voters. */
  voters: number;
}

/** Validates a budget input and indexes it; throws `InvalidBallotError` on the first problem. */
export function checkBudget(input: BudgetInput): CheckedBudget {
  if (!Number.isSafeInteger(input.budget) || input.budget < 0) {
    throw new InvalidBallotError(`budget must be a whole number ≥ 0 (got ${input.budget})`);
  }
  if (!Array.isArray(input.projects)) throw new InvalidBallotError("projects must be an array");
  const indexOf = indexOptions(input.projects.map((p) => p?.id));
  const costs = input.projects.map(({ id, cost }) => {
    if (!Number.isSafeInteger(cost) || cost <= 0) throw new InvalidBallotError(`project "${id}": cost must be a whole number > 0 (got ${cost})`);
    return cost;
  });
  if (!Array.isArray(input.ballots)) throw new InvalidBallotError("ballots must be an array");
  const supporters = costs.map(() => 0);
  let voters = 0;
  const weights: number[] = [];
  const approvals = input.ballots.map((ballot, b) => {
    const weight = ballot?.weight ?? 1;
    if (!Number.isSafeInteger(weight) || weight < 1) throw new InvalidBallotError(`ballot ${b + 1}: weight must be a whole number ≥ 1 (got ${weight})`);
    weights.push(weight);
    voters += weight;
    const approved = approvedIndices(ballot?.approved, indexOf, b);
    for (const p of approved) supporters[p]! += weight;
    return approved;
  });
  return { ids: [...indexOf.keys()], costs, budget: input.budget, approvals, weights, supporters, voters };
}

/** Indices of the approved options of ballot `b`: each known, none twice. */
export function approvedIndices(approved: unknown, indexOf: Map<OptionId, number>, b: number): number[] {
  if (!Array.isArray(approved)) throw new InvalidBallotError(`ballot ${b + 1}: "approved" must be an array of ids`);
  const seen = new Set<number>();
  for (const id of approved) {
    const index = indexOf.get(id);
    if (index === undefined) throw new InvalidBallotError(`ballot ${b + 1}: unknown option "${String(id)}"`);
    if (seen.has(index)) throw new InvalidBallotError(`ballot ${b + 1}: option "${id}" is approved twice`);
    seen.add(index);
  }
  return [...seen];
}
