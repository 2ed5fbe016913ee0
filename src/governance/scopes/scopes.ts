/**
 * Scopes: nodes of the geographic tree (global → continent → country → region → zone →
 * locality) and of the functional tree (areas and sub-areas). The global root, continents,
 * ISO 3166 countries and the first areas are seeded by migration 0140; admins add the rest.
 */
import type { Db } from "../../db/database.ts";
import { notFound, unprocessable } from "../../lib/errors.ts";

export type ScopeTree = "geographic" | "functional";
export type ScopeLevel = "global" | "continent" | "country" | "region" | "zone" | "locality" | "area";

export interface Scope {
  id: string;
  tree: ScopeTree;
  level: ScopeLevel;
  code: string;
  name: string;
  parentId: string | null;
}

/** Geographic levels in order; a child is always at a deeper level than its parent. */
const GEOGRAPHIC: ScopeLevel[] = ["global", "continent", "country", "region", "zone", "locality"];
/** Levels that admins may add (the upper geographic levels come from ISO 3166). */
const ADDABLE: ScopeLevel[] = ["region", "zone", "locality", "area"];

const columns = (sql: Db) => sql`id, tree, level, code, name, parent_id`;

/** One scope, or null. */
export async function findScope(sql: Db, id: string): Promise<Scope | null> {
  const [row] = await sql<Scope[]>`select ${columns(sql)} from gov_scopes where id = ${id}`;
  return row ?? null;
}

/** One scope, or a 404. */
export async function requireScope(sql: Db, id: string): Promise<Scope> {
  const scope = await findScope(sql, id);
  if (!scope) throw notFound("Scope not found");
  return scope;
}

/** Scopes of a tree, children of `parentId` (roots when null), by name. */
export async function listScopes(sql: Db, filter: { tree?: ScopeTree; parentId?: string | null }): Promise<Scope[]> {
  return sql<Scope[]>`
    select ${columns(sql)} from gov_scopes
    where true ${filter.tree ? sql`and tree = ${filter.tree}` : sql``}
      ${filter.parentId === undefined ? sql`` : filter.parentId === null ? sql`and parent_id is null` : sql`and parent_id = ${filter.parentId}`}
    order by name, id`;
}

/** A scope and its ancestors, broadest first (the path delegation resolves along). */
export async function scopePath(sql: Db, id: string): Promise<Scope[]> {
  const rows = await sql<(Scope & { depth: number })[]>`
    with recursive up as (
      select ${columns(sql)}, 0 as depth from gov_scopes where id = ${id}
      union all
      select s.id, s.tree, s.level, s.code, s.name, s.parent_id, up.depth + 1 from gov_scopes s join up on s.id = up.parent_id)
    select * from up order by depth desc`;
  return rows.map(({ depth: _depth, ...scope }) => scope);
}

export interface NewScope {
  level: ScopeLevel;
  code: string;
  name: string;
  parentId: string | null;
}

/** Adds a region, zone or locality under a geographic scope, or an area (top-level or under an area). */
export async function createScope(sql: Db, input: NewScope): Promise<Scope> {
  if (!ADDABLE.includes(input.level)) throw unprocessable(`Only ${ADDABLE.join(", ")} scopes can be added`);
  const parent = input.parentId ? await findScope(sql, input.parentId) : null;
  if (input.parentId && !parent) throw unprocessable("Parent scope not found");
  let tree: ScopeTree;
  if (input.level === "area") {
    if (parent && parent.tree !== "functional") throw unprocessable("An area belongs under another area or at the top of the functional tree");
    tree = "functional";
  } else {
    if (!parent || parent.tree !== "geographic") throw unprocessable("A geographic scope needs a geographic parent");
    if (GEOGRAPHIC.indexOf(input.level) <= GEOGRAPHIC.indexOf(parent.level) || GEOGRAPHIC.indexOf(parent.level) < GEOGRAPHIC.indexOf("country")) {
      throw unprocessable(`A ${input.level} cannot be placed under a ${parent.level}`);
    }
    tree = "geographic";
  }
  const [row] = await sql<Scope[]>`
    insert into gov_scopes (tree, level, code, name, parent_id) values (${tree}, ${input.level}, ${input.code}, ${input.name}, ${input.parentId})
    on conflict (tree, code) do nothing returning ${columns(sql)}`;
  if (!row) throw unprocessable(`Code ${input.code} is already taken in the ${tree} tree`);
  return row;
}

/** The scopes an account declared as its home. */
export async function homeScopes(sql: Db, accountId: string): Promise<Scope[]> {
  return sql<Scope[]>`
    select s.id, s.tree, s.level, s.code, s.name, s.parent_id from gov_home_scopes h join gov_scopes s on s.id = h.scope_id
    where h.account_id = ${accountId} order by s.tree, s.name`;
}

/** Replaces an account's home scopes (every id must exist, or nothing changes). */
export async function setHomeScopes(sql: Db, accountId: string, scopeIds: string[]): Promise<Scope[]> {
  const ids = [...new Set(scopeIds)];
  const [found] = await sql<{ n: number }[]>`select count(*)::int as n from gov_scopes where id = any(${ids}::bigint[])`;
  if (found!.n !== ids.length) throw unprocessable("Unknown scope");
  await sql`delete from gov_home_scopes where account_id = ${accountId} and scope_id <> all(${ids}::bigint[])`;
  await sql`insert into gov_home_scopes (account_id, scope_id) select ${accountId}, unnest(${ids}::bigint[]) on conflict do nothing`;
  return homeScopes(sql, accountId);
}
