import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { createUser, json, startTestInstance, type TestInstance } from "../support/instance.ts";
import { createApp } from "../../src/oauth/apps.ts";
import { issueToken } from "../../src/oauth/tokens.ts";

const REDIRECT = "https://client.example/callback";

describe("OAuth apps, authorization and accounts", () => {
  let stoa: TestInstance;
  before(async () => {
    stoa = await startTestInstance();
  });
  after(() => stoa.close());

  async function registerApp(scopes = "read write follow") {
    return json(await stoa.request("/api/v1/apps", { form: { client_name: "Test client", redirect_uris: REDIRECT, scopes, website: "https://client.example" } }));
  }

  async function appToken(app: { client_id: string; client_secret: string }) {
    return json(await stoa.request("/oauth/token", { form: { grant_type: "client_credentials", client_id: app.client_id, client_secret: app.client_secret, scope: "read write" } }));
  }

  it("registers an app and verifies its credentials with a client token", async () => {
    const app = await registerApp();
    assert.equal(app.name, "Test client");
    assert.deepEqual(app.scopes, ["read", "write", "follow"]);
    assert.deepEqual(app.redirect_uris, [REDIRECT]);
    assert.ok(app.client_id && app.client_secret);
    const token = await appToken(app);
    assert.equal(token.token_type, "Bearer");
    assert.equal(token.refresh_token, undefined, "client credentials get no refresh token");
    const verified = await json(await stoa.request("/api/v1/apps/verify_credentials", { token: token.access_token }));
    assert.equal(verified.name, "Test client");
    assert.equal(verified.client_secret, undefined);
  });

  it("rejects invalid app registrations with 422", async () => {
    const missingName = await stoa.request("/api/v1/apps", { json: { redirect_uris: REDIRECT } });
    assert.equal(missingName.status, 422);
    assert.match((await missingName.json()).error, /client_name/);
    const badScope = await stoa.request("/api/v1/apps", { json: { client_name: "x", redirect_uris: REDIRECT, scopes: "read destroy" } });
    assert.equal(badScope.status, 422);
    const badUri = await stoa.request("/api/v1/apps", { json: { client_name: "x", redirect_uris: "javascript:alert(1)" } });
    assert.equal(badUri.status, 422);
  });

  it("registers an account, makes the first one the owner, and refuses duplicates", async () => {
    const app = await registerApp();
    const token = await appToken(app);
    const created = await json(await stoa.request("/api/v1/accounts", {
      token: token.access_token,
      json: { username: "ada", email: "ada@example.test", password: "analytical engine", agreement: true, locale: "en" },
    }));
    const me = await json(await stoa.request("/api/v1/accounts/verify_credentials", { token: created.access_token }));
    assert.equal(me.username, "ada");
    assert.equal(me.acct, "ada");
    assert.equal(me.url, "http://stoa.test/@ada");
    assert.equal(me.role.name, "owner");
    assert.equal(me.source.privacy, "public");

    const again = await stoa.request("/api/v1/accounts", {
      token: token.access_token,
      json: { username: "ADA", email: "other@example.test", password: "analytical engine", agreement: true },
    });
    assert.equal(again.status, 422);
    const body = await again.json();
    assert.equal(body.details.username[0].error, "ERR_TAKEN");

    const noAgreement = await stoa.request("/api/v1/accounts", {
      token: token.access_token,
      json: { username: "bob", email: "bob@example.test", password: "analytical engine", agreement: false },
    });
    assert.equal(noAgreement.status, 422);
    const count = await stoa.ctx.sql`select count(*)::int as n from accounts where username = 'bob'`;
    assert.equal(count[0]!.n, 0, "a refused registration changes nothing");
  });

  it("runs the authorization code flow with PKCE through the login and consent pages", async () => {
    const app = await registerApp();
    const verifier = randomBytes(32).toString("base64url");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const query = new URLSearchParams({ response_type: "code", client_id: app.client_id, redirect_uri: REDIRECT, scope: "read write", state: "xyz", code_challenge: challenge, code_challenge_method: "S256" });
    const loginPage = await stoa.request(`/oauth/authorize?${query}`);
    assert.equal(loginPage.status, 200);
    assert.match(await loginPage.text(), /Log in to continue/);

    const fields = Object.fromEntries(query);
    const wrong = await stoa.request("/oauth/authorize", { form: { ...fields, decision: "login", login: "ada", password: "nope" } });
    assert.equal(wrong.status, 401);

    const consent = await stoa.request("/oauth/authorize", { form: { ...fields, decision: "login", login: "ada@example.test", password: "analytical engine" } });
    assert.equal(consent.status, 200);
    const cookie = consent.headers.get("set-cookie")!.split(";")[0]!;
    const csrf = (await consent.text()).match(/name="csrf" value="([^"]+)"/)![1]!;

    const forged = await stoa.request("/oauth/authorize", { form: { ...fields, decision: "approve", csrf: "forged" }, headers: { cookie } });
    assert.equal(forged.status, 403);

    const approved = await stoa.request("/oauth/authorize", { form: { ...fields, decision: "approve", csrf }, headers: { cookie } });
    assert.equal(approved.status, 302);
    const location = new URL(approved.headers.get("location")!);
    assert.equal(location.origin + location.pathname, REDIRECT);
    assert.equal(location.searchParams.get("state"), "xyz");
    const code = location.searchParams.get("code")!;

    const badVerifier = await stoa.request("/oauth/token", { form: { grant_type: "authorization_code", client_id: app.client_id, redirect_uri: REDIRECT, code, code_verifier: randomBytes(32).toString("base64url") } });
    assert.equal(badVerifier.status, 400, "a wrong verifier fails…");
    // …and burns the code, as codes are single-use: start again for the happy path.
    const approved2 = await stoa.request("/oauth/authorize", { form: { ...fields, decision: "approve", csrf }, headers: { cookie } });
    const code2 = new URL(approved2.headers.get("location")!).searchParams.get("code")!;
    const token = await json(await stoa.request("/oauth/token", { form: { grant_type: "authorization_code", client_id: app.client_id, redirect_uri: REDIRECT, code: code2, code_verifier: verifier } }));
    assert.equal(token.scope, "read write");
    assert.ok(token.refresh_token);
    const replay = await stoa.request("/oauth/token", { form: { grant_type: "authorization_code", client_id: app.client_id, redirect_uri: REDIRECT, code: code2, code_verifier: verifier } });
    assert.equal(replay.status, 400, "codes are single-use");

    const me = await json(await stoa.request("/api/v1/accounts/verify_credentials", { token: token.access_token }));
    assert.equal(me.username, "ada");

    const refreshed = await json(await stoa.request("/oauth/token", { form: { grant_type: "refresh_token", client_id: app.client_id, client_secret: app.client_secret, refresh_token: token.refresh_token } }));
    assert.notEqual(refreshed.access_token, token.access_token);
    assert.equal((await stoa.request("/api/v1/accounts/verify_credentials", { token: token.access_token })).status, 401, "the refreshed-away token is revoked");

    await json(await stoa.request("/oauth/revoke", { form: { client_id: app.client_id, client_secret: app.client_secret, token: refreshed.access_token } }));
    const revoked = await stoa.request("/api/v1/accounts/verify_credentials", { token: refreshed.access_token });
    assert.equal(revoked.status, 401);
    assert.deepEqual(await revoked.json(), { error: "The access token is invalid" });
  });

  it("enforces scopes and refuses unknown redirect URIs", async () => {
    const app = await registerApp("read");
    const token = await json(await stoa.request("/oauth/token", { form: { grant_type: "password", client_id: app.client_id, client_secret: app.client_secret, username: "ada", password: "analytical engine", scope: "read" } }));
    assert.equal((await stoa.request("/api/v1/accounts/verify_credentials", { token: token.access_token })).status, 200);
    const tooWide = await stoa.request("/oauth/token", { form: { grant_type: "password", client_id: app.client_id, client_secret: app.client_secret, username: "ada", password: "analytical engine", scope: "write" } });
    assert.equal(tooWide.status, 400);
    const page = await stoa.request(`/oauth/authorize?response_type=code&client_id=${app.client_id}&redirect_uri=${encodeURIComponent("https://evil.example/")}`);
    assert.equal(page.status, 400);
  });

  it("tells apps with the profile scope who logged in (/oauth/userinfo)", async () => {
    const olga = await createUser(stoa, "olga");
    assert.equal((await stoa.request("/oauth/userinfo", { token: olga.token })).status, 403, "read/write/follow/push do not grant profile");
    const app = await createApp(stoa.ctx.sql, { name: "Login only", website: null, redirectUris: [REDIRECT], scopes: ["profile"] });
    const token = await issueToken(stoa.ctx.sql, { appId: app.id, userId: olga.userId, scopes: ["profile"] });
    const claims = await json(await stoa.request("/oauth/userinfo", { token: token.accessToken }));
    assert.equal(claims.preferred_username, "olga");
    assert.equal(claims.sub, claims.profile);
    assert.match(claims.sub, /olga/);
    const metadata = await json(await stoa.request("/.well-known/oauth-authorization-server"));
    assert.equal(metadata.userinfo_endpoint, "http://stoa.test/oauth/userinfo");
  });

  it("answers malformed bodies with 400, not 500", async () => {
    const res = await stoa.request("/api/v1/apps", { method: "POST", body: "{not json", headers: { "content-type": "application/json" } });
    assert.equal(res.status, 400);
    assert.ok((await res.json()).error);
  });
});
