/**
 * `npm test`: runs every test file with Node's test runner against a PostgreSQL server.
 * With DATABASE_URL set, that server is used (each test file creates and drops its own
 * database on it); otherwise a throwaway embedded PostgreSQL is started for the run.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedServer } from "../src/db/database.ts";

const defaultPatterns = ["src/**/*.test.ts", "test/**/*.test.ts", "web/src/**/*.test.ts"];

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const patterns = args.filter((a) => !a.startsWith("--"));
  const flags = args.filter((a) => a.startsWith("--"));
  let embedded: EmbeddedServer | undefined;
  let dir: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    dir = await mkdtemp(path.join(tmpdir(), "stoa-test-pg-"));
    embedded = await startEmbeddedPostgres(path.join(dir, "pg"));
    adminUrl = embedded.url;
    process.stdout.write(`# database: embedded PostgreSQL (${dir})\n`);
  } else {
    process.stdout.write(`# database: ${new URL(adminUrl).host} (DATABASE_URL)\n`);
  }
  try {
    return await runNodeTests(patterns.length ? patterns : defaultPatterns, flags, adminUrl);
  } finally {
    await embedded?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

function runNodeTests(patterns: string[], flags: string[], adminUrl: string): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, STOA_TEST_ADMIN_URL: adminUrl };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--test", "--test-concurrency=3", "--test-timeout=300000", ...flags, ...patterns], {
    stdio: "inherit",
    env,
  });
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

process.exitCode = await main();
