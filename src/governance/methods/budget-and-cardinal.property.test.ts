import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { greedy } from "./greedy.ts";
import { equalShares, equalSharesComparison } from "./equal-shares.ts";
import { approval } from "./approval.ts";
import { score } from "./score.ts";
import { quadratic } from "./quadratic.ts";
import { majority } from "./majority.ts";
import { consent, type ConsentPosition } from "./consent.ts";
import type { BudgetInput } from "./budget-input.ts";
import type { TallyResult } from "./types.ts";

const IDS = ["p1", "p2", "p3", "p4", "p5", "p6"];

/** A small random participatory budget: 1–6 projects, up to 20 weighted approval ballots. */
const budgetInput: fc.Arbitrary<BudgetInput> = fc
  .record({ count: fc.integer({ min: 1, max: 6 }), budget: fc.integer({ min: 0, max: 300 }) })
  .chain(({ count, budget }) =>
    fc.record({
      budget: fc.constant(budget),
      projects: fc.tuple(...IDS.slice(0, count).map((id) => fc.integer({ min: 1, max: 120 }).map((cost) => ({ id, cost })))),
      ballots: fc.array(fc.record({ approved: fc.subarray(IDS.slice(0, count)), weight: fc.integer({ min: 1, max: 3 }) }), { maxLength: 20 }),
    }),
  );

/** Any array with a permutation of itself. */
const withPermutation = <T>(items: fc.Arbitrary<T[]>) =>
  items.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })));

const permutedBudget = budgetInput.chain((input) =>
  fc.shuffledSubarray(input.ballots, { minLength: input.ballots.length, maxLength: input.ballots.length }).map((ballots) => [input, { ...input, ballots }] as const),
);

const budgetMethods: [string, (input: BudgetInput) => TallyResult][] = [
  ["greedy", greedy],
  ["equal-shares", equalShares],
  ["equal-shares-comparison", equalSharesComparison],
];

describe("participatory budgeting properties", () => {
  for (const [name, count] of budgetMethods) {
    it(`${name} never exceeds the budget and funds each project at most once`, () => {
      fc.assert(
        fc.property(budgetInput, (input) => {
          const result = count(input);
          const cost = new Map(input.projects.map((p) => [p.id, p.cost]));
          const spent = result.winners.reduce((sum, id) => sum + cost.get(id)!, 0);
          assert.ok(spent <= input.budget, `spent ${spent} > ${input.budget}`);
          assert.equal(result.spent, spent);
          assert.equal(new Set(result.winners).size, result.winners.length);
        }),
        { numRuns: 150 },
      );
    });

    it(`${name} does not depend on ballot order`, () => {
      fc.assert(fc.property(permutedBudget, ([a, b]) => assert.deepEqual(count(b).winners, count(a).winners)), { numRuns: 100 });
    });
  }

  it("equal shares counts a ballot of weight k as k identical ballots", () => {
    fc.assert(
      fc.property(budgetInput, (input) => {
        const expanded = { ...input, ballots: input.ballots.flatMap((b) => Array.from({ length: b.weight ?? 1 }, () => ({ approved: b.approved }))) };
        assert.deepEqual(equalShares(expanded).winners, equalShares(input).winners);
      }),
      { numRuns: 100 },
    );
  });
});

const OPTIONS = ["a", "b", "c", "d"];
const weight = fc.integer({ min: 0, max: 5 });

describe("non-ranked methods do not depend on ballot order", () => {
  it("approval", () => {
    const ballots = fc.array(fc.record({ approved: fc.subarray(OPTIONS), weight }), { maxLength: 20 });
    fc.assert(fc.property(withPermutation(ballots), ([a, b]) => {
      assert.deepEqual(approval({ options: OPTIONS, ballots: b, seats: 2 }).winners, approval({ options: OPTIONS, ballots: a, seats: 2 }).winners);
    }));
  });

  it("score", () => {
    const scores = fc.dictionary(fc.constantFrom(...OPTIONS), fc.integer({ min: 0, max: 5 }));
    const ballots = fc.array(fc.record({ scores, weight }), { maxLength: 20 });
    fc.assert(fc.property(withPermutation(ballots), ([a, b]) => {
      assert.deepEqual(score({ options: OPTIONS, ballots: b, min: 0, max: 5 }).winners, score({ options: OPTIONS, ballots: a, min: 0, max: 5 }).winners);
    }));
  });

  it("quadratic", () => {
    const votes = fc.dictionary(fc.constantFrom(...OPTIONS), fc.integer({ min: -2, max: 2 }), { maxKeys: 2 });
    const ballots = fc.array(fc.record({ votes, weight }), { maxLength: 20 });
    fc.assert(fc.property(withPermutation(ballots), ([a, b]) => {
      assert.deepEqual(quadratic({ options: OPTIONS, ballots: b, credits: 8 }).winners, quadratic({ options: OPTIONS, ballots: a, credits: 8 }).winners);
    }));
  });

  it("majority and consent", () => {
    const choices = fc.array(fc.record({ choice: fc.constantFrom("a", "b", null), weight }), { maxLength: 20 });
    fc.assert(fc.property(withPermutation(choices), ([a, b]) => {
      assert.deepEqual(majority({ options: ["a", "b"], ballots: b, quorum: 10 }), majority({ options: ["a", "b"], ballots: a, quorum: 10 }));
    }));
    const positions = fc.array(fc.record({ position: fc.constantFrom<ConsentPosition>("agree", "abstain", "disagree", "block"), weight }), { maxLength: 20 });
    fc.assert(fc.property(withPermutation(positions), ([a, b]) => {
      assert.deepEqual(consent({ ballots: b, blockThreshold: 3 }), consent({ ballots: a, blockThreshold: 3 }));
    }));
  });
});
