/**
 * Bodies: organs of the cooperative (board, assembly, councils, audit) with a scope, seats,
 * a filling method, a term and powers. Seats are rows with seated_at/left_at, so the history
 * of who sat where stays public.
 */
import type { Db } from "../../db/database.ts";
import { forbidden, notFound, unprocessable } from "../../lib/errors.ts";
import { isId } from "../../lib/ids.ts";

export type BodyKind = "top-level" | "intermediate" | "auditory";
export type Filling = "election" | "appointment" | "sortition" | "open";

export interface Body {
  id: string;
  slug: string;
  name: string;
  kind: BodyKind;
  scopeId: string;
  seats: number | null;
  filling: Filling;
  termDays: number | null;
  description: string;
  createdAt: Date;
}

export interface Power {
  power: string;
  scopeId: string;
}

export interface Seat {
  id: string;
  accountId: string;
  seatedAt: Date;
  termEndsAt: Date | null;
  leftAt: Date | null;
  leftReason: string | null;
}

/** Current members' account ids of a body. */
export async function membersOfBody(sql: Db, bodyId: string): Promise<string[]> {
  const rows = await sql<{ accountId: string }[]>`select account_id from gov_body_members where body_id = ${bodyId} and left_at is null order by seated_at, id`;
  return rows.map((r) => r.accountId);
}

/** Ids of bodies holding `power` in `scopeId` (a power held in a scope covers all below it); any scope when omitted. */
export async function bodiesWithPower(sql: Db, power: string, scopeId?: string): Promise<string[]> {
  const rows = scopeId === undefined
    ? await sql<{ bodyId: string }[]>`select distinct body_id from gov_body_powers where power = ${power} order by body_id`
    : await sql<{ bodyId: string }[]>`
        with recursive up as (
          select id, parent_id from gov_scopes where id = ${scopeId}
          union all select s.id, s.parent_id from gov_scopes s join up on s.id = up.parent_id)
        select distinct body_id from gov_body_powers where power = ${power} and scope_id in (select id from up) order by body_id`;
  return rows.map((r) => r.bodyId);
}

/** Every body: top-level, then intermediate, then auditory; by name within a kind. */
export async function listBodies(sql: Db): Promise<Body[]> {
  return sql<Body[]>`select * from gov_bodies order by array_position(array['top-level', 'intermediate', 'auditory'], kind), name, id`;
}

/** A body by id or slug, or a 404. */
export async function requireBody(sql: Db, idOrSlug: string): Promise<Body> {
  if (/^\d+$/.test(idOrSlug) && !isId(idOrSlug)) throw notFound("Body not found");
  const [row] = /^\d+$/.test(idOrSlug)
    ? await sql<Body[]>`select * from gov_bodies where id = ${idOrSlug}`
    : await sql<Body[]>`select * from gov_bodies where slug = ${idOrSlug}`;
  if (!row) throw notFound("Body not found");
  return row;
}

/** A body's powers. */
export async function powersOf(sql: Db, bodyId: string): Promise<Power[]> {
  return sql<Power[]>`select power, scope_id from gov_body_powers where body_id = ${bodyId} order by power, scope_id`;
}

/** Seats of a body, current first then past, newest first within each. */
export async function seatsOf(sql: Db, bodyId: string, includePast: boolean): Promise<Seat[]> {
  return sql<Seat[]>`
    select id, account_id, seated_at, term_ends_at, left_at, left_reason from gov_body_members
    where body_id = ${bodyId} ${includePast ? sql`` : sql`and left_at is null`}
    order by left_at is not null, id desc`;
}

export interface NewBody {
  slug: string;
  name: string;
  kind: BodyKind;
  scopeId: string;
  seats: number | null;
  filling: Filling;
  termDays: number | null;
  description: string;
  powers: Power[];
}

/** Constitutes a body with its powers (in the caller's transaction). */
export async function createBody(sql: Db, input: NewBody): Promise<Body> {
  const scopeIds = [...new Set([input.scopeId, ...input.powers.map((p) => p.scopeId)])];
  const [found] = await sql<{ n: number }[]>`select count(*)::int as n from gov_scopes where id = any(${scopeIds}::bigint[])`;
  if (found!.n !== scopeIds.length) throw unprocessable("Unknown scope");
  if (input.filling === "open" && input.seats !== null) throw unprocessable("An open body has no fixed number of seats");
  const [body] = await sql<Body[]>`
    insert into gov_bodies (slug, name, kind, scope_id, seats, filling, term_days, description)
    values (${input.slug}, ${input.name}, ${input.kind}, ${input.scopeId}, ${input.seats}, ${input.filling}, ${input.termDays}, ${input.description})
    on conflict (slug) do nothing returning *`;
  if (!body) throw unprocessable(`Slug ${input.slug} is already taken`);
  for (const p of input.powers) await sql`insert into gov_body_powers (body_id, power, scope_id) values (${body.id}, ${p.power}, ${p.scopeId}) on conflict do nothing`;
  return body;
}

/** Seats an account in a body for one term, when a seat is free. Serialised per body by a row lock. */
export async function seatMember(sql: Db, bodyId: string, accountId: string): Promise<Seat> {
  const [body] = await sql<Body[]>`select * from gov_bodies where id = ${bodyId} for update`;
  if (!body) throw notFound("Body not found");
  const [account] = await sql`select 1 from accounts where id = ${accountId}`;
  if (!account) throw unprocessable("Unknown account");
  const [taken] = await sql<{ n: number }[]>`select count(*)::int as n from gov_body_members where body_id = ${bodyId} and left_at is null`;
  if (body.seats !== null && taken!.n >= body.seats) throw unprocessable("Every seat of this body is taken");
  const [seat] = await sql<Seat[]>`
    insert into gov_body_members (body_id, account_id, term_ends_at)
    values (${bodyId}, ${accountId}, ${body.termDays === null ? null : sql`now() + make_interval(days => ${body.termDays})`})
    on conflict do nothing returning id, account_id, seated_at, term_ends_at, left_at, left_reason`;
  if (!seat) throw unprocessable("Already seated in this body");
  return seat;
}

/** Ends a current seat (resignation, recall, end of term); the row stays as history. */
export async function unseatMember(sql: Db, bodyId: string, accountId: string, reason: string): Promise<void> {
  const rows = await sql`update gov_body_members set left_at = now(), left_reason = ${reason} where body_id = ${bodyId} and account_id = ${accountId} and left_at is null`;
  if (rows.count === 0) throw notFound("Not seated in this body");
}

/** Open bodies take any member who joins; other filling methods go through admins, elections or sortition. */
export function checkSelfJoin(body: Body, member: boolean): void {
  if (body.filling !== "open") throw forbidden(`Seats of this body are filled by ${body.filling}`);
  if (!member) throw forbidden("Only members of the cooperative can join");
}
