/**
 * The published ballot file (see docs/ballot-file.md): a JSON document naming a `method`, its
 * options or projects, and the ballots. `readBallotFile` checks its shape with the method's zod
 * schema and turns it into that method's input; the method itself then checks the ballots'
 * meaning (unknown options, duplicates, ranges, budgets) and throws `InvalidBallotError`.
 */
import { z } from "zod";
import { isMethodName, methodNames, type MethodName } from "./methods/registry.ts";
import { InvalidBallotError } from "./methods/types.ts";

const id = z.string().min(1);
const options = z.array(id).min(1);
const weight = z.number().nonnegative().optional();
const seats = z.number().int().positive().optional();
const fraction = z.tuple([z.number().int(), z.number().int().positive()]);
const quorum = z.number().nonnegative().optional();
const method = z.string().optional();

const ranked = z.object({ method, options, seats, ballots: z.array(z.object({ ranking: z.array(z.array(id)), weight })) });
const approvals = z.array(id);
const budgetBallots = z.array(z.object({ approved: approvals, weight: z.number().int().positive().optional() }));

/** The shape of a ballot file, by method. */
const schemas = {
  majority: z.object({ method, options, qualified: fraction.optional(), quorum, ballots: z.array(z.object({ choice: id.nullable(), weight })) }),
  approval: z.object({ method, options, seats, ballots: z.array(z.object({ approved: approvals, weight })) }),
  score: z.object({ method, options, seats, min: z.number(), max: z.number(), ballots: z.array(z.object({ scores: z.record(z.string(), z.number()), weight })) }),
  consent: z.object({
    method,
    proposal: id.optional(),
    blockThreshold: z.number().positive().optional(),
    agreeShare: fraction.optional(),
    quorum,
    ballots: z.array(z.object({ position: z.enum(["agree", "abstain", "disagree", "block"]), weight })),
  }),
  irv: ranked,
  stv: ranked,
  schulze: ranked,
  quadratic: z.object({ method, options, seats, credits: z.number().int().positive(), ballots: z.array(z.object({ votes: z.record(z.string(), z.number().int()), weight })) }),
  greedy: budgetFile(),
  "equal-shares": budgetFile(),
  "equal-shares-comparison": budgetFile(),
} satisfies Record<MethodName, z.ZodType>;

function budgetFile() {
  const project = z.object({ id, cost: z.number().int().positive(), name: z.string().optional() });
  return z.object({ method, budget: z.number().int().nonnegative(), projects: z.array(project).min(1), ballots: budgetBallots });
}

/** A ballot file read for one method: the method's name and its input. */
export interface BallotFile {
  method: MethodName;
  input: z.infer<(typeof schemas)[MethodName]>;
}

/**
 * Checks parsed JSON as a ballot file and returns the method and its input. `methodOverride`
 * (from `--method`) wins over the file's own `method`. Throws `InvalidBallotError` with the
 * path of the first problem.
 */
export function readBallotFile(raw: unknown, methodOverride?: string): BallotFile {
  const named = methodOverride ?? (isObject(raw) && typeof raw.method === "string" ? raw.method : undefined);
  if (named === undefined) throw new InvalidBallotError("the ballot file names no method: pass --method");
  if (!isMethodName(named)) throw new InvalidBallotError(`unknown method "${named}" (known: ${methodNames.join(", ")})`);
  const parsed = schemas[named].safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidBallotError(`invalid ballot file for ${named} at ${issue.path.join(".") || "top level"}: ${issue.message}`);
  }
  const { method: _ignored, ...input } = parsed.data;
  return { method: named, input } as BallotFile;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
