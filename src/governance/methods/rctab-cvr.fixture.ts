/**
 * Test fixture: readers for RCTab cast-vote records (CDF JSON, generic CSV), applying the
 * paper-ballot rules our ballots have no notion of (skipped ranks, repeated candidates).
 */
import { readFileSync } from "node:fs";
import { sharedData } from "../../../test/support/shared-data.ts";
import type { RankedBallot } from "./types.ts";

/** Path of a file in one RCTab test case folder. */
export const rctabPath = (dir: string, file: string) => sharedData("voting", "rctab", dir, file);

export const WRITE_IN = "Undeclared Write-ins";

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
export function readGenericCsv(path: string, maxSkipped: number, writeInLabel: string): RankedBallot[] {
  const [header, ...rows] = readFileSync(path, "utf8").trim().split(/\r?\n/).map((line) => line.split(","));
  const candidates = header!.slice(3).map((name) => (name === writeInLabel ? WRITE_IN : name));
  return rows.map((row) => {
    const marks = new Map<number, string[]>();
    row.slice(3).forEach((cell, c) => cell && addMark(marks, Number(cell), candidates[c]!));
    return { ranking: marksToRanking(marks, maxSkipped) };
  });
}
