import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { greedy } from "./greedy.ts";
import { smallBudget } from "./budget.fixture.ts";
import { InvalidBallotError } from "./types.ts";

describe("greedy participatory budgeting", () => {
  it("funds the most approved projects that fit, skipping those that do not", () => {
    // a (3 approvals) fits; b (2) does not fit in the 40 left; c (1) does.
    const result = greedy(smallBudget({ a: 60, b: 50, c: 30 }, 100, [["a", "b"], ["a", "b"], ["a", "c"]]));
    assert.deepEqual(result.winners, ["a", "c"]);
    assert.equal(result.spent, 90);
    assert.equal(result.rounds[1]!.skipped, "does not fit in the money left");
    assert.equal(result.rounds[1]!.project, "b");
  });

  it("breaks ties in approvals by the lower cost, then listing order", () => {
    const ballots = [["x", "y", "z"]];
    assert.deepEqual(greedy(smallBudget({ x: 20, y: 10, z: 10 }, 10, ballots)).winners, ["y"]);
    assert.deepEqual(greedy(smallBudget({ x: 20, z: 10, y: 10 }, 10, ballots)).winners, ["z"]);
  });

  it("weighs ballots", () => {
    const input = { ...smallBudget({ a: 10, b: 10 }, 10, []), ballots: [{ approved: ["a"] }, { approved: ["b"], weight: 2 }] };
    assert.deepEqual(greedy(input).winners, ["b"]);
  });

  it("refuses a ballot approving an unknown project", () => {
    assert.throws(() => greedy(smallBudget({ a: 10 }, 10, [["a", "b"]])), InvalidBallotError);
  });
});
