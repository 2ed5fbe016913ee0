import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";
import { issueToken } from "../../src/oauth/tokens.ts";

describe("instance extras", () => {
  let stoa: TestInstance;
  let owner: TestUser;
  let ada: TestUser;
  let adminToken: string;
  before(async () => {
    stoa = await startTestInstance();
    owner = await createUser(stoa, "founder");
    ada = await createUser(stoa, "ada");
    const [app] = await stoa.ctx.sql<{ id: string }[]>`select id from oauth_apps order by id limit 1`;
    adminToken = (await issueToken(stoa.ctx.sql, { appId: app!.id, userId: owner.userId, scopes: ["read", "write", "admin:read", "admin:write"] })).accessToken;
  });
  after(() => stoa.close());

  const admin = (path: string, body: Record<string, unknown>, method = "PATCH") =>
    stoa.request(`/api/stoa/v1/admin${path}`, { token: adminToken, method, json: body });

  it("reports 12 weeks of local activity, newest first", async () => {
    await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "hello" } }));
    await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "again" } }));
    await stoa.ctx.sql`insert into statuses (account_id, text, content, visibility, local, created_at)
      select ${ada.accountId}, 'old', '<p>old</p>', 'public', true, now() - interval '14 days'`;
    const weeks = await json(await stoa.request("/api/v1/instance/activity"));
    assert.equal(weeks.length, 12);
    const monday = new Date();
    monday.setUTCHours(0, 0, 0, 0);
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
    assert.deepEqual(weeks[0], { week: String(monday.getTime() / 1000), statuses: "2", logins: "2", registrations: "2" },
      "this week: two posts, two distinct users given tokens (the owner twice), two registrations");
    assert.equal(Number(weeks[0].week) - Number(weeks[1].week), 7 * 86400);
    assert.equal(weeks[2].statuses, "1", "a post two weeks ago counts in its week");
    assert.equal(weeks[11].statuses, "0");
  });

  it("lists known peers, leaving out suspended domains", async () => {
    await stoa.ctx.sql`insert into accounts (username, domain) values ('zed', 'remote.example'), ('yan', 'Other.example'), ('xi', 'bad.example')`;
    await stoa.ctx.sql`insert into domain_blocks (domain, severity) values ('bad.example', 'suspend')`;
    assert.deepEqual(await json(await stoa.request("/api/v1/instance/peers")), ["other.example", "remote.example"]);
  });

  it("shows domain blocks only as the setting allows, obfuscated where asked", async () => {
    await stoa.ctx.sql`insert into domain_blocks (domain, severity, public_comment, obfuscate) values
      ('spam.example', 'silence', 'spam', false), ('hidden-place.example', 'suspend', 'harassment', true), ('watch.example', 'noop', null, false)`;
    assert.equal((await stoa.request("/api/v1/instance/domain_blocks")).status, 404, "disabled by default");
    await json(await admin("/instance", { show_domain_blocks: "users", show_domain_blocks_rationale: "users" }));
    assert.equal((await stoa.request("/api/v1/instance/domain_blocks")).status, 401);
    const blocks = await json(await stoa.request("/api/v1/instance/domain_blocks", { token: ada.token }));
    assert.deepEqual(blocks.map((b: { domain: string }) => b.domain), ["bad.example", "hidden******.**ample", "spam.example"]);
    const hidden = blocks[1];
    assert.equal(hidden.digest, createHash("sha256").update("hidden-place.example").digest("hex"));
    assert.equal(hidden.severity, "suspend");
    assert.equal(hidden.comment, "harassment");
    await json(await admin("/instance", { show_domain_blocks: "all" }));
    const anonymous = await json(await stoa.request("/api/v1/instance/domain_blocks"));
    assert.equal(anonymous.length, 3);
    assert.equal(anonymous[2].comment, null, "rationale is for users only");
  });

  it("serves admin-written texts and refuses non-admins", async () => {
    const empty = await json(await stoa.request("/api/v1/instance/extended_description"));
    assert.deepEqual(empty, { updated_at: new Date(0).toISOString(), content: "" });
    assert.equal((await stoa.request("/api/stoa/v1/admin/instance", { token: ada.token, method: "PATCH", json: { privacy_policy: "x" } })).status, 403);
    const [app] = await stoa.ctx.sql<{ id: string }[]>`select id from oauth_apps order by id limit 1`;
    const adaAdminScoped = (await issueToken(stoa.ctx.sql, { appId: app!.id, userId: ada.userId, scopes: ["admin:write"] })).accessToken;
    assert.equal((await stoa.request("/api/stoa/v1/admin/instance", { token: adaAdminScoped, method: "PATCH", json: { privacy_policy: "x" } })).status, 403, "the role matters, not only the scope");
    assert.equal((await admin("/instance", { show_domain_blocks: "everyone" })).status, 422);

    const settings = await json(await admin("/instance", { privacy_policy: "We keep little.\n\nWe sell <nothing>.", extended_description: "About us" }));
    assert.equal(settings.privacy_policy, "We keep little.\n\nWe sell <nothing>.");
    const policy = await json(await stoa.request("/api/v1/instance/privacy_policy"));
    assert.equal(policy.content, "<p>We keep little.</p><p>We sell &lt;nothing&gt;.</p>");
    assert.ok(Date.now() - Date.parse(policy.updated_at) < 60_000);
    assert.equal((await json(await stoa.request("/api/v1/instance/extended_description"))).content, "<p>About us</p>");
    assert.deepEqual(await json(await stoa.request("/api/v1/instance/translation_languages")), {});
  });

  it("serves the terms in force and any version by date", async () => {
    assert.equal((await stoa.request("/api/v1/instance/terms_of_service")).status, 404);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await json(await admin(`/terms_of_service/${day(-30)}`, { text: "First terms" }, "PUT"));
    await json(await admin(`/terms_of_service/${day(30)}`, { text: "Coming terms" }, "PUT"));
    const current = await json(await stoa.request("/api/v1/instance/terms_of_service"));
    assert.deepEqual(current, { effective_date: day(-30), effective: true, content: "<p>First terms</p>", succeeded_by: day(30) });
    const next = await json(await stoa.request(`/api/v1/instance/terms_of_service/${day(30)}`));
    assert.deepEqual(next, { effective_date: day(30), effective: false, content: "<p>Coming terms</p>", succeeded_by: null });
    assert.equal((await stoa.request(`/api/v1/instance/terms_of_service/${day(1)}`)).status, 404);
    assert.equal((await stoa.request("/api/v1/instance/terms_of_service/2026-02-31")).status, 404);
    assert.equal((await stoa.request("/api/v1/instance/terms_of_service/yesterday")).status, 404);
    assert.equal((await admin(`/terms_of_service/${day(2)}`, { text: " " }, "PUT")).status, 422);
  });
});
