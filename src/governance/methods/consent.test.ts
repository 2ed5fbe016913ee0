import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { consent, type ConsentBallot, type ConsentPosition } from "./consent.ts";
import { assertInvalid } from "./bad-ballot.fixture.ts";

const ballots = (counts: Partial<Record<ConsentPosition, number>>): ConsentBallot[] =>
  Object.entries(counts).map(([position, weight]) => ({ position: position as ConsentPosition, weight }));

describe("consent", () => {
  it("adopts when more agree than disagree and nobody blocks", () => {
    const result = consent({ proposal: "p1", ballots: ballots({ agree: 3, disagree: 2, abstain: 10 }) });
    assert.equal(result.outcome, "adopted");
    assert.deepEqual(result.winners, ["p1"]);
  });

  it("a single block stops it, whatever the support", () => {
    assert.equal(consent({ ballots: ballots({ agree: 100, block: 1 }) }).outcome, "blocked");
    assert.equal(consent({ ballots: ballots({ agree: 100, block: 1 }), blockThreshold: 2 }).outcome, "adopted");
  });

  it("rejects on a tie, on no support, and below quorum", () => {
    assert.equal(consent({ ballots: ballots({ agree: 2, disagree: 2 }) }).outcome, "rejected");
    assert.equal(consent({ ballots: ballots({ abstain: 5 }) }).outcome, "rejected");
    assert.equal(consent({ ballots: ballots({ agree: 2 }), quorum: 3 }).outcome, "no-quorum");
    assert.equal(consent({ ballots: ballots({ agree: 2, disagree: 1 }), agreeShare: [2, 3] }).outcome, "rejected");
  });

  it("refuses unknown positions", () => {
    assertInvalid(() => consent({ ballots: [{ position: "maybe" as ConsentPosition }] }), /ballot 1: position must be one of agree, abstain, disagree, block/);
  });
});
