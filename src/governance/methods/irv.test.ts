/**
 * Instant-runoff against RCTab's expected round-by-round reports.
 *
 * RCTab reads paper-ballot records (CDF JSON, generic CSV) in which a voter may skip ranks or
 * mark two candidates at one rank. Our ballots have no rank numbers, so the small readers below
 * apply the skipped-rank rule of each config (`maxSkippedRanksAllowed`: a longer gap ends the
 * ballot) and keep an overvote as a rank of several options, which `instantRunoff` counts by
 * the config's `overvoteRule`. Covered: test sets 0–4 and generic_csv_test (single winner).
 * The multi-winner whole-threshold case is an STV count: see stv-variants.test.ts.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { sharedData } from "../../../test/support/shared-data.ts";
import { instantRunoff } from "./irv.ts";
import type { RankedBallot } from "./types.ts";

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

export const WRITE_IN = "Undeclared Write-ins";
const rctabPath = (dir: string, file: string) => sharedData("voting", "rctab", dir, file);

/**
 * Marks (rank → options) to a ranking, ending the ballot at a gap longer than `maxSkipped`;
 * a candidate marked again at a later rank is ignored there (exhaustOnDuplicateCandidate off).
 */
export function marksToRanking(marks: Map<number, string[]>, maxSkipped: number): string[][] {
  const ranking: string[][] = [];
  const seen = new Set<string>();
  let gap = 0;
  for (let rank = 1; rank <= Math.max(0, ...marks.keys()); rank++) {
    const options = marks.get(rank)?.filter((o) => !seen.has(o));
    if (marks.has(rank) && options!.length === 0) continue;
    if (!options) {
      gap++;
      continue;
    }
    if (gap > maxSkipped) break;
    gap = 0;
    for (const o of options) seen.add(o);
    ranking.push(options);
  }
  return ranking;
}

function addMark(marks: Map<number, string[]>, rank: number, option: string): void {
  marks.set(rank, [...(marks.get(rank) ?? []), option]);
}

/** Reads a CDF (NIST 1500-103) cast vote record report. */
export function readCdf(path: string, maxSkipped: number): RankedBallot[] {
  const report = JSON.parse(readFileSync(path, "utf8")) as {
    Election: { Candidate: { "@id": string; Name: string }[]; Contest: { ContestSelection: { "@id": string; CandidateIds: string[] }[] }[] }[];
    CVR: { CVRSnapshot: { CVRContest: { CVRContestSelection: { ContestSelectionId: string; SelectionPosition: { Rank: number; HasIndication: string }[] }[] }[] }[] }[];
  };
  const election = report.Election[0]!;
  const nameOf = new Map(election.Candidate.map((c) => [c["@id"], c.Name]));
  const selectionName = new Map(election.Contest[0]!.ContestSelection.map((s) => [s["@id"], nameOf.get(s.CandidateIds[0]!)!]));
  return report.CVR.map((cvr) => {
    const marks = new Map<number, string[]>();
    for (const selection of cvr.CVRSnapshot[0]!.CVRContest[0]?.CVRContestSelection ?? []) {
      for (const mark of selection.SelectionPosition) {
        if (mark.HasIndication === "yes") addMark(marks, mark.Rank, selectionName.get(selection.ContestSelectionId)!);
      }
    }
    return { ranking: marksToRanking(marks, maxSkipped) };
  });
}

/** Reads RCTab's generic CSV: one column per candidate holding the rank given to it. */
function readGenericCsv(path: string, maxSkipped: number, writeInLabel: string): RankedBallot[] {
  const [header, ...rows] = readFileSync(path, "utf8").trim().split(/\r?\n/).map((line) => line.split(","));
  const candidates = header!.slice(3).map((name) => (name === writeInLabel ? WRITE_IN : name));
  return rows.map((row) => {
    const marks = new Map<number, string[]>();
    row.slice(3).forEach((cell, c) => cell && addMark(marks, Number(cell), candidates[c]!));
    return { ranking: marksToRanking(marks, maxSkipped) };
  });
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
