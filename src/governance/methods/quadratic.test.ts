import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { quadratic, type QuadraticBallot } from "./quadratic.ts";
import { assertInvalid } from "./bad-ballot.fixture.ts";

describe("quadratic", () => {
  it("sums votes; casting v votes costs v² credits", () => {
    const ballots: QuadraticBallot[] = [
      { votes: { a: 3, b: -1 } }, // 9 + 1 = 10 credits
      { votes: { b: 2 }, weight: 2 }, // 4 credits each
    ];
    const result = quadratic({ options: ["a", "b"], ballots, credits: 10 });
    assert.deepEqual(result.rounds[0]!.tallies, { a: 3, b: 3 });
    assert.deepEqual(result.winners, ["a"], "tie broken by listing order");
    assert.equal(result.rounds[0]!.creditsSpent, 18);
  });

  it("refuses over-budget and fractional votes", () => {
    assertInvalid(() => quadratic({ options: ["a", "b"], ballots: [{ votes: { a: 3, b: 2 } }], credits: 10 }), /ballot 1: spends 13 voice credits, over the budget of 10/);
    assertInvalid(() => quadratic({ options: ["a"], ballots: [{ votes: { a: 1.5 } }], credits: 10 }), /whole number/);
    assertInvalid(() => quadratic({ options: ["a"], ballots: [{ votes: { q: 1 } }], credits: 10 }), /unknown option "q"/);
  });
});
