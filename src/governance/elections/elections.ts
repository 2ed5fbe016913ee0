/**
 * Elections fill a body's seats: members stand as candidates, the vote is a proposal whose
 * options are the candidates' account ids (counted by the registry: STV by default), and at
 * its close the winners take the free seats for one term. A recall is a yes/no majority vote
 * on one seated member; if "recall" wins, the seat ends.
 */
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/database.ts";
import { forbidden, notFound, unprocessable } from "../../lib/errors.ts";
import { bodiesWithPower, requireBody, seatMember, unseatMember } from "../bodies/bodies.ts";
import { isMember } from "../membership/membership.ts";
import { createProposal, openVote, requireProposal, startDeliberation } from "../proposals/proposals.ts";

export type ElectionMethod = "stv" | "schulze" | "irv" | "approval" | "score" | "majority";

export interface Election {
  id: string;
  bodyId: string;
  createdBy: string;
  kind: "election" | "recall";
  seats: number;
  method: ElectionMethod;
  recallAccountId: string | null;
  state: "candidacy" | "voting" | "closed";
  proposalId: string | null;
  elected: string[];
  createdAt: Date;
}

export interface Candidacy {
  accountId: string;
  statement: string;
  createdAt: Date;
}

/** An election, or a 404. */
export async function requireElection(sql: Db, id: string, lock = false): Promise<Election> {
  const [row] = await sql<Election[]>`select * from gov_elections where id = ${id} ${lock ? sql`for update` : sql``}`;
  if (!row) throw notFound("Election not found");
  return row;
}

/** An election's candidacies, in the order they were made. */
export async function candidaciesOf(sql: Db, electionId: string): Promise<Candidacy[]> {
  return sql<Candidacy[]>`select account_id, statement, created_at from gov_candidacies where election_id = ${electionId} order by created_at, account_id`;
}

/** Admins, and members of a body with the `elections` power over the body's scope, organise elections. */
async function requireOrganiser(sql: Db, actor: { accountId: string; role: string | null }, scopeId: string): Promise<void> {
  if (actor.role === "owner" || actor.role === "admin") return;
  const bodies = await bodiesWithPower(sql, "elections", scopeId);
  const [seat] = await sql`select 1 from gov_body_members where account_id = ${actor.accountId} and left_at is null and body_id = any(${bodies}::bigint[])`;
  if (!seat) throw forbidden("You may not organise elections for this body");
}

/** Calls an election for a body filled by election; candidacies open at once. */
export async function callElection(sql: Db, actor: { accountId: string; role: string | null }, bodyId: string, input: { seats: number | null; method: ElectionMethod }): Promise<Election> {
  const body = await requireBody(sql, bodyId);
  await requireOrganiser(sql, actor, body.scopeId);
  if (body.filling !== "election") throw unprocessable(`Seats of this body are filled by ${body.filling}`);
  const seats = input.seats ?? body.seats;
  if (seats === null || (body.seats !== null && seats > body.seats)) throw unprocessable("seats must be between 1 and the body's seats");
  const [row] = await sql<Election[]>`
    insert into gov_elections (body_id, created_by, seats, method) values (${body.id}, ${actor.accountId}, ${seats}, ${input.method}) returning *`;
  return row!;
}

/** A member stands as a candidate while candidacies are open. */
export async function stand(sql: Db, election: Election, accountId: string, statement: string): Promise<void> {
  if (election.kind !== "election" || election.state !== "candidacy") throw unprocessable("Candidacies are closed");
  if (!(await isMember(sql, accountId))) throw unprocessable("Only members of the cooperative can stand");
  const inserted = await sql`insert into gov_candidacies (election_id, account_id, statement) values (${election.id}, ${accountId}, ${statement}) on conflict do nothing returning 1`;
  if (inserted.length === 0) throw unprocessable("You are already a candidate");
}

/** Withdraws a candidacy while candidacies are open. */
export async function withdrawCandidacy(sql: Db, election: Election, accountId: string): Promise<void> {
  if (election.state !== "candidacy") throw unprocessable("Candidacies are closed");
  const removed = await sql`delete from gov_candidacies where election_id = ${election.id} and account_id = ${accountId} returning 1`;
  if (removed.length === 0) throw notFound("You are not a candidate");
}

function methodConfig(method: ElectionMethod, options: string[], seats: number): Record<string, unknown> {
  if (method === "majority") return { options };
  if (method === "score") return { options, seats, min: 0, max: 5 };
  if (method === "schulze" || method === "irv") return { options };
  return { options, seats };
}

/** Closes candidacies and opens the vote until `closesAt` (as a proposal its thread announces). */
export async function openElection(ctx: AppContext, actor: { accountId: string; role: string | null }, election: Election, closesAt: Date): Promise<Election> {
  const body = await requireBody(ctx.sql, election.bodyId);
  await requireOrganiser(ctx.sql, actor, body.scopeId);
  if (election.state !== "candidacy") throw unprocessable("The vote of this election is already open");
  const candidates = (await candidaciesOf(ctx.sql, election.id)).map((c) => c.accountId);
  if (candidates.length < election.seats) throw unprocessable(`At least ${election.seats} candidates are needed`);
  return startElectionVote(ctx, election, {
    title: `Election: ${body.name} (${election.seats} seat${election.seats === 1 ? "" : "s"})`,
    text: `Candidates, by account id: ${candidates.join(", ")}.`,
    method: election.method, config: methodConfig(election.method, candidates, election.seats), scopeId: body.scopeId,
  }, closesAt);
}

/** Starts a recall vote on a seated member (admins or organisers), open until `closesAt`. */
export async function callRecall(ctx: AppContext, actor: { accountId: string; role: string | null }, bodyId: string, accountId: string, closesAt: Date): Promise<Election> {
  const body = await requireBody(ctx.sql, bodyId);
  await requireOrganiser(ctx.sql, actor, body.scopeId);
  if (closesAt.getTime() <= Date.now()) throw unprocessable("closes_at must be in the future");
  const [seat] = await ctx.sql`select 1 from gov_body_members where body_id = ${body.id} and account_id = ${accountId} and left_at is null`;
  if (!seat) throw unprocessable("This account holds no seat in the body");
  const [row] = await ctx.sql<Election[]>`
    insert into gov_elections (body_id, created_by, kind, seats, method, recall_account_id)
    values (${body.id}, ${actor.accountId}, 'recall', 1, 'majority', ${accountId}) returning *`;
  return startElectionVote(ctx, row!, {
    title: `Recall from ${body.name}`, text: `Shall account ${accountId} be recalled from ${body.name}?`,
    method: "majority", config: { options: ["recall", "keep"] }, scopeId: body.scopeId,
  }, closesAt);
}

async function startElectionVote(ctx: AppContext, election: Election, vote: { title: string; text: string; method: string; config: Record<string, unknown>; scopeId: string }, closesAt: Date): Promise<Election> {
  if (closesAt.getTime() <= Date.now()) throw unprocessable("closes_at must be in the future");
  const proposal = await ctx.sql.begin(async (tx) => {
    const created = await createProposal(tx, election.createdBy, {
      scopeId: vote.scopeId, bodyId: null, title: vote.title, text: vote.text, method: vote.method, methodConfig: vote.config,
      participation: "direct", discussSpheres: ["inner", "outer", "ecosystem"], decideSpheres: ["inner"], secret: election.kind === "election", delegateCap: null,
    });
    await tx`update gov_elections set state = 'voting', proposal_id = ${created.id} where id = ${election.id}`;
    return created;
  });
  await openVote(ctx, await startDeliberation(ctx, proposal), null, closesAt);
  return requireElection(ctx.sql, election.id);
}

/** At the close of an election's vote: seat the winners in the free seats, or end a recalled seat. Idempotent. */
export async function finishElection(ctx: AppContext, proposalId: string): Promise<void> {
  await ctx.sql.begin(async (tx) => {
    const [found] = await tx<{ id: string }[]>`select id from gov_elections where proposal_id = ${proposalId} for update`;
    if (!found) return;
    const election = await requireElection(tx, found.id);
    if (election.state !== "voting") return;
    const proposal = await requireProposal(tx, proposalId);
    const winners = (proposal.result?.winners as string[] | undefined) ?? [];
    let elected: string[] = [];
    if (election.kind === "recall") {
      if (winners[0] === "recall") await unseatMember(tx, election.bodyId, election.recallAccountId!, "recalled");
    } else {
      // Seats whose term has run out are freed first; winners then fill the free seats in order of election.
      await tx`update gov_body_members set left_at = now(), left_reason = 'term ended'
        where body_id = ${election.bodyId} and left_at is null and term_ends_at <= now()`;
      const [body] = await tx<{ seats: number | null; taken: number }[]>`
        select b.seats, (select count(*)::int from gov_body_members m where m.body_id = b.id and m.left_at is null) as taken
        from gov_bodies b where b.id = ${election.bodyId}`;
      const free = Math.min(election.seats, body!.seats === null ? election.seats : body!.seats - body!.taken);
      elected = winners.slice(0, Math.max(free, 0));
      for (const accountId of elected) {
        const [seated] = await tx`select 1 from gov_body_members where body_id = ${election.bodyId} and account_id = ${accountId} and left_at is null`;
        if (seated) await unseatMember(tx, election.bodyId, accountId, "re-elected");
        await seatMember(tx, election.bodyId, accountId);
      }
    }
    await tx`update gov_elections set state = 'closed', elected = ${elected}::bigint[] where id = ${election.id}`;
  });
}
