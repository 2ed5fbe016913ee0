import type { Db } from "../db/database.ts";

/** An `accounts` row as the domain reads it (secrets excluded). */
export interface AccountRow {
  id: string;
  username: string;
  domain: string | null;
  displayName: string;
  note: string;
  noteHtml: string;
  fields: { name: string; value: string; valueHtml?: string; verifiedAt?: string | null }[];
  locked: boolean;
  bot: boolean;
  discoverable: boolean;
  indexable: boolean;
  hideCollections: boolean;
  avatarFileKey: string | null;
  headerFileKey: string | null;
  avatarRemoteUrl: string | null;
  headerRemoteUrl: string | null;
  uri: string | null;
  url: string | null;
  inboxUrl: string | null;
  sharedInboxUrl: string | null;
  movedToAccountId: string | null;
  alsoKnownAs: string[];
  suspendedAt: Date | null;
  silencedAt: Date | null;
  memorial: boolean;
  statusesCount: number;
  followersCount: number;
  followingCount: number;
  lastStatusAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Columns of AccountRow, for `select ${accountColumns(sql)} from accounts`. */
export function accountColumns(db: Db, table = "accounts") {
  const t = db(table);
  return db`${t}.id, ${t}.username, ${t}.domain, ${t}.display_name, ${t}.note, ${t}.note_html, ${t}.fields,
    ${t}.locked, ${t}.bot, ${t}.discoverable, ${t}.indexable, ${t}.hide_collections,
    ${t}.avatar_file_key, ${t}.header_file_key, ${t}.avatar_remote_url, ${t}.header_remote_url,
    ${t}.uri, ${t}.url, ${t}.inbox_url, ${t}.shared_inbox_url, ${t}.moved_to_account_id, ${t}.also_known_as,
    ${t}.suspended_at, ${t}.silenced_at, ${t}.memorial, ${t}.statuses_count, ${t}.followers_count,
    ${t}.following_count, ${t}.last_status_at, ${t}.created_at, ${t}.updated_at`;
}

/** Loads one account by id, or null. */
export async function findAccount(db: Db, id: string): Promise<AccountRow | null> {
  const [row] = await db<AccountRow[]>`select ${accountColumns(db)} from accounts where id = ${id}`;
  return row ?? null;
}

/** Loads accounts by id, keyed by id. */
export async function findAccounts(db: Db, ids: readonly string[]): Promise<Map<string, AccountRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db<AccountRow[]>`select ${accountColumns(db)} from accounts where id = any(${[...new Set(ids)]}::bigint[])`;
  return new Map(rows.map((r) => [r.id, r]));
}

/** Finds an account by `username` (local) or `username@domain`; `localDomain` counts as local. */
export async function findAccountByAcct(db: Db, acct: string, localDomain: string): Promise<AccountRow | null> {
  const [username, rawDomain] = acct.replace(/^@/, "").split("@");
  if (!username) return null;
  const domain = rawDomain && rawDomain.toLowerCase() !== localDomain.toLowerCase() ? rawDomain : null;
  const [row] = domain
    ? await db<AccountRow[]>`select ${accountColumns(db)} from accounts where lower(username) = lower(${username}) and lower(domain) = lower(${domain})`
    : await db<AccountRow[]>`select ${accountColumns(db)} from accounts where lower(username) = lower(${username}) and domain is null`;
  return row ?? null;
}
