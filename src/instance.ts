import type { Hono } from "hono";
import type { Config } from "./config.ts";
import type { AppContext } from "./context.ts";
import { openDatabase, type Database } from "./db/database.ts";
import { migrate } from "./db/migrate.ts";
import { JobRunner } from "./jobs/queue.ts";
import { EventBus } from "./jobs/events.ts";
import { registerJobHandlers } from "./jobs/handlers.ts";
import { MemoryPubSub, PostgresPubSub, type PubSub } from "./lib/pubsub.ts";
import { RedisPubSub, watched } from "./lib/redis-pubsub.ts";
import { sha256 } from "./lib/crypto.ts";
import { Redis } from "ioredis";
import { MemoryRateLimitStore, type RateLimitStore } from "./api/http/rate-limit.ts";
import { RedisRateLimitStore } from "./api/http/redis-rate-limit.ts";
import { createApp } from "./app.ts";
import { DiskStorage } from "./media/storage.ts";
import path from "node:path";
import type { Env } from "./api/http/env.ts";

/** A composed instance: context, HTTP app, and how to shut it down. */
export interface Instance {
  readonly ctx: AppContext;
  readonly app: Hono<Env>;
  close(): Promise<void>;
}

/**
 * Builds an instance on an opened database: migrates, wires the queue, pub/sub and the app.
 * With REDIS_URL, events and rate limits go through Redis; without it, `pubsub: "memory"`
 * suits a single process, and otherwise events cross processes via PostgreSQL.
 */
export async function composeInstance(config: Config, database: Database, options: { pubsub?: "memory" | "postgres" } = {}): Promise<Instance> {
  await migrate(database.sql);
  const redis = config.redisUrl ? watched(new Redis(config.redisUrl, { maxRetriesPerRequest: 3 })) : undefined;
  const namespace = redisNamespace(database.url);
  const pubsub: PubSub = config.redisUrl ? new RedisPubSub(config.redisUrl, namespace)
    : options.pubsub === "memory" || config.role === "all" && options.pubsub !== "postgres" ? new MemoryPubSub()
    : new PostgresPubSub(database.sql);
  const rateLimitStore: RateLimitStore = redis ? new RedisRateLimitStore(redis, namespace) : new MemoryRateLimitStore();
  const jobs = new JobRunner(database.sql);
  const ctx: AppContext = { config, sql: database.sql, jobs, events: new EventBus(jobs), pubsub, storage: new DiskStorage(path.join(config.dataDir, "media")) };
  registerJobHandlers(ctx);
  const app = createApp(ctx, rateLimitStore);
  return {
    ctx,
    app,
    async close() {
      await ctx.jobs.stop();
      await pubsub.close();
      await redis?.quit();
      await database.close();
    },
  };
}

/** Opens the configured database (embedded by default) and composes the instance on it. */
export async function openInstance(config: Config): Promise<Instance> {
  const database = await openDatabase(config);
  try {
    return await composeInstance(config, database);
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * Redis key and channel prefix: processes on the same database are one instance and share it;
 * instances (or test databases) sharing one Redis never meet.
 */
export function redisNamespace(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `stoa:${sha256(`${url.host}${url.pathname}`).slice(0, 16)}:`;
}
