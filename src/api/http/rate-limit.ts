import type { Context, MiddlewareHandler } from "hono";
import { sha256 } from "../../lib/crypto.ts";
import { ApiError } from "../../lib/errors.ts";
import type { AppContext } from "../../context.ts";
import { authenticate, bearerToken } from "./auth.ts";
import type { Env } from "./env.ts";
import { logger } from "../../log.ts";

const log = logger("http", "rate-limit");

/** Counts hits per key in fixed windows: in-process, or in Redis so that limits hold across processes. */
export interface RateLimitStore {
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>;
}

export class MemoryRateLimitStore implements RateLimitStore {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();

  async hit(key: string, windowMs: number, now: number) {
    let w = this.#windows.get(key);
    if (!w || w.resetAt <= now) {
      if (this.#windows.size > 100_000) this.#sweep(now);
      w = { count: 0, resetAt: now + windowMs };
      this.#windows.set(key, w);
    }
    w.count++;
    return { ...w };
  }

  #sweep(now: number) {
    for (const [k, w] of this.#windows) if (w.resetAt <= now) this.#windows.delete(k);
  }
}

export interface RateLimitRule {
  name: string;
  limit: number;
  windowMs: number;
  /**
   * Counted per token (per address without one); per account (several tokens of one user
   * share it; per token when the token names no user); or per client address whatever the token.
   */
  per: "caller" | "account" | "address";
  /** Which requests count against the rule. */
  matches(method: string, path: string): boolean;
}

const MINUTE = 60_000;
const isApi = (path: string) => path.startsWith("/api/");

/**
 * Mastodon's published limits: 300 API requests per 5 minutes per token (or per address
 * without one), and on top of that media uploads and deletions 30 per 30 minutes, new
 * statuses 300 per 3 hours, follows and reports 400 per day, sign-ups 5 per 30 minutes per
 * address, sign-in attempts 25 per 5 minutes per address.
 */
export const MASTODON_RULES: readonly RateLimitRule[] = [
  { name: "api", limit: 300, windowMs: 5 * MINUTE, per: "caller", matches: (_, path) => isApi(path) },
  { name: "media", limit: 30, windowMs: 30 * MINUTE, per: "account", matches: (method, path) => method === "POST" && /^\/api\/v[12]\/media\/?$/.test(path) },
  {
    name: "delete",
    limit: 30,
    windowMs: 30 * MINUTE,
    per: "account",
    matches: (method, path) => (method === "DELETE" && /^\/api\/v1\/statuses\/\d+\/?$/.test(path)) || (method === "POST" && /^\/api\/v1\/statuses\/\d+\/unreblog\/?$/.test(path)),
  },
  { name: "statuses", limit: 300, windowMs: 180 * MINUTE, per: "account", matches: (method, path) => method === "POST" && /^\/api\/v1\/statuses\/?$/.test(path) },
  { name: "follows", limit: 400, windowMs: 24 * 60 * MINUTE, per: "account", matches: (method, path) => method === "POST" && /^\/api\/v1\/accounts\/\d+\/follow\/?$/.test(path) },
  { name: "reports", limit: 400, windowMs: 24 * 60 * MINUTE, per: "account", matches: (method, path) => method === "POST" && /^\/api\/v1\/reports\/?$/.test(path) },
  { name: "sign_up", limit: 5, windowMs: 30 * MINUTE, per: "address", matches: (method, path) => method === "POST" && /^\/api\/v1\/accounts\/?$/.test(path) },
  { name: "sign_in", limit: 25, windowMs: 5 * MINUTE, per: "address", matches: (method, path) => method === "POST" && /^\/oauth\/(authorize|token)\/?$/.test(path) },
];

/**
 * Counts a request against every rule it matches and reports the most limited of them in
 * X-RateLimit-* headers (as Mastodon does); past any limit, 429 with Mastodon's error body.
 */
export function rateLimit(
  store: RateLimitStore,
  rules: readonly RateLimitRule[] = MASTODON_RULES,
  now: () => number = Date.now,
  accountOf: (token: string) => Promise<string | null> = async () => null,
): MiddlewareHandler<Env> {
  return async (c, next) => {
    const matching = rules.filter((r) => r.matches(c.req.method, c.req.path));
    const remote = clientAddress(c);
    // As Mastodon, requests from the machine itself are never limited.
    if (matching.length === 0 || LOOPBACK.has(remote)) return next();
    const token = bearerToken(c);
    const address = `ip:${throttleableAddress(remote)}`;
    const caller = token ? `t:${sha256(token)}` : address;
    const t = now();
    let states;
    try {
      // Only the few rules per account pay for looking the token's user up.
      const account = token && matching.some((r) => r.per === "account") ? await accountOf(token) : null;
      const keys = { caller, account: account ? `a:${account}` : caller, address };
      states = await Promise.all(matching.map(async (rule) => {
        const { count, resetAt } = await store.hit(`${rule.name}:${keys[rule.per]}`, rule.windowMs, t);
        return { rule, remaining: rule.limit - count, resetAt };
      }));
    } catch (error) {
      // A counter store that is down (Redis) must not take the API down with it: serve unlimited.
      log.warn("Rate limits not counted: {error}", { error });
      return next();
    }
    const tightest = states.reduce((a, b) => (b.remaining < a.remaining ? b : a));
    c.header("X-RateLimit-Limit", String(tightest.rule.limit));
    c.header("X-RateLimit-Remaining", String(Math.max(tightest.remaining, 0)));
    c.header("X-RateLimit-Reset", new Date(tightest.resetAt).toISOString());
    if (tightest.remaining < 0) throw new ApiError(429, "Too many requests");
    await next();
  };
}

/** Resolves a token to its user's account for the per-account rules (null for app tokens and unknown ones). */
export function tokenAccounts(ctx: AppContext): (token: string) => Promise<string | null> {
  return async (token) => (await authenticate(ctx, token))?.accountId ?? null;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/** An IPv6 client is counted by its /64 (one subscriber's network), as Mastodon does. */
export function throttleableAddress(address: string): string {
  if (!address.includes(":") || address.startsWith("::ffff:")) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "").toLowerCase()).join(":")}::/64`;
}

/**
 * The client's address: the socket's peer, or, when that peer is a proxy on this machine or
 * a private network (Rails's default trusted proxies, as Mastodon), the nearest address in
 * `X-Forwarded-For` that is not such a proxy.
 */
export function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const peer = incoming?.socket?.remoteAddress ?? "unknown";
  if (!isTrustedProxy(peer)) return peer;
  const forwarded = (c.req.header("x-forwarded-for") ?? "").split(",").map((a) => a.trim()).filter(Boolean);
  return forwarded.findLast((a) => !isTrustedProxy(a)) ?? forwarded[0] ?? peer;
}

function isTrustedProxy(address: string): boolean {
  const v4 = address.replace(/^::ffff:/i, "").match(/^(\d+)\.(\d+)\.\d+\.\d+$/);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  return address === "::1" || /^f[cd][0-9a-f]{0,2}:/i.test(address);
}
