import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { parseBlt } from "./methods/blt.ts";
import { instantRunoff } from "./methods/irv.ts";
import { schulze } from "./methods/schulze.ts";
import { scottishStv } from "./methods/stv.ts";
import { InvalidBallotError, type RankedInput, type TallyResult } from "./methods/types.ts";

/** Ranked methods that `stoa tally` counts today, by their registry names. */
const rankedMethods: Record<string, (input: RankedInput) => TallyResult> = {
  irv: (input) => instantRunoff(input),
  stv: (input) => scottishStv({ ...input, seats: input.seats ?? 1 }),
  schulze: (input) => schulze(input),
};

/** The JSON ballot file for ranked methods (see docs/ballot-file.md). */
const rankedFileSchema = z.object({
  method: z.string().optional(),
  options: z.array(z.string().min(1)).min(1),
  seats: z.number().int().positive().optional(),
  ballots: z.array(z.object({
    ranking: z.array(z.array(z.string().min(1))),
    weight: z.number().positive().optional(),
  })),
});

class UsageError extends Error {}

/**
 * `stoa tally FILE [--method M]`: recounts a published ballot file (JSON or BLT) and prints the
 * result as JSON (`method`, `winners`, `rounds`, …). Exit 0 on success, 2 on bad input.
 */
export async function runTallyCli(argv: string[], out: (s: string) => void): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { method: { type: "string" } } });
    const file = positionals[0];
    if (!file) throw new UsageError("usage: stoa tally FILE [--method irv|stv|schulze]");
    const text = await readFile(file, "utf8").catch(() => {
      throw new UsageError(`cannot read ${file}`);
    });
    const { method, input } = file.toLowerCase().endsWith(".blt") ? fromBlt(text, values.method) : fromJson(text, values.method);
    const count = rankedMethods[method];
    if (!count) throw new UsageError(`unknown or unsupported method "${method}" (supported: ${Object.keys(rankedMethods).join(", ")})`);
    out(JSON.stringify(count(input), null, 2));
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof InvalidBallotError) {
      process.stderr.write(`stoa tally: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function fromBlt(text: string, method: string | undefined) {
  const election = parseBlt(text);
  return { method: method ?? "stv", input: election };
}

function fromJson(text: string, method: string | undefined) {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new UsageError("the ballot file is not valid JSON");
  }
  const parsed = rankedFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`invalid ballot file at ${issue.path.join(".") || "top level"}: ${issue.message}`);
  }
  const chosen = method ?? parsed.data.method;
  if (!chosen) throw new UsageError("the ballot file names no method: pass --method");
  return { method: chosen, input: { options: parsed.data.options, seats: parsed.data.seats, ballots: parsed.data.ballots } };
}
