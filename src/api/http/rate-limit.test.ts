import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Hono } from "hono";
import { ApiError } from "../../lib/errors.ts";
import { MemoryRateLimitStore, rateLimit } from "./rate-limit.ts";
import type { Env } from "./env.ts";

function app(now: () => number) {
  const a = new Hono<Env>();
  a.use("*", rateLimit(new MemoryRateLimitStore(), { name: "t", limit: 2, windowMs: 1000 }, now));
  a.get("/", (c) => c.text("ok"));
  a.onError((e, c) => (e instanceof ApiError ? c.json({ error: e.message }, e.status) : c.text("boom", 500)));
  return a;
}

describe("rate limits", () => {
  it("counts per token, reports headers, answers 429 past the limit, and resets with the window", async () => {
    let t = 0;
    const a = app(() => t);
    const as = (token: string) => a.request("/", { headers: { authorization: `Bearer ${token}` } });
    const first = await as("one");
    assert.equal(first.headers.get("x-ratelimit-limit"), "2");
    assert.equal(first.headers.get("x-ratelimit-remaining"), "1");
    assert.equal((await as("one")).status, 200);
    const third = await as("one");
    assert.equal(third.status, 429);
    assert.deepEqual(await third.json(), { error: "Too many requests" });
    assert.equal((await as("two")).status, 200, "another token has its own budget");
    t = 1000;
    assert.equal((await as("one")).status, 200, "a new window starts afresh");
  });
});
