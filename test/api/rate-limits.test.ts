import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect } from "../../src/db/database.ts";
import { composeInstance, type Instance } from "../../src/instance.ts";
import { createApp as createOAuthApp } from "../../src/oauth/apps.ts";
import { issueToken } from "../../src/oauth/tokens.ts";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** A client app's token (client_credentials), as a sign-up form in an app would hold. */
async function appToken(stoa: Pick<TestInstance, "request">): Promise<string> {
  const app = await json(await stoa.request("/api/v1/apps", { json: { client_name: "signup", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write" } }));
  const token = await json(await stoa.request("/oauth/token", { form: { grant_type: "client_credentials", client_id: app.client_id, client_secret: app.client_secret, scope: "write" } }));
  return token.access_token;
}

const signUp = (stoa: Pick<TestInstance, "request">, token: string, n: number) => stoa.request("/api/v1/accounts", {
  token, json: { username: `new${n}`, email: `new${n}@example.test`, password: "correct horse battery", agreement: true, locale: "en" },
});

describe("per-endpoint rate limits (STOA_RATE_LIMITS=on)", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  before(async () => {
    stoa = await startTestInstance({ STOA_RATE_LIMITS: "on" });
    ada = await createUser(stoa, "ada");
  });
  after(() => stoa.close());

  it("allows 30 status deletions per 30 minutes, then answers 429 and deletes nothing", async () => {
    const ids = (await stoa.ctx.sql<{ id: string }[]>`
      insert into statuses (account_id, text, content, uri)
      select ${ada.accountId}, 'x', '<p>x</p>', 'http://stoa.test/x/' || g from generate_series(1, 31) g returning id`).map((r) => r.id);
    for (const [i, id] of ids.slice(0, 30).entries()) {
      const response = await stoa.request(`/api/v1/statuses/${id}`, { token: ada.token, method: "DELETE" });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("x-ratelimit-limit"), "30");
      assert.equal(response.headers.get("x-ratelimit-remaining"), String(29 - i));
    }
    const refused = await stoa.request(`/api/v1/statuses/${ids[30]}`, { token: ada.token, method: "DELETE" });
    assert.equal(refused.status, 429);
    assert.deepEqual(await refused.json(), { error: "Too many requests" });
    assert.ok(Date.parse(refused.headers.get("x-ratelimit-reset")!) > Date.now() + 25 * 60_000);
    const [left] = await stoa.ctx.sql`select deleted_at from statuses where id = ${ids[30]!}`;
    assert.equal(left!.deletedAt, null);
    const reading = await stoa.request("/api/v1/timelines/home", { token: ada.token });
    assert.equal(reading.status, 200, "other endpoints keep the general budget");
    assert.equal(reading.headers.get("x-ratelimit-limit"), "300");
  });

  it("allows an account 30 media uploads per 30 minutes whichever of its tokens, counting refused ones", async () => {
    const bob = await createUser(stoa, "bob");
    const app = await createOAuthApp(stoa.ctx.sql, { name: "second", website: null, redirectUris: ["urn:ietf:wg:oauth:2.0:oob"], scopes: ["write"] });
    const second = (await issueToken(stoa.ctx.sql, { appId: app.id, userId: bob.userId, scopes: ["write"] })).accessToken;
    for (let i = 0; i < 30; i++) {
      const token = i % 2 ? second : bob.token;
      assert.equal((await stoa.request("/api/v2/media", { token, json: { description: "no file" } })).status, 422);
    }
    const refused = await stoa.request("/api/v1/media", { token: bob.token, json: { description: "no file" } });
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get("x-ratelimit-remaining"), "0");
  });

  it("allows 25 sign-in attempts per 5 minutes from one address", async () => {
    const app = await json(await stoa.request("/api/v1/apps", { json: { client_name: "login", redirect_uris: "urn:ietf:wg:oauth:2.0:oob" } }));
    const attempt = () => stoa.request("/oauth/token", { form: { grant_type: "password", client_id: app.client_id, client_secret: app.client_secret, username: "ada", password: "guess" } });
    for (let i = 0; i < 25; i++) assert.equal((await attempt()).status, 400, `attempt ${i + 1} is judged`);
    const refused = await attempt();
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get("x-ratelimit-limit"), "25");
  });
});

describe("rate limits across processes (REDIS_URL)", () => {
  let first: TestInstance;
  let second: Instance;
  before(async () => {
    first = await startTestInstance({ STOA_RATE_LIMITS: "on", REDIS_URL });
    const sql = connect(first.ctx.config.databaseUrl!, { max: 2 });
    second = await composeInstance(first.ctx.config, { sql, url: first.ctx.config.databaseUrl!, close: () => sql.end({ timeout: 5 }) });
  });
  after(async () => {
    await second.close();
    await first.close();
  });

  it("counts sign-ups from one address against one budget of 5 per 30 minutes, whichever process serves them", async () => {
    const viaSecond = { request: (path: string, init: RequestInit & { token?: string; json?: unknown } = {}) =>
      Promise.resolve(second.app.request(`http://stoa.test${path}`, {
        method: "POST", headers: { authorization: `Bearer ${init.token}`, "content-type": "application/json" }, body: JSON.stringify(init.json),
      })) };
    const token = await appToken(first);
    for (let n = 0; n < 5; n++) await json(await signUp(n % 2 ? viaSecond : first, token, n));
    const refused = await signUp(viaSecond, token, 5);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get("x-ratelimit-limit"), "5");
    assert.equal((await signUp(first, token, 6)).status, 429);
    const [row] = await first.ctx.sql<{ n: number }[]>`select count(*)::int as n from accounts where username like 'new%'`;
    assert.equal(row!.n, 5, "refused sign-ups create nothing");
  });
});
