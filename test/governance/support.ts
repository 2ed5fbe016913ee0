/** Shared fixtures of the governance tests: bulk voters, admission, and moving a vote's close to now. */
import { randomToken, sha256 } from "../../src/lib/crypto.ts";
import type { TestInstance } from "../support/instance.ts";

export interface Voter {
  accountId: string;
  token: string;
}

/**
 * Creates `n` local accounts with users and read/write tokens in a few statements (registering
 * them one by one would hash 1,000 passwords); `member` admits them to the cooperative.
 */
export async function bulkVoters(stoa: TestInstance, prefix: string, n: number, options: { member: boolean }): Promise<Voter[]> {
  const sql = stoa.ctx.sql;
  const names = Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  const accounts = await sql<{ id: string; username: string }[]>`
    insert into accounts (username) select unnest(${names}::text[]) returning id, username`;
  accounts.sort((a, b) => names.indexOf(a.username) - names.indexOf(b.username));
  const ids = accounts.map((a) => a.id);
  const users = await sql<{ id: string; accountId: string }[]>`
    insert into users (account_id, email, password_hash) select id, id || '@voters.test', 'x' from unnest(${ids}::bigint[]) as id
    returning id, account_id`;
  const userOf = new Map(users.map((u) => [u.accountId, u.id]));
  const tokens = ids.map(() => randomToken());
  await sql`
    insert into oauth_tokens (token_hash, user_id, scopes)
    select h, u, '{read,write}' from unnest(${tokens.map(sha256)}::text[], ${ids.map((id) => userOf.get(id)!)}::bigint[]) as t(h, u)`;
  if (options.member) await sql`insert into gov_memberships (account_id, status) select unnest(${ids}::bigint[]), 'member'`;
  return ids.map((accountId, i) => ({ accountId, token: tokens[i]! }));
}

/** Admits accounts to the cooperative directly. */
export async function admit(stoa: TestInstance, ...accountIds: string[]): Promise<void> {
  await stoa.ctx.sql`insert into gov_memberships (account_id, status) select unnest(${accountIds}::bigint[]), 'member'
    on conflict (account_id) do update set status = 'member'`;
}

/** Moves a vote's close time to now (time passing, without sleeping) and runs the close job. */
export async function closeNow(stoa: TestInstance, proposalId: string): Promise<void> {
  const sql = stoa.ctx.sql;
  await sql`update gov_proposals set closes_at = now() where id = ${proposalId}`;
  await sql`update jobs set run_at = now() where kind = 'governance.proposal.close' and payload->>'proposalId' = ${proposalId} and failed_at is null`;
  await stoa.drain();
}

/** The id of a seeded scope by tree and code. */
export async function scopeId(stoa: TestInstance, tree: "geographic" | "functional", code: string): Promise<string> {
  const [row] = await stoa.ctx.sql<{ id: string }[]>`select id from gov_scopes where tree = ${tree} and code = ${code}`;
  if (!row) throw new Error(`no scope ${tree}:${code}`);
  return row.id;
}
