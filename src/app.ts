import { Hono } from "hono";
import { cors } from "hono/cors";
import type { AppContext } from "./context.ts";
import { ApiError } from "./lib/errors.ts";
import { logger } from "./log.ts";
import type { Env } from "./api/http/env.ts";
import { mastodonRoutes } from "./api/mastodon/routes.ts";
import { stoaRoutes } from "./api/stoa/routes.ts";
import { webRoutes } from "./api/web/static.ts";
import { publicPageRoutes } from "./api/web/public-pages.ts";
import { MASTODON_RULES, MemoryRateLimitStore, rateLimit, tokenAccounts, type RateLimitStore } from "./api/http/rate-limit.ts";
import { federationBridge } from "./federation/bridge.ts";

const log = logger("http");

/** Composes the HTTP application from the adapters. Creating it has no side effects. */
export function createApp(ctx: AppContext, rateLimitStore: RateLimitStore = new MemoryRateLimitStore()): Hono<Env> {
  const app = new Hono<Env>();
  app.use("/api/*", cors({ origin: "*", exposeHeaders: ["Link", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"] }));
  app.use("/oauth/*", cors({ origin: "*" }));
  app.use("/.well-known/*", cors({ origin: "*" }));

  if (ctx.config.rateLimits) app.use("*", rateLimit(rateLimitStore, MASTODON_RULES, Date.now, tokenAccounts(ctx)));

  app.get("/health", async (c) => {
    await ctx.sql`select 1`;
    return c.text("OK");
  });
  app.get("/api/v1/streaming/health", (c) => c.text("OK"));
  app.use(federationBridge(ctx));
  app.route("/", mastodonRoutes(ctx));
  app.route("/", stoaRoutes(ctx));
  app.route("/", publicPageRoutes(ctx));
  app.route("/", webRoutes());

  app.notFound((c) => c.json({ error: "Record not found" }, 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) {
      const body: Record<string, unknown> = { error: error.message };
      if (error.description) body.error_description = error.description;
      if (error.details) body.details = error.details;
      return c.json(body, error.status);
    }
    if (isPayloadTooLarge(error)) return c.json({ error: "Payload too large" }, 413);
    log.error("Unhandled error on {method} {path}: {error}", { method: c.req.method, path: c.req.path, error });
    return c.json({ error: "Internal server error" }, 500);
  });
  return app;
}

function isPayloadTooLarge(error: unknown): boolean {
  return error instanceof Error && /body.*(too large|limit)/i.test(error.message);
}
