/**
 * Reader of pabulib `.pb` files (participatory budgets, pabulib.org): three sections, `META`
 * (key;value), `PROJECTS` and `VOTES`, each a `;`-separated CSV table with a header row.
 * Fields may be quoted with `"` (a quote inside is doubled) and may then hold `;` or line breaks.
 *
 * The PROJECTS table of a published file also holds the official outcome (`selected`). A recount
 * must not peek at it, so `pabulibToBudget` builds the method input from `project_id` and `cost`
 * only; the raw tables stay available for display.
 */
import { InvalidBallotError, type OptionId } from "./types.ts";
import type { BudgetInput } from "./budget-input.ts";

/** A parsed `.pb` file: META as a map, PROJECTS and VOTES as rows keyed by their header. */
export interface PabulibFile {
  meta: Record<string, string>;
  projects: Record<string, string>[];
  votes: Record<string, string>[];
}

const SECTIONS = ["META", "PROJECTS", "VOTES"] as const;
type Section = (typeof SECTIONS)[number];

/** Parses the text of a `.pb` file; throws `InvalidBallotError` on a malformed file. */
export function parsePabulib(text: string): PabulibFile {
  const tables: Record<Section, string[][]> = { META: [], PROJECTS: [], VOTES: [] };
  let current: Section | undefined;
  for (const row of csvRows(text.replace(/^\uFEFF/, ""))) {
    const marker = row.length === 1 ? row[0]!.trim().toUpperCase() : "";
    if ((SECTIONS as readonly string[]).includes(marker)) current = marker as Section;
    else if (row.length === 1 && row[0]!.trim() === "") continue;
    else if (!current) throw new InvalidBallotError("pabulib file: data before the META section");
    else tables[current].push(row);
  }
  for (const section of SECTIONS) {
    if (tables[section].length === 0) throw new InvalidBallotError(`pabulib file: missing ${section} section`);
  }
  const meta: Record<string, string> = {};
  for (const [key, value = ""] of tables.META.slice(1)) meta[key!.trim()] = value.trim();
  return { meta, projects: keyed(tables.PROJECTS, "PROJECTS"), votes: keyed(tables.VOTES, "VOTES") };
}

/** Rows of a section as objects keyed by the section's header row. */
function keyed(rows: string[][], section: Section): Record<string, string>[] {
  const header = rows[0]!.map((name) => name.trim());
  return rows.slice(1).map((row, i) => {
    if (row.length > header.length) {
      throw new InvalidBallotError(`pabulib file: ${section} row ${i + 1} has ${row.length} fields, header has ${header.length}`);
    }
    return Object.fromEntries(header.map((name, c) => [name, (row[c] ?? "").trim()]));
  });
}

/** Splits `;`-separated CSV into rows of fields, honouring quotes (RFC 4180 style). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ";") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      rows.push([...row, field]);
      row = [];
      field = "";
    } else field += ch;
  }
  if (quoted) throw new InvalidBallotError("pabulib file: unterminated quoted field");
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** The counting rule a `.pb` file names in META `rule`, if any. */
export function pabulibRule(file: PabulibFile): string | undefined {
  return file.meta.rule || undefined;
}

/**
 * Input of the budgeting methods from an approval `.pb` file: `budget` from META, each
 * project's id and cost, each voter's approvals. Never reads the `selected` column.
 */
export function pabulibToBudget(file: PabulibFile): BudgetInput {
  const voteType = file.meta.vote_type ?? "approval";
  if (voteType !== "approval") throw new InvalidBallotError(`pabulib file: vote_type "${voteType}" is not supported (approval only)`);
  const budget = toNumber(file.meta.budget, "META budget");
  const projects = file.projects.map((row, i) => ({
    id: required(row.project_id, `PROJECTS row ${i + 1}: project_id`),
    cost: toNumber(row.cost, `project ${row.project_id}: cost`),
    ...(row.name ? { name: row.name } : {}),
  }));
  const ballots = file.votes.map((row, i) => ({ approved: splitVote(required(row.vote, `VOTES row ${i + 1}: vote`, true)) }));
  return { budget, projects, ballots };
}

function splitVote(vote: string): OptionId[] {
  return vote === "" ? [] : vote.split(",").map((id) => id.trim());
}

function required(value: string | undefined, what: string, emptyAllowed = false): string {
  if (value === undefined || (!emptyAllowed && value === "")) throw new InvalidBallotError(`pabulib file: ${what} is missing`);
  return value;
}

function toNumber(value: string | undefined, what: string): number {
  const n = Number(required(value, what));
  if (!Number.isFinite(n)) throw new InvalidBallotError(`pabulib file: ${what} is not a number ("${value}")`);
  return n;
}
