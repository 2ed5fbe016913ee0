/**
 * Proposals: draft (with co-authors) → deliberation (a public thread of posts) → vote →
 * closed (tallied) → implementation updates. Counting follows the method registry; the
 * method's settings are the header of the ballot file that is published at close.
 */
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/database.ts";
import { enqueue } from "../../jobs/queue.ts";
import { forbidden, notFound, unprocessable } from "../../lib/errors.ts";
import { createStatus } from "../../statuses/create.ts";
import { readBallotFile } from "../ballot-file.ts";
import { count, isMethodName } from "../methods/registry.ts";
import { InvalidBallotError } from "../methods/types.ts";
import type { Sphere } from "../membership/membership.ts";
import { inSpheres } from "../membership/membership.ts";
import { bodiesWithPower } from "../bodies/bodies.ts";

export type ProposalState = "draft" | "deliberation" | "voting" | "closed" | "withdrawn";
export type Participation = "direct" | "indirect" | "liquid";

export interface Proposal {
  id: string;
  authorId: string;
  scopeId: string;
  bodyId: string | null;
  decisionType: string | null;
  title: string;
  text: string;
  state: ProposalState;
  method: string;
  methodConfig: Record<string, unknown>;
  participation: Participation;
  discussSpheres: Sphere[];
  decideSpheres: Sphere[];
  secret: boolean;
  delegateCap: number | null;
  threadStatusId: string | null;
  opensAt: Date | null;
  closesAt: Date | null;
  result: Record<string, unknown> | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const CLOSE_PROPOSAL_JOB = "governance.proposal.close";
/** Announces an opened vote at its opening time (notifications follow the event). */
export const OPEN_PROPOSAL_JOB = "governance.proposal.open";

/**
 * Columns read for a proposal. `method_config` and `result` are read as text and parsed here:
 * postgres.camel would otherwise rename keys inside them, and option ids are user data.
 */
export const proposalColumns = (sql: Db, alias = "p") => sql.unsafe(`
  ${alias}.id, ${alias}.author_id, ${alias}.scope_id, ${alias}.body_id, ${alias}.decision_type, ${alias}.title, ${alias}.text, ${alias}.state, ${alias}.method,
  ${alias}.method_config::text as method_config, ${alias}.participation, ${alias}.discuss_spheres, ${alias}.decide_spheres,
  ${alias}.secret, ${alias}.delegate_cap, ${alias}.thread_status_id, ${alias}.opens_at, ${alias}.closes_at,
  ${alias}.result::text as result, ${alias}.closed_at, ${alias}.created_at, ${alias}.updated_at`);

type RawProposal = Omit<Proposal, "methodConfig" | "result"> & { methodConfig: string; result: string | null };

/** Turns a row read with `proposalColumns` into a Proposal. */
export function parseProposal(row: RawProposal): Proposal {
  return { ...row, methodConfig: JSON.parse(row.methodConfig), result: row.result === null ? null : JSON.parse(row.result) };
}

/** A proposal, or a 404. */
export async function requireProposal(sql: Db, id: string, lock: "" | "for update" | "for share" = ""): Promise<Proposal> {
  const [row] = await sql<RawProposal[]>`select ${proposalColumns(sql)} from gov_proposals p where p.id = ${id} ${sql.unsafe(lock)}`;
  if (!row) throw notFound("Proposal not found");
  return parseProposal(row);
}

/** Checks a method's settings by counting an empty ballot box with them; returns the clean settings. */
export function checkMethodConfig(method: string, config: Record<string, unknown>): Record<string, unknown> {
  if (!isMethodName(method)) throw unprocessable(`Unknown method ${method}`);
  const { ballots: _b, method: _m, ...settings } = config;
  try {
    const file = readBallotFile({ ...settings, method, ballots: [] });
    count(file.method, file.input as never);
    const { ballots: _none, ...clean } = file.input as Record<string, unknown>;
    return clean;
  } catch (error) {
    if (error instanceof InvalidBallotError) throw unprocessable(error.message.replace(/ at ballots.*$/, ""));
    throw error;
  }
}

export interface NewProposal {
  scopeId: string;
  bodyId: string | null;
  /** A body power (rules, budget…); required for indirect votes, whose body must hold it over the scope. */
  decisionType?: string | null;
  title: string;
  text: string;
  method: string;
  methodConfig: Record<string, unknown>;
  participation: Participation;
  discussSpheres: Sphere[];
  decideSpheres: Sphere[];
  secret: boolean;
  delegateCap: number | null;
}

/** Creates a draft; its author is its first author. */
export async function createProposal(sql: Db, authorId: string, input: NewProposal): Promise<Proposal> {
  const config = checkMethodConfig(input.method, input.methodConfig);
  if (input.secret && input.participation === "liquid") {
    throw unprocessable("A liquid vote has public ballots: delegated weight must reach a ballot its delegators can see");
  }
  if ((input.participation === "indirect") !== (input.bodyId !== null)) throw unprocessable("body_id is required for indirect participation, and only then");
  const [scope] = await sql`select 1 from gov_scopes where id = ${input.scopeId}`;
  if (!scope) throw unprocessable("Unknown scope");
  if (input.bodyId) {
    const [body] = await sql`select 1 from gov_bodies where id = ${input.bodyId}`;
    if (!body) throw unprocessable("Unknown body");
    if (!input.decisionType) throw unprocessable("decision_type is required for indirect participation");
    if (!(await bodiesWithPower(sql, input.decisionType, input.scopeId)).includes(input.bodyId)) {
      throw unprocessable(`This body holds no ${input.decisionType} power over the proposal's scope`);
    }
  }
  const [row] = await sql<RawProposal[]>`
    insert into gov_proposals (author_id, scope_id, body_id, decision_type, title, text, method, method_config, participation,
      discuss_spheres, decide_spheres, secret, delegate_cap)
    values (${authorId}, ${input.scopeId}, ${input.bodyId}, ${input.decisionType ?? null}, ${input.title}, ${input.text}, ${input.method}, ${JSON.stringify(config)}::text::jsonb,
      ${input.participation}, ${input.discussSpheres}, ${input.decideSpheres}, ${input.secret}, ${input.delegateCap})
    returning ${proposalColumns(sql, "gov_proposals")}`;
  await sql`insert into gov_proposal_authors (proposal_id, account_id) values (${row!.id}, ${authorId})`;
  return parseProposal(row!);
}

/** Account ids of a proposal's authors. */
export async function authorsOf(sql: Db, proposalId: string): Promise<string[]> {
  const rows = await sql<{ accountId: string }[]>`select account_id from gov_proposal_authors where proposal_id = ${proposalId} order by added_at, account_id`;
  return rows.map((r) => r.accountId);
}

/** Throws 403 unless the account is one of the proposal's authors. */
export async function requireAuthor(sql: Db, proposalId: string, accountId: string): Promise<void> {
  if (!(await authorsOf(sql, proposalId)).includes(accountId)) throw forbidden("Only the proposal's authors can do this");
}

/** Whether an account may take part in the deliberation (its sphere is allowed to discuss). */
export async function mayDiscuss(sql: Db, proposal: Proposal, accountId: string): Promise<boolean> {
  const [row] = await sql`select 1 from accounts a where a.id = ${accountId} and (${inSpheres(sql, "a", proposal.discussSpheres)})`;
  return row !== undefined;
}

/** Edits a draft (authors only). */
export async function editDraft(sql: Db, proposal: Proposal, changes: { title?: string; text?: string; methodConfig?: Record<string, unknown> }): Promise<Proposal> {
  if (proposal.state !== "draft") throw unprocessable("Only drafts can be edited; amend the proposal instead");
  const config = changes.methodConfig ? checkMethodConfig(proposal.method, changes.methodConfig) : proposal.methodConfig;
  await sql`
    update gov_proposals set title = ${changes.title ?? proposal.title}, text = ${changes.text ?? proposal.text},
      method_config = ${JSON.stringify(config)}::text::jsonb, updated_at = now() where id = ${proposal.id}`;
  return requireProposal(sql, proposal.id);
}

/** Adds a co-author to a draft or a proposal under deliberation. */
export async function addCoAuthor(sql: Db, proposal: Proposal, accountId: string): Promise<void> {
  if (proposal.state !== "draft" && proposal.state !== "deliberation") throw unprocessable("Authors can only be added before the vote");
  const [account] = await sql`select 1 from accounts where id = ${accountId} and domain is null`;
  if (!account) throw unprocessable("Co-authors must be local accounts");
  await sql`insert into gov_proposal_authors (proposal_id, account_id) values (${proposal.id}, ${accountId}) on conflict do nothing`;
}

/** Opens the deliberation: publishes the thread root as a public status of the author. */
export async function startDeliberation(ctx: AppContext, proposal: Proposal): Promise<Proposal> {
  if (proposal.state !== "draft") throw unprocessable("Only a draft can go to deliberation");
  const link = `${ctx.config.origin}/governance/proposals/${proposal.id}`;
  const room = 480 - [...link].length;
  const summary = [...`${proposal.title}\n\n${proposal.text}`];
  const text = `${summary.length > room ? `${summary.slice(0, room - 1).join("")}…` : summary.join("")}\n\n${link}`;
  const statusId = await createStatus(ctx, proposal.authorId, {
    text, spoilerText: "", sensitive: false, visibility: "public", language: null, inReplyToId: null, mediaIds: [],
    applicationId: null, idempotencyKey: `proposal:${proposal.id}`, poll: null,
  });
  const rows = await ctx.sql.begin(async (tx) => {
    const updated = await tx`
      update gov_proposals set state = 'deliberation', thread_status_id = ${statusId}, updated_at = now()
      where id = ${proposal.id} and state = 'draft' returning id`;
    if (updated.length) await ctx.events.emit(tx, "governance.proposal.deliberation", { proposalId: proposal.id });
    return updated;
  });
  if (rows.length === 0) throw unprocessable("Only a draft can go to deliberation");
  return requireProposal(ctx.sql, proposal.id);
}

/** Opens the vote now (or at `opensAt`) until `closesAt`; the close job is queued with it. */
export async function openVote(ctx: AppContext, proposal: Proposal, opensAt: Date | null, closesAt: Date): Promise<Proposal> {
  if (proposal.state !== "deliberation") throw unprocessable("Only a proposal under deliberation can go to a vote");
  const opens = opensAt ?? new Date();
  if (closesAt.getTime() <= Math.max(opens.getTime(), Date.now())) throw unprocessable("closes_at must be after the opening and in the future");
  await ctx.sql.begin(async (tx) => {
    const [pending] = await tx`select 1 from gov_amendments where proposal_id = ${proposal.id} and state = 'proposed' limit 1`;
    if (pending) throw unprocessable("Every amendment must be accepted or rejected before the vote");
    const updated = await tx`
      update gov_proposals set state = 'voting', opens_at = ${opens}, closes_at = ${closesAt}, updated_at = now()
      where id = ${proposal.id} and state = 'deliberation' returning id`;
    if (updated.length === 0) throw unprocessable("Only a proposal under deliberation can go to a vote");
    await enqueue(tx, OPEN_PROPOSAL_JOB, { proposalId: proposal.id }, { runAt: opens });
    await enqueue(tx, CLOSE_PROPOSAL_JOB, { proposalId: proposal.id }, { runAt: closesAt });
  });
  return requireProposal(ctx.sql, proposal.id);
}

/** Withdraws a proposal that is not being voted on. */
export async function withdrawProposal(sql: Db, proposal: Proposal): Promise<void> {
  const rows = await sql`update gov_proposals set state = 'withdrawn', updated_at = now() where id = ${proposal.id} and state in ('draft', 'deliberation')`;
  if (rows.count === 0) throw unprocessable("Only a draft or a proposal under deliberation can be withdrawn");
}
