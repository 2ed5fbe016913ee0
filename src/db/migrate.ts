import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Sql } from "./database.ts";
import { logger } from "../log.ts";

const migrationsDir = fileURLToPath(new URL("./migrations/", import.meta.url));
/** Arbitrary constant: serialises migrations across processes starting together. */
const MIGRATION_LOCK = 7_301_001;
const log = logger("db", "migrate");

/**
 * Applies, in order, every forward-only migration (`NNNN_name.sql`) not applied yet.
 * Each file runs in its own transaction under an advisory lock, so concurrent starts are safe.
 */
export async function migrate(sql: Sql): Promise<string[]> {
  const files = (await readdir(migrationsDir)).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    await tx`create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())`;
    const done = new Set((await tx<{ version: string }[]>`select version from schema_migrations`).map((r) => r.version));
    for (const file of files) {
      const version = file.slice(0, -4);
      if (done.has(version)) continue;
      const text = await readFile(migrationsDir + file, "utf8");
      await tx.savepoint(async (sp) => {
        await sp.unsafe(text);
        await sp`insert into schema_migrations (version) values (${version})`;
      });
      log.info("Applied migration {version}", { version });
      applied.push(version);
    }
  });
  return applied;
}
