/**
 * Reader for the BLT ballot format (OpenSTV, Droop, eSTV):
 *
 *     <candidates> <seats>
 *     [-<withdrawn> -<withdrawn> …]          optional line of withdrawn candidate numbers
 *     [(<ballot id>)] <weight> <c> <c=c> … 0 one line per ballot; `=` ranks candidates equally
 *     0                                      end of ballots
 *     "<candidate name>"                     one line per candidate, in number order
 *     "<title>"
 *
 * Option ids are the candidate names from the file (so results read like the official
 * report); names must therefore be unique. Comments (`#` to end of line) are ignored.
 */
import { InvalidBallotError, type OptionId, type RankedBallot, type RankedInput } from "./types.ts";

/** Parsed BLT file: ballots with names as option ids, seats, title and withdrawn candidates. */
export type BltElection = RankedInput & { seats: number; title: string; withdrawn: OptionId[] };

interface Line {
  number: number;
  text: string;
}

/** Parses a BLT file; throws `InvalidBallotError` with the line number on malformed input. */
export function parseBlt(text: string): BltElection {
  const lines = text
    .split(/\r?\n/)
    .map((raw, i) => ({ number: i + 1, text: stripComment(raw).trim() }))
    .filter((line) => line.text !== "");
  let at = 0;
  const next = (what: string): Line => {
    const line = lines[at++];
    if (!line) throw new InvalidBallotError(`BLT: file ends before ${what}`);
    return line;
  };

  const header = next("the header");
  const [candidateCount, seats] = integers(header, 2, "header '<candidates> <seats>'");
  if (candidateCount! < 1 || seats! < 1 || seats! > candidateCount!) {
    throw fail(header, `needs at least one candidate and 1 ≤ seats ≤ candidates (got ${candidateCount} ${seats})`);
  }
  const withdrawnNumbers = lines[at]?.text.startsWith("-") ? withdrawnLine(next("withdrawn"), candidateCount!) : [];

  const numbered: { weight: number; ranking: number[][] }[] = [];
  for (;;) {
    const line = next("the '0' line ending the ballots");
    if (line.text === "0") break;
    numbered.push(ballotLine(line, candidateCount!));
  }
  const names: string[] = [];
  for (let c = 0; c < candidateCount!; c++) names.push(quoted(next(`the name of candidate ${c + 1}`)));
  if (new Set(names).size !== names.length) throw new InvalidBallotError("BLT: candidate names must be unique (they are the option ids)");
  const title = lines[at] ? quoted(next("the title")) : "";
  if (lines[at]) throw fail(lines[at]!, "unexpected text after the title");

  const ballots: RankedBallot[] = numbered.map((b) => ({ weight: b.weight, ranking: b.ranking.map((g) => g.map((c) => names[c - 1]!)) }));
  return { options: names, ballots, seats: seats!, title, withdrawn: withdrawnNumbers.map((c) => names[c - 1]!) };
}

function stripComment(line: string): string {
  // A '#' inside a quoted name is part of the name.
  if (line.trimStart().startsWith('"')) return line;
  const hash = line.indexOf("#");
  return hash < 0 ? line : line.slice(0, hash);
}

function fail(line: Line, message: string): InvalidBallotError {
  return new InvalidBallotError(`BLT line ${line.number}: ${message}`);
}

function integers(line: Line, count: number, what: string): number[] {
  const parts = line.text.split(/\s+/);
  if (parts.length !== count || !parts.every((p) => /^\d+$/.test(p))) throw fail(line, `expected ${what}`);
  return parts.map(Number);
}

function withdrawnLine(line: Line, candidateCount: number): number[] {
  return line.text.split(/\s+/).map((part) => {
    if (!/^-\d+$/.test(part)) throw fail(line, `withdrawn candidates are written -<number>, got "${part}"`);
    return candidateNumber(line, part.slice(1), candidateCount);
  });
}

function ballotLine(line: Line, candidateCount: number): { weight: number; ranking: number[][] } {
  const parts = line.text.replace(/^\([^)]*\)\s*/, "").split(/\s+/);
  const weightText = parts.shift()!;
  if (!/^\d+(\.\d+)?$/.test(weightText)) throw fail(line, `ballot weight must be a non-negative number, got "${weightText}"`);
  if (parts.pop() !== "0") throw fail(line, "a ballot must end with 0");
  const seen = new Set<number>();
  const ranking = parts.map((part) =>
    part.split("=").map((text) => {
      const c = candidateNumber(line, text, candidateCount);
      if (seen.has(c)) throw fail(line, `candidate ${c} is ranked twice`);
      seen.add(c);
      return c;
    }),
  );
  return { weight: Number(weightText), ranking };
}

function candidateNumber(line: Line, text: string, candidateCount: number): number {
  const c = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(c >= 1 && c <= candidateCount)) throw fail(line, `"${text}" is not a candidate number between 1 and ${candidateCount}`);
  return c;
}

function quoted(line: Line): string {
  const match = /^"(.*)"$/.exec(line.text);
  if (!match) throw fail(line, `expected a quoted string, got ${line.text}`);
  return match[1]!;
}
