/**
 * Microblog benchmark: seeds a synthetic instance (default 10k accounts, 200k statuses,
 * 1M follows; `--scale 2` doubles it), starts Stoa as a separate process on it, and prints:
 * home timeline requests/s with p50/p99 at 50 connections; the same query run directly on
 * PostgreSQL and the ratio; statuses created/s including fan-out; time for one post to reach
 * 10k followers' home timelines; server RSS idle and under load.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { connect } from "../src/db/database.ts";
import { benchDatabase } from "./lib/database.ts";
import { migrate } from "../src/db/migrate.ts";
import { httpLoad, loopLoad } from "./lib/load.ts";
import { seed } from "./lib/seed.ts";

const { values } = parseArgs({ options: { scale: { type: "string", default: "1" }, seconds: { type: "string", default: "10" } } });
const scale = Number(values.scale);
const seconds = Number(values.seconds);
const accounts = Math.round(10_000 * scale);
const root = fileURLToPath(new URL("..", import.meta.url));
const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main() {
  const { url, stop } = await benchDatabase();
  const sql = connect(url, { max: 60 });
  const server: { child?: ChildProcess } = {};
  try {
    await migrate(sql);
    let t = performance.now();
    const port = 3900 + Math.floor(Math.random() * 90);
    const origin = `http://127.0.0.1:${port}`;
    const seeded = await seed(sql, { accounts, statuses: Math.round(200_000 * scale), followsPerAccount: 100, readers: 50 }, origin);
    console.log(`seeded ${fmt(accounts)} accounts, ${fmt(200_000 * scale)} statuses, ${fmt(accounts * 100 + accounts - 1)} follows in ${fmt((performance.now() - t) / 1000, 1)} s`);

    server.child = await startStoa(url, port);
    await new Promise((r) => setTimeout(r, 2000));
    const idleRss = await rssOf(server.child.pid!);
    console.log(`server RSS idle: ${fmt(idleRss / 2 ** 20)} MB`);

    const homeUrl = `${origin}/api/v1/timelines/home?limit=20`;
    await httpLoad({ url: homeUrl, tokens: seeded.readerTokens, connections: 10, seconds: 2 }); // warm-up
    const http = await httpLoad({ url: homeUrl, tokens: seeded.readerTokens, connections: 50, seconds });
    const loadRss = await rssOf(server.child.pid!);
    console.log(`home timeline over HTTP: ${fmt(http.perSecond)} req/s, p50 ${fmt(http.p50, 1)} ms, p99 ${fmt(http.p99, 1)} ms, errors ${http.errors}`);
    console.log(`server RSS under load: ${fmt(loadRss / 2 ** 20)} MB`);

    const ids = seeded.readerAccountIds;
    const direct = await loopLoad({
      concurrency: 50,
      seconds,
      task: async (i) => {
        await sql`
          select s.* from home_feed h join statuses s on s.id = h.status_id
          where h.account_id = ${ids[i % ids.length]!} and s.deleted_at is null
          order by h.status_id desc limit 20`;
      },
    });
    console.log(`home timeline query direct on PostgreSQL: ${fmt(direct.perSecond)} q/s, p50 ${fmt(direct.p50, 1)} ms, p99 ${fmt(direct.p99, 1)} ms`);
    console.log(`ratio HTTP / direct: ${fmt(http.perSecond / direct.perSecond, 2)}`);

    t = performance.now();
    const posts = 200;
    await Promise.all(Array.from({ length: 10 }, async (_, w) => {
      for (let i = w; i < posts; i += 10) await post(origin, seeded.readerTokens[i % seeded.readerTokens.length]!, `Bench post ${i}`);
    }));
    await waitForQueue(sql);
    const createSeconds = (performance.now() - t) / 1000;
    console.log(`statuses created incl. fan-out (~101 followers each): ${fmt(posts / createSeconds, 1)} /s`);

    t = performance.now();
    const id = await post(origin, seeded.celebrityToken, "A post for everyone");
    for (;;) {
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from home_feed where status_id = ${id}`;
      if (row!.n >= accounts || performance.now() - t > 60_000) {
        console.log(`fan-out of one post to ${fmt(row!.n)} home timelines: ${fmt((performance.now() - t) / 1000, 2)} s`);
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    server.child?.kill("SIGTERM");
    await sql.end();
    await stop();
  }
}

async function post(origin: string, token: string, status: string): Promise<string> {
  const res = await fetch(`${origin}/api/v1/statuses`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ status }),
  });
  if (res.status !== 200) throw new Error(`post failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

async function waitForQueue(sql: postgres.Sql<Record<string, never>>) {
  for (let i = 0; i < 6000; i++) {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from jobs where failed_at is null and run_at <= now()`;
    if (row!.n === 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(status.match(/VmRSS:\s+(\d+)/)![1]) * 1024;
}

async function startStoa(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(root, "src/main.ts"), "start"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), STOA_ORIGIN: `http://127.0.0.1:${port}`, STOA_LOG_LEVEL: "warning", STOA_RATE_LIMITS: "off" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("Stoa did not start");
}

await main();
