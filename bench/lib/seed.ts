import type { Sql } from "../../src/db/database.ts";
import { issueToken } from "../../src/oauth/tokens.ts";
import { createApp } from "../../src/oauth/apps.ts";

export interface SeedOptions {
  accounts: number;
  statuses: number;
  followsPerAccount: number;
  /** Accounts that get a user and a token (the bench's readers). */
  readers: number;
}

export interface Seeded {
  readerTokens: string[];
  readerAccountIds: string[];
  /** Token of account #0, which every other account follows (the fan-out test). */
  celebrityToken: string;
  celebrityAccountId: string;
}

/**
 * Seeds a synthetic instance with set-based SQL: accounts, follows (each account follows the
 * next `followsPerAccount` accounts, and everyone follows account #0), public statuses spread
 * over 30 days, and materialised home feeds for the reader accounts.
 */
export async function seed(sql: Sql, o: SeedOptions, origin: string): Promise<Seeded> {
  await sql`
    insert into accounts (username, display_name, uri, url, created_at)
    select 'user' || i, 'User ' || i, ${origin} || '/users/user' || i, ${origin} || '/@user' || i, now() - interval '60 days'
    from generate_series(0, ${o.accounts - 1}) i`;
  await sql`create temporary table seed_ids as select id, row_number() over (order by id) - 1 as n from accounts where domain is null`;
  await sql`create index on seed_ids (n)`;
  await sql`
    insert into follows (account_id, target_account_id)
    select a.id, b.id from seed_ids a
    cross join generate_series(1, ${o.followsPerAccount}) k
    join seed_ids b on b.n = (a.n + k) % ${o.accounts}
    on conflict do nothing`;
  await sql`
    insert into follows (account_id, target_account_id)
    select a.id, (select id from seed_ids where n = 0) from seed_ids a where a.n > 0
    on conflict do nothing`;
  await sql`
    insert into statuses (id, account_id, uri, text, content, visibility, created_at)
    select stoa_id(t), a.id, ${origin} || '/statuses/seed' || i, 'Seeded status ' || i, '<p>Seeded status ' || i || '</p>', 'public', t
    from generate_series(1, ${o.statuses}) i
    cross join lateral (select now() - interval '30 days' + (i * interval '30 days' / ${o.statuses}) as t) ts
    join seed_ids a on a.n = i % ${o.accounts}`;
  await sql`
    update accounts set followers_count = c.n from (select target_account_id, count(*)::int n from follows group by 1) c
    where accounts.id = c.target_account_id`;
  await sql`update accounts set following_count = c.n from (select account_id, count(*)::int n from follows group by 1) c where accounts.id = c.account_id`;
  await sql`update accounts set statuses_count = c.n from (select account_id, count(*)::int n from statuses group by 1) c where accounts.id = c.account_id`;

  const readers = await sql<{ id: string; n: string }[]>`select id, n from seed_ids where n <= ${o.readers} order by n`;
  const app = await createApp(sql, { name: "bench", website: null, redirectUris: ["urn:ietf:wg:oauth:2.0:oob"], scopes: ["read", "write"] });
  const tokens: string[] = [];
  for (const r of readers) {
    const [user] = await sql<{ id: string }[]>`
      insert into users (account_id, email, password_hash) values (${r.id}, ${`user${r.n}@bench.test`}, 'x') returning id`;
    tokens.push((await issueToken(sql, { appId: app.id, userId: user!.id, scopes: ["read", "write"] })).accessToken);
  }
  // Home feeds of the readers, as fan-out would have built them (the 800 newest, as Mastodon keeps).
  await sql`
    insert into home_feed (account_id, status_id)
    select r.account_id, s.id from (select account_id from follows where account_id = any(${readers.map((r) => r.id)}::bigint[]) group by 1) r
    cross join lateral (
      select s.id from statuses s join follows f on f.target_account_id = s.account_id
      where f.account_id = r.account_id order by s.id desc limit 800) s
    on conflict do nothing`;
  await sql`analyze`;
  return {
    readerTokens: tokens.slice(1),
    readerAccountIds: readers.slice(1).map((r) => r.id),
    celebrityToken: tokens[0]!,
    celebrityAccountId: readers[0]!.id,
  };
}
