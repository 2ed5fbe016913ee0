/**
 * Sortition: a body's free seats are drawn among current members of the cooperative who do
 * not sit in it, reproducibly from a published seed: candidates are ordered by
 * sha256(seed + ":" + account id) (hex, ascending) and the first ones take the free seats.
 * Anyone with the seed and the member list can redo the draw.
 */
import { createHash } from "node:crypto";
import type { Db } from "../../db/database.ts";
import { unprocessable } from "../../lib/errors.ts";
import { seatMember, type Body, type Seat } from "./bodies.ts";

/** The draw order of `candidates` for `seed` (pure: what anyone recomputes). */
export function drawOrder(seed: string, candidates: readonly string[]): string[] {
  const key = (id: string) => createHash("sha256").update(`${seed}:${id}`).digest("hex");
  return candidates.map((id) => [key(id), id] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, id]) => id);
}

/** Fills the free seats of a sortition body by lot (in the caller's transaction). */
export async function fillBySortition(sql: Db, body: Body, seed: string): Promise<{ candidates: number; seats: Seat[] }> {
  if (body.filling !== "sortition") throw unprocessable(`Seats of this body are filled by ${body.filling}`);
  await sql`select 1 from gov_bodies where id = ${body.id} for update`;
  const [taken] = await sql<{ n: number }[]>`select count(*)::int as n from gov_body_members where body_id = ${body.id} and left_at is null`;
  const free = (body.seats ?? 0) - taken!.n;
  if (free <= 0) throw unprocessable("Every seat of this body is taken");
  const rows = await sql<{ accountId: string }[]>`
    select m.account_id from gov_memberships m join accounts a on a.id = m.account_id
    where m.status = 'member' and a.suspended_at is null
      and not exists (select 1 from gov_body_members bm where bm.body_id = ${body.id} and bm.account_id = m.account_id and bm.left_at is null)`;
  const drawn = drawOrder(seed, rows.map((r) => r.accountId)).slice(0, free);
  const seats: Seat[] = [];
  for (const accountId of drawn) seats.push(await seatMember(sql, body.id, accountId));
  return { candidates: rows.length, seats };
}
