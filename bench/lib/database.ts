import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../src/db/database.ts";

/** A PostgreSQL server for a benchmark: a fresh database on DATABASE_URL, or a throwaway embedded one. */
export interface BenchDatabase {
  /** The benchmark's own database. */
  url: string;
  /** A connection URL with the right to create databases (for code that makes its own). */
  adminUrl: string;
  stop(): Promise<void>;
}

export async function benchDatabase(): Promise<BenchDatabase> {
  if (process.env.DATABASE_URL) {
    const name = `stoa_bench_${Date.now()}`;
    const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      adminUrl: process.env.DATABASE_URL,
      stop: async () => { await admin.unsafe(`drop database ${name} with (force)`); await admin.end(); },
    };
  }
  const dir = await mkdtemp(path.join(tmpdir(), "stoa-bench-"));
  const pg: EmbeddedServer = await startEmbeddedPostgres(path.join(dir, "pg"));
  return { url: pg.url, adminUrl: pg.url, stop: async () => { await pg.stop(); await rm(dir, { recursive: true, force: true }); } };
}
