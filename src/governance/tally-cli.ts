/**
 * `stoa tally FILE [--method NAME]`: recounts a published ballot file and prints the result as
 * JSON (`method`, `winners`, `rounds`, …). Reads three formats, by extension:
 * - `.blt`: an STV election (counted with `stv` unless `--method` names another ranked method);
 * - `.pb`: a pabulib participatory budget, counted by the rule its META names (`greedy`,
 *   `equalshares/add1`, `equalshares/add1-comparison`) unless `--method` says otherwise. The
 *   official outcome in its PROJECTS `selected` column is never read;
 * - anything else: a JSON ballot file (docs/ballot-file.md).
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { readBallotFile, type BallotFile } from "./ballot-file.ts";
import { parseBlt } from "./methods/blt.ts";
import { pabulibRule, pabulibToBudget, parsePabulib } from "./methods/pabulib.ts";
import { count, isMethodName, methodNames, type MethodName } from "./methods/registry.ts";
import { InvalidBallotError } from "./methods/types.ts";

const USAGE = `usage: stoa tally FILE [--method ${methodNames.join("|")}]`;

/** pabulib META `rule` → our method. */
const PABULIB_RULES: Record<string, MethodName> = {
  greedy: "greedy",
  "equalshares/add1": "equal-shares",
  "equalshares/add1-comparison": "equal-shares-comparison",
};
const RANKED: readonly MethodName[] = ["irv", "stv", "schulze"];
const BUDGETING: readonly MethodName[] = ["greedy", "equal-shares", "equal-shares-comparison"];

class UsageError extends Error {}

/** Runs `stoa tally` with `argv` (after `tally`); prints with `out`. Exit 0 on success, 2 on bad input. */
export async function runTallyCli(argv: string[], out: (s: string) => void): Promise<number> {
  try {
    const { file, method } = parseCommandLine(argv);
    const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read ${file}: ${error.code ?? error.message}`);
    });
    const ballots = ballotFileOf(file, text, method);
    out(JSON.stringify(count(ballots.method, ballots.input as never), null, 2));
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof InvalidBallotError) {
      process.stderr.write(`stoa tally: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function parseCommandLine(argv: string[]): { file: string; method: MethodName | undefined } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { method: { type: "string" } } });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) throw new UsageError(USAGE);
  const method = parsed.values.method;
  if (method !== undefined && !isMethodName(method)) throw new UsageError(`unknown method "${method}"\n${USAGE}`);
  return { file, method };
}

/** The method and its input, read from the file's text according to its format. */
function ballotFileOf(file: string, text: string, method: MethodName | undefined): BallotFile {
  const extension = file.toLowerCase().split(".").pop();
  if (extension === "blt") return { method: only(method ?? "stv", RANKED, "a BLT file"), input: parseBlt(text) };
  if (extension === "pb") return fromPabulib(text, method);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON (${(error as Error).message})`);
  }
  return readBallotFile(raw, method);
}

function fromPabulib(text: string, method: MethodName | undefined): BallotFile {
  const pb = parsePabulib(text);
  const rule = pabulibRule(pb);
  const chosen = method ?? (rule === undefined ? undefined : PABULIB_RULES[rule]);
  if (!chosen) {
    throw new UsageError(`the .pb file's rule "${rule ?? "(none)"}" is not one we count; pass --method ${BUDGETING.join("|")}`);
  }
  return { method: only(chosen, BUDGETING, "a pabulib file"), input: pabulibToBudget(pb) };
}

function only(method: MethodName, allowed: readonly MethodName[], what: string): MethodName {
  if (!allowed.includes(method)) throw new UsageError(`${what} can be counted with ${allowed.join(", ")}, not ${method}`);
  return method;
}
