import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";
import { issueToken } from "../../src/oauth/tokens.ts";
import { createApp as createOAuthApp } from "../../src/oauth/apps.ts";

describe("Mastodon admin API for the moderation body", () => {
  let stoa: TestInstance;
  let mod: TestUser;
  let troll: TestUser;
  let ada: TestUser;
  let modAdmin: string;
  let adaAdmin: string;
  let reportId: string;
  let postId: string;

  const adminToken = async (u: TestUser) => {
    const app = await createOAuthApp(stoa.ctx.sql, { name: "mod tool", website: null, redirectUris: ["urn:ietf:wg:oauth:2.0:oob"], scopes: ["read", "admin:read", "admin:write"] });
    return (await issueToken(stoa.ctx.sql, { appId: app.id, userId: u.userId, scopes: ["read", "admin:read", "admin:write"] })).accessToken;
  };

  before(async () => {
    stoa = await startTestInstance();
    mod = await createUser(stoa, "mod", { role: "moderator" });
    troll = await createUser(stoa, "troll");
    ada = await createUser(stoa, "ada");
    for (let i = 0; i < 6; i++) await createUser(stoa, `member${i}`);
    await stoa.ctx.sql`update accounts set created_at = now() - interval '60 days'`;
    modAdmin = await adminToken(mod);
    adaAdmin = await adminToken(ada);
    postId = (await json(await stoa.request("/api/v1/statuses", { token: troll.token, json: { status: "spam spam" } }))).id;
    reportId = (await json(await stoa.request("/api/v1/reports", { token: ada.token, json: { account_id: troll.accountId, status_ids: [postId], category: "spam", comment: "ads" } }))).id;
  });
  after(() => stoa.close());

  it("refuses people outside the moderation body and tokens without admin scopes", async () => {
    await json(await stoa.request("/api/v1/admin/reports", { token: adaAdmin }), 403);
    await json(await stoa.request("/api/v1/admin/reports", { token: mod.token }), 403);
    await json(await stoa.request("/api/v1/admin/accounts", { token: adaAdmin }), 403);
  });

  it("lists and shows reports as Admin::Report, and assigns, resolves and reopens them", async () => {
    const [listed] = await json(await stoa.request("/api/v1/admin/reports?resolved=false", { token: modAdmin }));
    assert.deepEqual([listed.id, listed.category, listed.comment, listed.action_taken, listed.account.username, listed.target_account.username], [reportId, "spam", "ads", false, "ada", "troll"]);
    assert.deepEqual(listed.statuses.map((s: { id: string }) => s.id), [postId]);
    assert.equal(listed.target_account.account.acct, "troll");

    const assigned = await json(await stoa.request(`/api/v1/admin/reports/${reportId}/assign_to_self`, { token: modAdmin, method: "POST" }));
    assert.equal(assigned.assigned_account.username, "mod");
    const resolved = await json(await stoa.request(`/api/v1/admin/reports/${reportId}/resolve`, { token: modAdmin, method: "POST" }));
    assert.deepEqual([resolved.action_taken, resolved.action_taken_by_account.username], [true, "mod"]);
    assert.deepEqual(await json(await stoa.request("/api/v1/admin/reports?resolved=false", { token: modAdmin })), []);
    const reopened = await json(await stoa.request(`/api/v1/admin/reports/${reportId}/reopen`, { token: modAdmin, method: "POST" }));
    assert.equal(reopened.action_taken, false);
    const unassigned = await json(await stoa.request(`/api/v1/admin/reports/${reportId}/unassign`, { token: modAdmin, method: "POST" }));
    assert.equal(unassigned.assigned_account, null);
    await json(await stoa.request("/api/v1/admin/reports/123", { token: modAdmin }), 404);
    await json(await stoa.request("/api/v1/admin/reports/nope/resolve", { token: modAdmin, method: "POST" }), 404);
  });

  it("lists and shows accounts as Admin::Account", async () => {
    const staff = await json(await stoa.request("/api/v1/admin/accounts?staff=true", { token: modAdmin }));
    assert.deepEqual(staff.map((a: { username: string }) => a.username), ["mod"]);
    // The first account registered on an instance becomes its owner.
    assert.deepEqual([staff[0].role.name, staff[0].confirmed, staff[0].email], ["Owner", true, "mod@example.test"]);
    const [t] = await json(await stoa.request("/api/v1/admin/accounts?username=tro", { token: modAdmin }));
    assert.deepEqual([t.username, t.suspended, t.silenced], ["troll", false, false]);
    assert.equal((await json(await stoa.request(`/api/v1/admin/accounts/${troll.accountId}`, { token: modAdmin }))).id, troll.accountId);
    await json(await stoa.request("/api/v1/admin/accounts/42", { token: modAdmin }), 404);
  });

  it("turns account actions into urgent actions a jury must confirm, and resolves the report", async () => {
    await json(await stoa.request(`/api/v1/admin/accounts/${troll.accountId}/action`, { token: modAdmin, json: { type: "disable" } }), 422);
    await json(await stoa.request(`/api/v1/admin/accounts/${troll.accountId}/action`, { token: modAdmin, json: { type: "sensitive" } }), 422);
    await json(await stoa.request(`/api/v1/admin/accounts/${troll.accountId}/action`, { token: modAdmin, json: { type: "explode" } }), 422);
    assert.equal((await stoa.ctx.sql`select 1 from sanctions`).length, 0, "refused actions change nothing");
    await json(await stoa.request(`/api/v1/admin/accounts/${troll.accountId}/action`, { token: modAdmin, json: { type: "silence", report_id: reportId, text: "Commercial spam." } }));
    const [t] = await json(await stoa.request("/api/v1/admin/accounts?silenced=true", { token: modAdmin }));
    assert.equal(t.username, "troll");
    const [c] = await stoa.ctx.sql<{ sanctionInForce: boolean; proposalReason: string; jurors: number }[]>`
      select sanction_in_force, proposal_reason, (select count(*)::int from case_jurors j where j.case_id = m.id) as jurors
      from moderation_cases m where sanction_in_force`;
    assert.deepEqual([c!.proposalReason, c!.jurors], ["Commercial spam.", 5]);
    assert.equal((await json(await stoa.request(`/api/v1/admin/reports/${reportId}`, { token: modAdmin }))).action_taken, true);
  });
});
