/**
 * Home feed cap: what trimming costs per feed (over the cap, and at it), hence per post at
 * one trim in TRIM_EVERY per recipient; and how fast a page past the cap is read from follows.
 * Needs DATABASE_URL (an admin URL): creates and drops its own database.
 */
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { connect } from "../src/db/database.ts";
import { migrate } from "../src/db/migrate.ts";
import { HOME_FEED_LIMIT, TRIM_EVERY, trimHomeFeeds } from "../src/timelines/home-cap.ts";
import { olderHomeStatuses } from "../src/timelines/home-fallback.ts";

const FEEDS = 1_000;
const AUTHORS = 50;
const POSTS_PER_AUTHOR = 20;
const admin = process.env.DATABASE_URL;
if (!admin) throw new Error("Set DATABASE_URL to a PostgreSQL server (admin URL).");
const name = `stoa_bench_cap_${Date.now().toString(36)}`;
const server = postgres(admin, { max: 1, onnotice: () => {} });
await server.unsafe(`create database ${name}`);
const url = new URL(admin);
url.pathname = `/${name}`;
const sql = connect(url.toString(), { max: 4 });
try {
  await migrate(sql);
  const entries = HOME_FEED_LIMIT + 50;
  await sql`insert into accounts (username) select 'u' || g from generate_series(1, ${FEEDS + AUTHORS}) g`;
  const accounts = (await sql<{ id: string }[]>`select id from accounts order by id`).map((r) => r.id);
  const [readers, authors] = [accounts.slice(0, FEEDS), accounts.slice(FEEDS)];
  await sql`insert into statuses (id, account_id, content)
    select stoa_id(now() - interval '10 days' + g * interval '1 second'), ${authors[0]!}, 'x' from generate_series(1, ${entries}) g`;
  // Older posts by the followed authors: what a page past the cap reads.
  await sql`insert into statuses (id, account_id, content)
    select stoa_id(now() - interval '20 days' + (a.n * ${POSTS_PER_AUTHOR} + g) * interval '1 second'), a.id, 'old'
    from unnest(${authors}::bigint[]) with ordinality as a(id, n), generate_series(1, ${POSTS_PER_AUTHOR}) g`;
  await sql`insert into follows (account_id, target_account_id) select r, a from unnest(${readers}::bigint[]) r, unnest(${authors}::bigint[]) a`;
  await sql`insert into home_feed (account_id, status_id) select r, s.id from unnest(${readers}::bigint[]) r, statuses s where s.account_id = ${authors[0]!}`;
  await sql`vacuum analyze home_feed`;
  await sql`vacuum analyze statuses`;

  const [counted] = await sql<{ entries: number }[]>`select count(*)::int / ${FEEDS} as entries from home_feed`;
  const before = counted!.entries;
  let start = performance.now();
  const removed = await trimHomeFeeds(sql, readers);
  const overCap = performance.now() - start;
  start = performance.now();
  await trimHomeFeeds(sql, readers);
  const atCap = performance.now() - start;
  const perFeed = atCap / FEEDS;
  process.stdout.write(`trim ${FEEDS} feeds of ${before} entries: ${overCap.toFixed(0)} ms (${removed} removed); at the cap: ${atCap.toFixed(0)} ms ` +
    `(${perFeed.toFixed(3)} ms a feed → about ${((perFeed * 10_000) / TRIM_EVERY).toFixed(0)} ms per post to 10k followers at 1 in ${TRIM_EVERY})\n`);

  const [oldest] = await sql<{ id: string }[]>`select min(status_id)::text as id from home_feed where account_id = ${readers[0]!}`;
  const times: number[] = [];
  for (const reader of readers.slice(0, 200)) {
    start = performance.now();
    const page = await olderHomeStatuses(sql, reader, oldest!.id, null, 20);
    times.push(performance.now() - start);
    if (page.length !== 20) throw new Error(`expected a full page past the cap, got ${page.length}`);
  }
  times.sort((a, b) => a - b);
  process.stdout.write(`page of 20 past the cap, following ${AUTHORS} accounts: p50 ${times[100]!.toFixed(2)} ms, p99 ${times[197]!.toFixed(2)} ms\n`);
} finally {
  await sql.end({ timeout: 5 });
  await server.unsafe(`drop database if exists ${name} with (force)`);
  await server.end();
}
