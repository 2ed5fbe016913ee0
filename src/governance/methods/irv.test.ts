/**
 * Instant-runoff against RCTab's expected round-by-round reports.
 *
 * RCTab reads paper-ballot records (CDF JSON, generic CSV) in which a voter may skip ranks or
 * mark two candidates at one rank. Our ballots have no rank numbers, so the small readers below
 * apply the skipped-rank rule of each config (`maxSkippedRanksAllowed`: a longer gap ends the
 * ballot) and keep an overvote as a rank of several options, which `instantRunoff` counts by
 * the config's `overvoteRule`. Covered: test sets 0–4 and generic_csv_test (single winner).
 * The multi-winner whole-threshold case is an STV count: see stv-rctab.test.ts.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { instantRunoff } from "./irv.ts";
import { rctabPath, readCdf, readGenericCsv, WRITE_IN } from "./rctab-cvr.fixture.ts";

interface RctabConfig {
  candidates: { name: string }[];
  cvrFileSources: { filePath: string; provider: string; undeclaredWriteInLabel: string }[];
  rules: { overvoteRule: string; maxSkippedRanksAllowed: string; winnerElectionMode: string; tiebreakMode: string };
}

interface RctabRound {
  round: number;
  tally: Record<string, string>;
  tallyResults: { eliminated?: string; elected?: string; transfers: Record<string, string> }[];
  threshold: string;
}

const singleWinnerCases = [
  "test_set_0_skipped_first_choice",
  "test_set_1_exhaust_at_overvote",
  "test_set_2_overvote_skip_to_next",
  "test_set_3_skipped_choice_exhaust",
  "test_set_4_skipped_choice_next",
  "generic_csv_test",
];

describe("instantRunoff: RCTab single-winner cases", () => {
  for (const dir of singleWinnerCases) {
    it(`${dir}: every round's tallies, eliminations, transfers and winner`, () => {
      const config = JSON.parse(readFileSync(rctabPath(dir, `${dir}_config.json`), "utf8")) as RctabConfig;
      const expected = JSON.parse(readFileSync(rctabPath(dir, `${dir}_expected_detailed_report.json`), "utf8")) as { results: RctabRound[] };
      assert.equal(config.rules.winnerElectionMode, "singleWinnerMajority");
      const source = config.cvrFileSources[0]!;
      const maxSkipped = Number(config.rules.maxSkippedRanksAllowed);
      const generic = source.provider === "genericCsv";
      const ballots = generic ? readGenericCsv(rctabPath(dir, source.filePath), maxSkipped, source.undeclaredWriteInLabel) : readCdf(rctabPath(dir, source.filePath), maxSkipped);
      const options = [...config.candidates.map((c) => c.name), ...(generic ? [WRITE_IN] : [])];
      const result = instantRunoff({
        options,
        ballots,
        overvote: config.rules.overvoteRule === "exhaustImmediately" ? "exhaust" : "skip",
        ...(generic ? { eliminateFirst: [WRITE_IN] } : {}),
      });

      assert.equal(result.rounds.length, expected.results.length);
      expected.results.forEach((want, r) => {
        const got = result.rounds[r]!;
        const where = `${dir} round ${want.round}`;
        assert.deepEqual(got.tallies, Object.fromEntries(Object.entries(want.tally).map(([k, v]) => [k, Number(v)])), where);
        assert.equal(got.threshold, Number(want.threshold), where);
        const outcome = want.tallyResults[0]!;
        if (outcome.eliminated) {
          assert.deepEqual(got.eliminated, [outcome.eliminated], where);
          assert.deepEqual(got.transfers, Object.fromEntries(Object.entries(outcome.transfers).map(([k, v]) => [k, Number(v)])), where);
        }
        if (outcome.elected) assert.deepEqual(result.winners, [outcome.elected], where);
      });
    });
  }
});

describe("instantRunoff: rules", () => {
  it("breaks a tie for elimination by the latest earlier round, then by listing order", () => {
    const ballots = [
      { ranking: [["a"]], weight: 4 },
      { ranking: [["b"]], weight: 2 },
      { ranking: [["c"]], weight: 2 },
      { ranking: [["d"], ["c"]], weight: 1 },
      { ranking: [["e"], ["b"]], weight: 1 },
    ];
    const result = instantRunoff({ options: ["a", "b", "c", "d", "e"], ballots });
    // Round 1: d and e tie at 1 in every round so far: e, listed last, goes (its ballot to b).
    assert.deepEqual(result.rounds[0]!.eliminated, ["e"]);
    assert.deepEqual(result.rounds[1]!.eliminated, ["d"]); // d = 1, its ballot to c
    // Round 3: b = 3, c = 3 tie; round 2 had b 3, c 2 → c goes.
    assert.deepEqual(result.rounds[2]!.eliminated, ["c"]);
  });

  it("elects outright with a majority and reports exhausted ballots", () => {
    const result = instantRunoff({ options: ["a", "b", "c"], ballots: [{ ranking: [["a"]], weight: 3 }, { ranking: [["b"]], weight: 2 }, { ranking: [["c"]], weight: 2 }] });
    assert.deepEqual(result.winners, ["a"]);
    assert.equal(result.rounds.at(-1)!.exhausted, 2);
  });
});
