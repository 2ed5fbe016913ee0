import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { sharedData } from "../../../test/support/shared-data.ts";
import { parseBlt } from "./blt.ts";
import { InvalidBallotError } from "./types.ts";

describe("parseBlt", () => {
  it("reads a real file: candidates by name, weights, seats, title", () => {
    const election = parseBlt(readFileSync(sharedData("voting", "scottish-stv", "Calton-2007.blt"), "utf8"));
    assert.equal(election.options.length, 10);
    assert.equal(election.options[7], "George Redmond");
    assert.equal(election.seats, 3);
    assert.equal(election.title, "CALTON");
    assert.deepEqual(election.ballots[0], { weight: 35, ranking: [["Gary Barton"]] });
    assert.equal(election.ballots.reduce((sum, b) => sum + (b.weight ?? 1), 0), 5199);
    assert.deepEqual(election.withdrawn, []);
  });

  it("reads withdrawn candidates, ballot ids, equal rankings and comments", () => {
    const text = '3 1\n-2\n(b1) 2 1=3 2 0 # two papers\n1 2 0\n0\n"A"\n"B"\n"C"\n"Test"\n';
    const election = parseBlt(text);
    assert.deepEqual(election.withdrawn, ["B"]);
    assert.deepEqual(election.ballots, [
      { weight: 2, ranking: [["A", "C"], ["B"]] },
      { weight: 1, ranking: [["B"]] },
    ]);
  });

  const malformed: [string, string, RegExp][] = [
    ["empty file", "", /ends before the header/],
    ["bad header", "3\n0\n", /line 1/],
    ["more seats than candidates", "1 2\n0\n", /seats/],
    ["unknown candidate", '2 1\n1 3 0\n0\n"A"\n"B"\n', /line 2: "3" is not a candidate/],
    ["missing terminating 0", '2 1\n1 1 2\n0\n"A"\n"B"\n', /line 2: a ballot must end with 0/],
    ["candidate ranked twice", '2 1\n1 1 1 0\n0\n"A"\n"B"\n', /ranked twice/],
    ["missing names", "2 1\n1 1 0\n0\n\"A\"\n", /name of candidate 2/],
    ["unquoted name", "1 1\n1 1 0\n0\nA\n", /quoted/],
    ["duplicate names", '2 1\n0\n"A"\n"A"\n', /unique/],
    ["trailing text", '1 1\n0\n"A"\n"T"\n"extra"\n', /after the title/],
    ["negative weight", '1 1\n-1 1 0\n0\n"A"\n', /withdrawn|weight/],
  ];
  for (const [name, text, message] of malformed) {
    it(`rejects ${name}`, () => {
      assert.throws(() => parseBlt(text), (error: unknown) => error instanceof InvalidBallotError && message.test(error.message));
    });
  }
});
