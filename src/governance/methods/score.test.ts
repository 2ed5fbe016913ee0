import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { score, type ScoreBallot } from "./score.ts";
import { assertInvalid } from "./bad-ballot.fixture.ts";

describe("score", () => {
  it("elects the highest total; unscored options count as the minimum", () => {
    const ballots: ScoreBallot[] = [
      { scores: { a: 5, b: 3 } },
      { scores: { b: 4 }, weight: 2 }, // a unscored: counts 0
    ];
    const result = score({ options: ["a", "b"], ballots, min: 0, max: 5 });
    assert.deepEqual(result.winners, ["b"]);
    assert.deepEqual(result.rounds[0]!.tallies, { a: 5, b: 11 });
  });

  it("breaks ties by listing order", () => {
    const ballots = [{ scores: { a: 2, b: 2 } }];
    assert.deepEqual(score({ options: ["b", "a"], ballots, min: 0, max: 5 }).winners, ["b"]);
  });

  it("refuses scores out of range and bad ranges", () => {
    assertInvalid(() => score({ options: ["a"], ballots: [{ scores: { a: 6 } }], min: 0, max: 5 }), /ballot 1: score 6 for "a" is out of range 0\.\.5/);
    assertInvalid(() => score({ options: ["a"], ballots: [{ scores: { a: -1 } }], min: 0, max: 5 }), /out of range/);
    assertInvalid(() => score({ options: ["a"], ballots: [{ scores: { z: 1 } }], min: 0, max: 5 }), /unknown option "z"/);
    assertInvalid(() => score({ options: ["a"], ballots: [], min: 5, max: 5 }), /min < max/);
  });
});
