import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { loadConfig, type Config } from "../../src/config.ts";
import { connect, type Database } from "../../src/db/database.ts";
import { composeInstance, type Instance } from "../../src/instance.ts";
import { registerUser } from "../../src/accounts/registration.ts";
import { issueToken } from "../../src/oauth/tokens.ts";
import { createApp as createOAuthApp } from "../../src/oauth/apps.ts";
import { checkResponse } from "./openapi.ts";

/** The admin connection URL that `npm test` (test/run.ts) provides. */
export function adminUrl(): string {
  const url = process.env.STOA_TEST_ADMIN_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error("Run the tests with `npm test` (it provides a PostgreSQL server), or set DATABASE_URL.");
  return url;
}

/** Creates a fresh, empty database on the test server and returns its URL and a dropper. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `stoa_t_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = postgres(adminUrl(), { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export interface TestInstance extends Instance {
  /**
   * Sends a request to the app in-process (no socket). JSON responses are checked against
   * Mastodon's OpenAPI description; `openapi: false` skips that, only for deliberately bad input.
   */
  request(path: string, init?: RequestInit & { token?: string; json?: unknown; form?: Record<string, string>; openapi?: boolean }): Promise<Response>;
  /** Runs every due background job, including those that others enqueue. */
  drain(): Promise<number>;
}

/** Starts a complete instance on a fresh database. Call `close()` in `after`. */
export async function startTestInstance(env: Record<string, string> = {}): Promise<TestInstance> {
  const db = await createTestDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), "stoa-test-data-"));
  const config: Config = loadConfig({ STOA_ORIGIN: "http://stoa.test", STOA_LOG_LEVEL: "error", STOA_DATA_DIR: dataDir, ...env, DATABASE_URL: db.url });
  const sql = connect(db.url, { max: 5 });
  const database: Database = { sql, url: db.url, close: () => sql.end({ timeout: 5 }) };
  const instance = await composeInstance(config, database);
  return {
    ...instance,
    async close() {
      await instance.close();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
    drain: () => instance.ctx.jobs.drain(),
    async request(path, init = {}) {
      const headers = new Headers(init.headers);
      if (init.token) headers.set("authorization", `Bearer ${init.token}`);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set("content-type", "application/json");
        body = JSON.stringify(init.json);
      } else if (init.form) {
        headers.set("content-type", "application/x-www-form-urlencoded");
        body = new URLSearchParams(init.form).toString();
      }
      const method = init.method ?? (body !== undefined ? "POST" : "GET");
      const response = await instance.app.request(`${config.origin}${path}`, { ...init, method, headers, body });
      if (init.openapi !== false && response.headers.get("content-type")?.includes("application/json")) {
        checkResponse(method, path, response.status, await response.clone().json());
      }
      return response;
    },
  };
}

export interface TestUser {
  accountId: string;
  userId: string;
  username: string;
  token: string;
}

/** Registers a user directly through the domain and gives it a token with all scopes. */
export async function createUser(instance: TestInstance, username: string, options: { role?: "owner" | "admin" | "moderator" | "user" } = {}): Promise<TestUser> {
  const user = await registerUser(instance.ctx, {
    username, email: `${username}@example.test`, password: "correct horse battery", role: options.role, bypassMode: true,
  });
  const app = await createOAuthApp(instance.ctx.sql, { name: "test", website: null, redirectUris: ["urn:ietf:wg:oauth:2.0:oob"], scopes: ["read", "write", "follow", "push"] });
  const token = await issueToken(instance.ctx.sql, { appId: app.id, userId: user.userId, scopes: ["read", "write", "follow", "push"] });
  return { accountId: user.accountId, userId: user.userId, username, token: token.accessToken };
}

/** Parses a JSON response, asserting its status first for a readable failure. */
export async function json<T = any>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`expected HTTP ${status}, got ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}
