import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { approval } from "./approval.ts";
import { assertInvalid } from "./bad-ballot.fixture.ts";

describe("approval", () => {
  it("elects the most approved options, one per seat", () => {
    const ballots = [{ approved: ["a", "b"] }, { approved: ["b", "c"], weight: 2 }, { approved: [] }];
    const result = approval({ options: ["a", "b", "c"], ballots, seats: 2 });
    assert.deepEqual(result.winners, ["b", "c"]);
    assert.deepEqual(result.rounds[0]!.tallies, { a: 1, b: 3, c: 2 });
    assert.equal(result.tiedAtCut, false);
  });

  it("breaks ties by listing order and says so", () => {
    const ballots = [{ approved: ["x", "y"] }];
    assert.deepEqual(approval({ options: ["y", "x"], ballots }).winners, ["y"]);
    assert.equal(approval({ options: ["y", "x"], ballots }).tiedAtCut, true);
  });

  it("refuses bad input clearly", () => {
    assertInvalid(() => approval({ options: ["a"], ballots: [{ approved: ["a", "a"] }] }), /ballot 1: option "a" is approved twice/);
    assertInvalid(() => approval({ options: ["a"], ballots: [{ approved: ["b"] }] }), /ballot 1: unknown option "b"/);
    assertInvalid(() => approval({ options: ["a"], ballots: [], seats: 2 }), /seats must be a whole number from 1 to 1/);
  });
});
