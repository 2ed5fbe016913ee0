import type { Context, MiddlewareHandler } from "hono";
import { sha256 } from "../../lib/crypto.ts";
import { ApiError } from "../../lib/errors.ts";
import { bearerToken } from "./auth.ts";
import type { Env } from "./env.ts";

/** Counts hits per key in fixed windows. In-process now; a Redis store implements the same method for many processes. */
export interface RateLimitStore {
  hit(key: string, windowMs: number, now: number): { count: number; resetAt: number };
}

export class MemoryRateLimitStore implements RateLimitStore {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();

  hit(key: string, windowMs: number, now: number) {
    let w = this.#windows.get(key);
    if (!w || w.resetAt <= now) {
      if (this.#windows.size > 100_000) this.#sweep(now);
      w = { count: 0, resetAt: now + windowMs };
      this.#windows.set(key, w);
    }
    w.count++;
    return w;
  }

  #sweep(now: number) {
    for (const [k, w] of this.#windows) if (w.resetAt <= now) this.#windows.delete(k);
  }
}

export interface RateLimitRule {
  name: string;
  limit: number;
  windowMs: number;
}

/** Mastodon's published defaults: 300 requests per 5 minutes per token (or per IP without one). */
export const DEFAULT_RULE: RateLimitRule = { name: "api", limit: 300, windowMs: 5 * 60_000 };

/**
 * Limits requests per token (hashed), or per client address without one, and reports the
 * state in X-RateLimit-* headers; past the limit, 429 with Mastodon's error body.
 */
export function rateLimit(store: RateLimitStore, rule: RateLimitRule = DEFAULT_RULE, now: () => number = Date.now): MiddlewareHandler<Env> {
  return async (c, next) => {
    const token = bearerToken(c);
    const who = token ? `t:${sha256(token)}` : `ip:${clientAddress(c)}`;
    const t = now();
    const { count, resetAt } = store.hit(`${rule.name}:${who}`, rule.windowMs, t);
    c.header("X-RateLimit-Limit", String(rule.limit));
    c.header("X-RateLimit-Remaining", String(Math.max(rule.limit - count, 0)));
    c.header("X-RateLimit-Reset", new Date(resetAt).toISOString());
    if (count > rule.limit) throw new ApiError(429, "Too many requests");
    await next();
  };
}

function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? "unknown";
}
