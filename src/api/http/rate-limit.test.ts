import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Hono } from "hono";
import { ApiError } from "../../lib/errors.ts";
import { clientAddress, MASTODON_RULES, MemoryRateLimitStore, rateLimit, throttleableAddress, type RateLimitRule } from "./rate-limit.ts";
import type { Env } from "./env.ts";

function app(now: () => number, rules: readonly RateLimitRule[]) {
  const a = new Hono<Env>();
  a.use("*", rateLimit(new MemoryRateLimitStore(), rules, now));
  a.all("*", (c) => c.text("ok"));
  a.onError((e, c) => (e instanceof ApiError ? c.json({ error: e.message }, e.status) : c.text("boom", 500)));
  return a;
}

const everything: RateLimitRule = { name: "t", limit: 2, windowMs: 1000, per: "caller", matches: () => true };

describe("rate limits", () => {
  it("counts per token, reports headers, answers 429 past the limit, and resets with the window", async () => {
    let t = 0;
    const a = app(() => t, [everything]);
    const as = (token: string) => a.request("/", { headers: { authorization: `Bearer ${token}` } });
    const first = await as("one");
    assert.equal(first.headers.get("x-ratelimit-limit"), "2");
    assert.equal(first.headers.get("x-ratelimit-remaining"), "1");
    assert.equal(first.headers.get("x-ratelimit-reset"), new Date(1000).toISOString());
    assert.equal((await as("one")).status, 200);
    const third = await as("one");
    assert.equal(third.status, 429);
    assert.deepEqual(await third.json(), { error: "Too many requests" });
    assert.equal((await as("two")).status, 200, "another token has its own budget");
    t = 1000;
    assert.equal((await as("one")).status, 200, "a new window starts afresh");
  });

  it("reports the most limited of the matching rules, and leaves unmatched paths alone", async () => {
    const a = app(() => 0, MASTODON_RULES);
    const upload = await a.request("/api/v2/media", { method: "POST", headers: { authorization: "Bearer x" } });
    assert.equal(upload.headers.get("x-ratelimit-limit"), "30");
    assert.equal(upload.headers.get("x-ratelimit-remaining"), "29");
    const read = await a.request("/api/v1/timelines/home", { headers: { authorization: "Bearer x" } });
    assert.equal(read.headers.get("x-ratelimit-limit"), "300");
    assert.equal(read.headers.get("x-ratelimit-remaining"), "298", "the upload counted against the general budget too");
    const page = await a.request("/about");
    assert.equal(page.headers.get("x-ratelimit-limit"), null);
  });

  it("serves unlimited, without headers, while the counter store fails", async () => {
    const a = new Hono<Env>();
    a.use("*", rateLimit({ hit: () => Promise.reject(new Error("Connection is closed.")) }, [everything]));
    a.get("/", (c) => c.text("ok"));
    const response = await a.request("/");
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("x-ratelimit-limit"), null);
  });

  it("applies each of Mastodon's endpoint rules to its requests only", () => {
    const rulesFor = (method: string, path: string) => MASTODON_RULES.filter((r) => r.matches(method, path)).map((r) => `${r.name} ${r.limit}/${r.windowMs / 60_000}m`);
    assert.deepEqual(rulesFor("POST", "/api/v1/media"), ["api 300/5m", "media 30/30m"]);
    assert.deepEqual(rulesFor("PUT", "/api/v1/media/12"), ["api 300/5m"]);
    assert.deepEqual(rulesFor("DELETE", "/api/v1/statuses/12"), ["api 300/5m", "delete 30/30m"]);
    assert.deepEqual(rulesFor("POST", "/api/v1/statuses/12/unreblog"), ["api 300/5m", "delete 30/30m"]);
    assert.deepEqual(rulesFor("POST", "/api/v1/statuses"), ["api 300/5m", "statuses 300/180m"]);
    assert.deepEqual(rulesFor("POST", "/api/v1/accounts/12/follow"), ["api 300/5m", "follows 400/1440m"]);
    assert.deepEqual(rulesFor("POST", "/api/v1/reports"), ["api 300/5m", "reports 400/1440m"]);
    assert.deepEqual(rulesFor("POST", "/api/v1/accounts"), ["api 300/5m", "sign_up 5/30m"]);
    assert.deepEqual(rulesFor("POST", "/oauth/token"), ["sign_in 25/5m"]);
    assert.deepEqual(rulesFor("GET", "/oauth/authorize"), []);
  });

  it("never limits the machine itself, and counts IPv6 clients by their /64", async () => {
    const a = app(() => 0, [{ ...everything, per: "address" }]);
    const from = (remoteAddress: string) => a.request("/", {}, { incoming: { socket: { remoteAddress } } });
    for (let i = 0; i < 3; i++) {
      const local = await from("127.0.0.1");
      assert.equal(local.status, 200);
      assert.equal(local.headers.get("x-ratelimit-limit"), null);
    }
    assert.equal((await from("2001:db8:1:2::10")).status, 200);
    assert.equal((await from("2001:db8:1:2:aa:bb:cc:dd")).status, 200);
    assert.equal((await from("2001:0db8:0001:0002::99")).status, 429, "the same /64");
    assert.equal((await from("2001:db8:1:3::10")).status, 200, "the next /64");
    assert.equal(throttleableAddress("::1:2:3:4:5"), "0:0:0:1::/64");
    assert.equal(throttleableAddress("203.0.113.9"), "203.0.113.9");
    const behindProxy = await a.request("/", { headers: { "x-forwarded-for": "198.51.100.4" } }, { incoming: { socket: { remoteAddress: "127.0.0.1" } } });
    assert.equal(behindProxy.headers.get("x-ratelimit-limit"), "2", "a client behind a local proxy is limited");
  });

  it("reads the client's address from X-Forwarded-For only behind a local or private proxy", async () => {
    const a = new Hono<Env>();
    a.get("/", (c) => c.text(clientAddress(c)));
    const from = async (remoteAddress: string, forwarded?: string) =>
      (await a.request("/", { headers: forwarded ? { "x-forwarded-for": forwarded } : {} }, { incoming: { socket: { remoteAddress } } })).text();
    assert.equal(await from("127.0.0.1", "203.0.113.9"), "203.0.113.9");
    assert.equal(await from("::ffff:10.0.0.2", "198.51.100.1, 203.0.113.9, 192.168.1.1"), "203.0.113.9", "the nearest untrusted hop");
    assert.equal(await from("fd00::2", "2001:db8::1"), "2001:db8::1");
    assert.equal(await from("198.51.100.7", "203.0.113.9"), "198.51.100.7", "a public peer cannot claim another address");
    assert.equal(await from("127.0.0.1"), "127.0.0.1");
    assert.equal(await from("172.32.0.1", "203.0.113.9"), "172.32.0.1", "172.32/16 is public");
  });

  it("counts sign-ups per address whatever the token", async () => {
    const a = app(() => 0, MASTODON_RULES);
    for (let i = 0; i < 5; i++) assert.equal((await a.request("/api/v1/accounts", { method: "POST", headers: { authorization: `Bearer app${i}` } })).status, 200);
    const sixth = await a.request("/api/v1/accounts", { method: "POST", headers: { authorization: "Bearer fresh" } });
    assert.equal(sixth.status, 429);
    assert.equal(sixth.headers.get("x-ratelimit-limit"), "5");
    assert.equal((await a.request("/api/v1/accounts/1", { headers: { authorization: "Bearer fresh" } })).status, 200, "reading accounts is not a sign-up");
  });
});
