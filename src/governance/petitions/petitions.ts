/**
 * Petitions: anyone in the signing spheres signs once; when signatures reach the threshold the
 * petition becomes a draft proposal of its author, with the counting settings chosen up front.
 */
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/database.ts";
import { notFound, unprocessable } from "../../lib/errors.ts";
import { inSpheres, type Sphere } from "../membership/membership.ts";
import { checkMethodConfig, createProposal } from "../proposals/proposals.ts";

export interface Petition {
  id: string;
  authorId: string;
  scopeId: string;
  title: string;
  text: string;
  method: string;
  methodConfig: Record<string, unknown>;
  signSpheres: Sphere[];
  threshold: number;
  signaturesCount: number;
  state: "open" | "succeeded" | "withdrawn";
  proposalId: string | null;
  createdAt: Date;
  succeededAt: Date | null;
}

// method_config is read as text: postgres.camel would rename keys inside it.
const columns = (sql: Db) => sql`id, author_id, scope_id, title, text, method, method_config::text as method_config, sign_spheres, threshold,
  signatures_count, state, proposal_id, created_at, succeeded_at`;
const parse = (row: Omit<Petition, "methodConfig"> & { methodConfig: string }): Petition => ({ ...row, methodConfig: JSON.parse(row.methodConfig) });

/** A petition, or a 404. */
export async function requirePetition(sql: Db, id: string, lock = false): Promise<Petition> {
  const [row] = await sql<(Omit<Petition, "methodConfig"> & { methodConfig: string })[]>`
    select ${columns(sql)} from gov_petitions where id = ${id} ${lock ? sql`for update` : sql``}`;
  if (!row) throw notFound("Petition not found");
  return parse(row);
}

/** Petitions, newest first, optionally in one state. */
export async function listPetitions(sql: Db, state: Petition["state"] | undefined, limit: number, maxId: string | null): Promise<Petition[]> {
  const rows = await sql<(Omit<Petition, "methodConfig"> & { methodConfig: string })[]>`
    select ${columns(sql)} from gov_petitions where true ${state ? sql`and state = ${state}` : sql``} ${maxId ? sql`and id < ${maxId}` : sql``}
    order by id desc limit ${limit}`;
  return rows.map(parse);
}

export interface NewPetition {
  scopeId: string;
  title: string;
  text: string;
  method: string;
  methodConfig: Record<string, unknown>;
  signSpheres: Sphere[];
  threshold: number;
}

/** Opens a petition (its counting settings are checked now, so success always yields a valid proposal). */
export async function createPetition(sql: Db, authorId: string, input: NewPetition): Promise<Petition> {
  const config = checkMethodConfig(input.method, input.methodConfig);
  const [scope] = await sql`select 1 from gov_scopes where id = ${input.scopeId}`;
  if (!scope) throw unprocessable("Unknown scope");
  const [row] = await sql<{ id: string }[]>`
    insert into gov_petitions (author_id, scope_id, title, text, method, method_config, sign_spheres, threshold)
    values (${authorId}, ${input.scopeId}, ${input.title}, ${input.text}, ${input.method}, ${JSON.stringify(config)}::text::jsonb,
      ${input.signSpheres}, ${input.threshold})
    returning id`;
  return requirePetition(sql, row!.id);
}

/** Signs; the signature that reaches the threshold turns the petition into a draft proposal. */
export async function signPetition(ctx: AppContext, petitionId: string, accountId: string): Promise<Petition> {
  return ctx.sql.begin(async (tx) => {
    // The row lock orders signatures, so exactly one of them crosses the threshold.
    const petition = await requirePetition(tx, petitionId, true);
    if (petition.state !== "open") throw unprocessable("This petition is no longer collecting signatures");
    const [allowed] = await tx`select 1 from accounts a where a.id = ${accountId} and (${inSpheres(tx, "a", petition.signSpheres)})`;
    if (!allowed) throw unprocessable("Your sphere cannot sign this petition");
    const inserted = await tx`insert into gov_petition_signatures (petition_id, account_id) values (${petitionId}, ${accountId}) on conflict do nothing returning 1`;
    if (inserted.length === 0) throw unprocessable("You have already signed this petition");
    const [counted] = await tx<{ signaturesCount: number }[]>`
      update gov_petitions set signatures_count = signatures_count + 1 where id = ${petitionId} returning signatures_count`;
    if (counted!.signaturesCount >= petition.threshold) {
      const proposal = await createProposal(tx, petition.authorId, {
        scopeId: petition.scopeId, bodyId: null, title: petition.title, text: petition.text, method: petition.method,
        methodConfig: petition.methodConfig, participation: "direct", discussSpheres: ["inner", "outer", "ecosystem"],
        decideSpheres: ["inner"], secret: false, delegateCap: null,
      });
      await tx`update gov_petitions set state = 'succeeded', succeeded_at = now(), proposal_id = ${proposal.id} where id = ${petitionId}`;
      await ctx.events.emit(tx, "governance.petition.succeeded", { petitionId, proposalId: proposal.id });
    }
    return requirePetition(tx, petitionId);
  });
}

/** Withdraws a signature while the petition is open. */
export async function unsignPetition(sql: Db, petitionId: string, accountId: string): Promise<Petition> {
  const petition = await requirePetition(sql, petitionId, true);
  if (petition.state !== "open") throw unprocessable("This petition is no longer collecting signatures");
  const removed = await sql`delete from gov_petition_signatures where petition_id = ${petitionId} and account_id = ${accountId} returning 1`;
  if (removed.length === 0) throw notFound("You have not signed this petition");
  await sql`update gov_petitions set signatures_count = signatures_count - 1 where id = ${petitionId}`;
  return requirePetition(sql, petitionId);
}
