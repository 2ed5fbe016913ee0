import type { Db } from "../db/database.ts";

/** A page request in Mastodon's terms (ids of the collection's own rows). */
export interface Page {
  maxId: string | null;
  sinceId: string | null;
  minId: string | null;
  limit: number;
}

/** One entry of an account collection: the row id pages move by, and the account listed. */
export interface CollectionItem {
  pageId: string;
  accountId: string;
  /** When the entry lapses (mutes only). */
  expiresAt: Date | null;
}

/** The account lists of the social graph, each read from the owner's side. */
export type AccountCollection =
  | "followers" | "following" | "blocks" | "mutes" | "follow_requests" | "outgoing_follow_requests" | "endorsements";

const SOURCES: Record<AccountCollection, { table: string; owner: string; listed: string }> = {
  followers: { table: "follows", owner: "target_account_id", listed: "account_id" },
  following: { table: "follows", owner: "account_id", listed: "target_account_id" },
  blocks: { table: "blocks", owner: "account_id", listed: "target_account_id" },
  mutes: { table: "mutes", owner: "account_id", listed: "target_account_id" },
  follow_requests: { table: "follow_requests", owner: "target_account_id", listed: "account_id" },
  outgoing_follow_requests: { table: "follow_requests", owner: "account_id", listed: "target_account_id" },
  endorsements: { table: "endorsements", owner: "account_id", listed: "target_account_id" },
};

/**
 * A page of one of `ownerId`'s account collections, newest first, skipping suspended accounts
 * and lapsed mutes. Pages move by the collection's row ids, as Mastodon's Link headers do.
 */
export async function collectionPage(db: Db, ownerId: string, kind: AccountCollection, page: Page): Promise<CollectionItem[]> {
  const source = SOURCES[kind];
  const listed = db(`r.${source.listed}`);
  const expires = kind === "mutes" ? db`r.expires_at` : db`null::timestamptz`;
  const rows = await db<CollectionItem[]>`
    select r.id as page_id, ${listed} as account_id, ${expires} as expires_at
    from ${db(source.table)} r join accounts a on a.id = ${listed}
    where ${db(`r.${source.owner}`)} = ${ownerId} and a.suspended_at is null
      ${kind === "mutes" ? db`and (r.expires_at is null or r.expires_at > now())` : db``}
      ${page.maxId ? db`and r.id < ${page.maxId}` : db``}
      ${page.sinceId ? db`and r.id > ${page.sinceId}` : db``}
      ${page.minId ? db`and r.id > ${page.minId}` : db``}
    order by r.id ${page.minId ? db`asc` : db`desc`}
    limit ${page.limit}`;
  return page.minId ? rows.reverse() : rows;
}
