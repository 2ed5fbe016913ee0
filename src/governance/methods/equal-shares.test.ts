import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { equalShares, equalSharesAdd1, equalSharesComparison } from "./equal-shares.ts";
import { checkBudget } from "./budget-input.ts";
import { officialBudgets, realBudget, smallBudget, sortedIds } from "./budget.fixture.ts";
import { InvalidBallotError } from "./types.ts";

describe("equal shares on real budgets (pabulib, official outcomes)", () => {
  for (const official of officialBudgets()) {
    it(`reproduces ${official.file} exactly`, () => {
      const input = realBudget(official.file);
      assert.equal(official.rule, "equalshares/add1");
      assert.equal(input.budget, official.budget);
      assert.equal(input.ballots.length, official.voters);
      const result = equalShares(input);
      assert.deepEqual(sortedIds(result.winners), sortedIds(official.expected_selected));
      assert.equal(result.spent, official.spent);
      assert.equal((result.completion as { totalVirtualBudget: number }).totalVirtualBudget, official.final_total_virtual_budget);
      assert.equal(result.rounds.length, official.expected_selected.length);
    });

    it(`with approval utilities does not reproduce ${official.file}`, () => {
      const checked = checkBudget(realBudget(official.file));
      const { outcome } = equalSharesAdd1(checked, "approval");
      const selected = outcome.selected.map((p) => checked.ids[p]!);
      assert.notDeepEqual(sortedIds(selected), sortedIds(official.expected_selected));
    });
  }
});

describe("equal shares rules", () => {
  it("funds the project whose supporters pay the least per unit of cost", () => {
    // a: 3 supporters pay 10 each; b: 2 supporters pay 5 each. Per unit of utility (cost),
    // a costs 10/30 and b 5/10, so a comes first even though b is cheaper.
    const result = equalShares(smallBudget({ a: 30, b: 10 }, 40, [["a"], ["a"], ["a", "b"], ["b"]]));
    assert.deepEqual(result.winners, ["a", "b"]);
    assert.equal(result.rounds[0]!.share, 10);
  });

  it("breaks an exact tie by the lower cost", () => {
    // Both voters approve both: the price per unit is 1/2 for each project, an exact tie.
    const result = equalShares(smallBudget({ big: 20, small: 10 }, 20, [["big", "small"], ["big", "small"]]));
    assert.deepEqual(result.winners, ["small"]);
  });

  it("breaks a tie of price and cost by listing order", () => {
    const ballots = [["x"], ["y"], ["x", "y"]];
    assert.deepEqual(equalShares(smallBudget({ x: 10, y: 10 }, 10, ballots)).winners, ["x"]);
    assert.deepEqual(equalShares(smallBudget({ y: 10, x: 10 }, 10, ballots)).winners, ["y"]);
  });

  it("counts a weighted ballot as that many identical voters", () => {
    const weighted = { ...smallBudget({ a: 30, b: 10 }, 40, []), ballots: [{ approved: ["a"], weight: 2 }, { approved: ["a", "b"] }, { approved: ["b"] }] };
    const expanded = smallBudget({ a: 30, b: 10 }, 40, [["a"], ["a"], ["a", "b"], ["b"]]);
    assert.deepEqual(equalShares(weighted), equalShares(expanded));
  });

  it("selects nothing without voters", () => {
    assert.deepEqual(equalShares(smallBudget({ a: 1 }, 10, [])).winners, []);
  });

  it("comparison keeps equal shares unless more voters prefer greedy", () => {
    // Greedy funds the popular expensive project; equal shares funds the two cheap ones
    // and satisfies more voters, so the comparison keeps equal shares.
    const input = smallBudget({ big: 60, c1: 40, c2: 40 }, 100, [["big"], ["big"], ["big", "c1"], ["c1"], ["c2"], ["c2"]]);
    const result = equalSharesComparison(input);
    assert.equal(result.chosen, "equal-shares");
    assert.deepEqual(result.winners, equalShares(input).winners);
  });

  it("comparison switches to greedy when strictly more voters prefer it", () => {
    // Equal shares funds the niche project of voter 5 with her own money; greedy funds the
    // project most voters approve.
    const input = smallBudget({ popular: 70, niche: 30 }, 70, [["popular"], ["popular"], ["popular"], ["niche"], ["niche"]]);
    const mes = equalShares(input);
    const result = equalSharesComparison(input);
    assert.deepEqual(result.winners, ["popular"]);
    assert.notDeepEqual(mes.winners, ["popular"]);
    assert.equal(result.chosen, "greedy");
  });
});

describe("equal shares input checks", () => {
  const bad = (input: unknown, pattern: RegExp) =>
    assert.throws(() => equalShares(input as never), (e: unknown) => e instanceof InvalidBallotError && pattern.test(e.message));

  it("refuses unknown projects, double approvals, bad costs, weights and budgets", () => {
    bad(smallBudget({ a: 10 }, 10, [["zz"]]), /ballot 1: unknown option "zz"/);
    bad(smallBudget({ a: 10 }, 10, [["a", "a"]]), /ballot 1: option "a" is approved twice/);
    bad(smallBudget({ a: 0 }, 10, []), /project "a": cost must be a whole number > 0/);
    bad(smallBudget({ a: 1.5 }, 10, []), /cost must be a whole number/);
    bad(smallBudget({ a: 1 }, -1, []), /budget must be a whole number ≥ 0/);
    bad({ ...smallBudget({ a: 1 }, 1, []), ballots: [{ approved: ["a"], weight: 0.5 }] }, /ballot 1: weight must be a whole number ≥ 1/);
    bad({ budget: 1, projects: [{ id: "a", cost: 1 }, { id: "a", cost: 2 }], ballots: [] }, /option "a" is listed twice/);
  });
});
