import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";
import { juryOf as juryOfCase, seedModerationCommunity } from "../support/moderation.ts";
import { logPage } from "../../src/transparency/log.ts";
import { verifyLog } from "../../src/transparency/verify.ts";

describe("appeals and urgent actions", () => {
  let stoa: TestInstance;
  let mod: TestUser;
  let troll: TestUser;
  let ada: TestUser;
  let bob: TestUser;
  const users = new Map<string, TestUser>();
  let postId: string;
  let caseId: string;
  let firstJury: TestUser[];
  let appealId: string;

  const juryOf = (id: string) => juryOfCase(stoa, users, id);
  const vote = async (id: string, u: TestUser, v: string) => json(await stoa.request(`/api/stoa/v1/cases/${id}/votes`, { token: u.token, json: { vote: v } }));
  const passDeadline = async (id: string) => {
    await stoa.ctx.sql`update moderation_cases set deadline = now() - interval '1 second' where id = ${id}`;
    await stoa.ctx.sql`update jobs set run_at = now() where kind = 'moderation.case_deadline'`;
    await stoa.drain();
  };

  before(async () => {
    stoa = await startTestInstance();
    const community = await seedModerationCommunity(stoa, 12);
    ({ mod, troll, ada, bob } = community);
    for (const [id, u] of community.users) users.set(id, u);
    await stoa.ctx.sql`insert into instance_settings (key, value) values ('moderation.jury', ${stoa.ctx.sql.json({ size: 3, appealSize: 5, cooldownDays: 0 })})`;
    postId = (await json(await stoa.request("/api/v1/statuses", { token: troll.token, json: { status: "doxxing someone" } }))).id;
    const r = await json(await stoa.request("/api/v1/reports", { token: ada.token, json: { account_id: troll.accountId, status_ids: [postId] } }));
    caseId = (await stoa.ctx.sql<{ caseId: string }[]>`select case_id from reports where id = ${r.id}`)[0]!.caseId;
    await json(await stoa.request(`/api/stoa/v1/cases/${caseId}/jury`, { token: mod.token, json: { action: "remove", status_ids: [postId], reason: "Personal data." } }));
    firstJury = await juryOf(caseId);
    for (const j of firstJury) await vote(caseId, j, "uphold");
  });
  after(() => stoa.close());

  it("removed the post after the first verdict", async () => {
    await json(await stoa.request(`/api/v1/statuses/${postId}`, { token: ada.token }), 404);
  });

  it("lets only the sanctioned person appeal, once, to a new and larger jury", async () => {
    await json(await stoa.request(`/api/stoa/v1/cases/${caseId}/appeal`, { token: ada.token, method: "POST" }), 404);
    appealId = (await json(await stoa.request(`/api/stoa/v1/cases/${caseId}/appeal`, { token: troll.token, method: "POST" }))).id;
    await json(await stoa.request(`/api/stoa/v1/cases/${caseId}/appeal`, { token: troll.token, method: "POST" }), 422);
    const jury = await juryOf(appealId);
    assert.equal(jury.length, 5);
    assert.ok(!jury.some((j) => [...firstJury, troll, ada, mod].includes(j)), "no first juror, party or convener");
    const view = await json(await stoa.request(`/api/stoa/v1/cases/${appealId}`, { token: jury[0]!.token }));
    assert.deepEqual([view.proposal.action, view.proposal.reason], ["remove", "Personal data."]);
    await json(await stoa.request(`/api/v1/statuses/${postId}`, { token: ada.token }), 404);
  });

  it("reverses the sanction when the appeal jury rejects it", async () => {
    const jury = await juryOf(appealId);
    for (const [i, j] of jury.entries()) await vote(appealId, j, i < 3 ? "reject" : "uphold");
    const restored = await json(await stoa.request(`/api/v1/statuses/${postId}`, { token: ada.token }));
    assert.equal(restored.content.includes("doxxing someone"), true);
    const [sanction] = await json(await stoa.request("/api/stoa/v1/sanctions", { token: troll.token }));
    assert.ok(sanction.reverted_at);
    await json(await stoa.request(`/api/stoa/v1/cases/${appealId}/appeal`, { token: troll.token, method: "POST" }), 422);
    const kinds = (await logPage(stoa.ctx.sql, 0, 100)).map((e) => e.kind);
    assert.deepEqual(kinds.slice(-3), ["moderation.jury_drawn", "moderation.verdict", "moderation.sanction_reverted"]);
  });

  it("applies an urgent action at once and reverts it when no jury confirms it", async () => {
    const urgent = { account_id: bob.accountId, action: "suspend", reason: "Threats of violence." };
    await json(await stoa.request("/api/stoa/v1/urgent_actions", { token: ada.token, json: urgent }), 403);
    await json(await stoa.request("/api/stoa/v1/urgent_actions", { token: mod.token, json: { ...urgent, account_id: "999" } }), 404);
    const opened = await json(await stoa.request("/api/stoa/v1/urgent_actions", { token: mod.token, json: urgent }));
    const suspended = async () => (await stoa.ctx.sql<{ suspendedAt: Date | null }[]>`select suspended_at from accounts where id = ${bob.accountId}`)[0]!.suspendedAt;
    assert.ok(await suspended(), "in force immediately");
    const [statement] = await stoa.ctx.sql<{ statement: string }[]>`select statement from sanctions where case_id = ${opened.id}`;
    assert.match(statement!.statement, /acted urgently/);
    await json(await stoa.request("/api/v1/accounts/verify_credentials", { token: bob.token }), 401);
    const [reasons] = await json(await stoa.request("/api/stoa/v1/sanctions", { token: bob.token }));
    assert.equal(reasons.action, "suspend", "a suspended person can still read why");
    await passDeadline(opened.id);
    assert.ok(await suspended(), "the first deadline replaces absent jurors and waits once more");
    await passDeadline(opened.id);
    assert.equal(await suspended(), null, "unconfirmed: reverted");
    const [c] = await stoa.ctx.sql<{ verdict: string }[]>`select verdict from moderation_cases where id = ${opened.id}`;
    assert.equal(c!.verdict, "rejected");
    assert.equal(verifyLog(await json(await stoa.request("/api/stoa/v1/transparency/export"))).ok, true);
  });

  it("keeps an urgent action that the jury confirms", async () => {
    const post = (await json(await stoa.request("/api/v1/statuses", { token: bob.token, json: { status: "gore" } }))).id;
    const opened = await json(await stoa.request("/api/stoa/v1/urgent_actions", { token: mod.token, json: { account_id: bob.accountId, action: "sensitive", status_ids: [post], reason: "Graphic." } }));
    for (const j of await juryOf(opened.id)) await vote(opened.id, j, "uphold");
    const [s] = await stoa.ctx.sql<{ sensitive: boolean }[]>`select sensitive from statuses where id = ${post}`;
    assert.equal(s!.sensitive, true);
    assert.equal((await stoa.ctx.sql`select 1 from sanctions where case_id = ${opened.id}`).length, 1, "confirmed, not applied twice");
  });

  it("counts it all in the transparency report, as JSON and as a page", async () => {
    const month = new Date().toISOString().slice(0, 7);
    const r = await json(await stoa.request(`/api/stoa/v1/transparency/report?month=${month}`));
    assert.deepEqual(
      [r.reports, r.cases_opened, r.cases_decided, r.verdicts, r.sanctions.total, r.sanctions.by_action, r.appeals, r.urgent_actions, r.reversals],
      [1, 4, 4, { upheld: 2, rejected: 2 }, 3, { remove: 1, sensitive: 1, suspend: 1 }, { filed: 1, decided: 1, reversed: 1 }, { taken: 2, reverted: 1 }, 2],
    );
    assert.equal(typeof r.hours_to_decision.median, "number");
    const empty = await json(await stoa.request("/api/stoa/v1/transparency/report?month=2001-01"));
    assert.deepEqual([empty.reports, empty.hours_to_decision.median], [0, null]);
    await json(await stoa.request("/api/stoa/v1/transparency/report?month=2026-13"), 422);
    const page = await (await stoa.request(`/transparency/report?month=${month}`)).text();
    assert.match(page, /<th scope="row">Appeals that reversed the sanction<\/th><td>1<\/td>/);
    assert.doesNotMatch(page, /<script/);
  });
});
