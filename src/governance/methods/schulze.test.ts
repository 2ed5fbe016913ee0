import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { sharedData } from "../../../test/support/shared-data.ts";
import { schulze } from "./schulze.ts";
import { InvalidBallotError, type RankedBallot, type RankedInput } from "./types.ts";

/** Reads a Debian tally sheet: "Option N--->: Name" headers, then "V: <rank per column>" lines. */
function readDebianTally(file: string): RankedInput {
  const text = readFileSync(sharedData("voting", "debian", file), "latin1");
  const options: string[] = [];
  for (const match of text.matchAll(/Option (\d+)-*>: (.+?)\s*$/gm)) options[Number(match[1]) - 1] = match[2]!;
  const ballots: RankedBallot[] = [];
  for (const match of text.matchAll(/^V: (\S+)/gm)) {
    const byRank = new Map<number, string[]>();
    [...match[1]!].forEach((mark, column) => {
      if (mark === "-") return;
      const rank = Number.parseInt(mark, 16);
      byRank.set(rank, [...(byRank.get(rank) ?? []), options[column]!]);
    });
    ballots.push({ ranking: [...byRank.keys()].sort((a, b) => a - b).map((rank) => byRank.get(rank)!) });
  }
  return { options, ballots };
}

interface SchulzeCase {
  candidates: string[];
  ballots: { ranking: string[]; count: number }[];
  pairwise: Record<string, Record<string, number>>;
  strongest_paths_winning_votes: Record<string, Record<string, number>>;
  winners: string[];
}

describe("schulze: Debian Project Leader elections", () => {
  const expected = JSON.parse(readFileSync(sharedData("voting", "debian", "expected.json"), "utf8")) as {
    expected: { file: string; ballots: number; official_winner: string; ranking_implicit?: string }[];
  };
  for (const election of expected.expected) {
    it(`${election.file}: official winner ${election.official_winner}`, () => {
      const input = readDebianTally(election.file);
      assert.equal(input.ballots.length, election.ballots);
      const result = schulze(input);
      assert.equal(result.winners[0], election.official_winner);
      assert.equal(result.tied, false);
      if (election.ranking_implicit) assert.deepEqual(result.winners, election.ranking_implicit.split(" > "));
    });
  }
});

describe("schulze: examples from Schulze's paper", () => {
  const data = JSON.parse(readFileSync(sharedData("voting", "schulze", "schulze_examples.json"), "utf8")) as {
    cases: Record<string, SchulzeCase>;
  };
  for (const [name, example] of Object.entries(data.cases)) {
    it(`${name}: d matrix, p matrix and winners`, () => {
      const result = schulze({
        options: example.candidates,
        ballots: example.ballots.map((b) => ({ ranking: b.ranking.map((o) => [o]), weight: b.count })),
      });
      assert.deepEqual(result.pairwise, example.pairwise);
      assert.deepEqual(result.strongestPaths, example.strongest_paths_winning_votes);
      const firstGroup = (result.ranking as string[][])[0]!;
      assert.deepEqual([...firstGroup].sort(), [...example.winners].sort());
      assert.equal(result.winners[0], example.winners.toSorted((a, b) => example.candidates.indexOf(a) - example.candidates.indexOf(b))[0]);
    });
  }
});

describe("schulze: inputs and tie-breaking", () => {
  it("breaks a full tie by option order, status quo first", () => {
    const ballots = [{ ranking: [["a"], ["b"]] }, { ranking: [["b"], ["a"]] }];
    assert.deepEqual(schulze({ options: ["a", "b"], ballots }).winners, ["a", "b"]);
    const withSq = schulze({ options: ["a", "b"], ballots, statusQuo: "b" });
    assert.deepEqual(withSq.winners, ["b", "a"]);
    assert.equal(withSq.statusQuoRank, 1);
    assert.deepEqual(withSq.betterThanStatusQuo, []);
  });

  it("counts equal rankings as no preference and honours weights", () => {
    const result = schulze({ options: ["a", "b", "c"], ballots: [{ ranking: [["a", "b"], ["c"]], weight: 3 }] });
    const d = result.pairwise as Record<string, Record<string, number>>;
    assert.equal(d.a!.b, 0);
    assert.equal(d.a!.c, 3);
    assert.equal(d.b!.c, 3);
  });

  it("rejects unknown options, repeated options and bad weights", () => {
    assert.throws(() => schulze({ options: ["a"], ballots: [{ ranking: [["z"]] }] }), InvalidBallotError);
    assert.throws(() => schulze({ options: ["a", "b"], ballots: [{ ranking: [["a"], ["a"]] }] }), InvalidBallotError);
    assert.throws(() => schulze({ options: ["a"], ballots: [{ ranking: [["a"]], weight: -1 }] }), InvalidBallotError);
    assert.throws(() => schulze({ options: ["a"], ballots: [], statusQuo: "x" }), InvalidBallotError);
  });
});
