import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { majority, type ChoiceBallot } from "./majority.ts";
import { assertInvalid } from "./bad-ballot.fixture.ts";

const votes = (yes: number, no: number, abstain = 0): ChoiceBallot[] => [
  { choice: "yes", weight: yes },
  { choice: "no", weight: no },
  { choice: null, weight: abstain },
];
const options = ["yes", "no"];

describe("majority", () => {
  it("simple majority needs strictly more than half of the votes cast", () => {
    assert.deepEqual(majority({ options, ballots: votes(6, 5) }).winners, ["yes"]);
    const tie = majority({ options, ballots: votes(5, 5) });
    assert.deepEqual(tie.winners, []);
    assert.equal(tie.outcome, "no-majority");
  });

  it("abstentions count for the quorum, not among votes cast", () => {
    const result = majority({ options, ballots: votes(3, 2, 100), quorum: 100 });
    assert.deepEqual(result.winners, ["yes"]);
    assert.equal(result.rounds[0]!.cast, 5);
    assert.equal(result.rounds[0]!.participation, 105);
    assert.equal(majority({ options, ballots: votes(3, 2, 10), quorum: 100 }).outcome, "no-quorum");
  });

  it("qualified majority is at least the fraction, compared exactly", () => {
    assert.deepEqual(majority({ options, ballots: votes(2, 1), qualified: [2, 3] }).winners, ["yes"]);
    assert.deepEqual(majority({ options, ballots: votes(199, 101), qualified: [2, 3] }).winners, []);
  });

  it("with several options, a plurality without majority decides nothing", () => {
    const ballots = [{ choice: "a", weight: 4 }, { choice: "b", weight: 3 }, { choice: "c", weight: 2 }];
    assert.equal(majority({ options: ["a", "b", "c"], ballots }).outcome, "no-majority");
  });

  it("refuses bad input clearly", () => {
    assertInvalid(() => majority({ options, ballots: [{ choice: "maybe" }] }), /ballot 1: unknown option "maybe"/);
    assertInvalid(() => majority({ options, ballots: [{ choice: "yes", weight: -1 }] }), /ballot 1: weight must be a finite number ≥ 0/);
    assertInvalid(() => majority({ options, ballots: [], qualified: [1, 3] }), /qualified must be .* above 0.5/);
    assertInvalid(() => majority({ options: ["yes", "yes"], ballots: [] }), /listed twice/);
  });
});
