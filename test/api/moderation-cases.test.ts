import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";
import { drawJury, eligibleDigest, replaceAbsentJuror } from "../../src/moderation/cases.ts";
import { eligibleJurors, isModerationBodyMember, moderationBodyMembers } from "../../src/moderation/eligibility.ts";
import { drawOrder } from "../../src/moderation/sortition.ts";
import { logPage } from "../../src/transparency/log.ts";
import { verifyLog } from "../../src/transparency/verify.ts";

describe("moderation cases and juries", () => {
  let stoa: TestInstance;
  let mod: TestUser;
  let troll: TestUser;
  let ada: TestUser;
  let bob: TestUser;
  let members: TestUser[];
  let fan: TestUser;
  let blocked: TestUser;
  let newcomer: TestUser;
  let reader: TestUser;
  let caseId: string;

  const report = (by: TestUser, target: TestUser, statusIds: string[] = []) =>
    stoa.request("/api/v1/reports", { token: by.token, json: { account_id: target.accountId, status_ids: statusIds, comment: "see this" } });
  const caseOf = async (reportId: string) => (await stoa.ctx.sql<{ caseId: string }[]>`select case_id from reports where id = ${reportId}`)[0]!.caseId;

  before(async () => {
    stoa = await startTestInstance();
    mod = await createUser(stoa, "mod", { role: "moderator" });
    troll = await createUser(stoa, "troll");
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
    members = [];
    for (let i = 0; i < 7; i++) members.push(await createUser(stoa, `member${i}`));
    fan = await createUser(stoa, "fan");
    blocked = await createUser(stoa, "blocked");
    reader = await createUser(stoa, "reader");
    await stoa.ctx.sql`update accounts set created_at = now() - interval '60 days'`;
    newcomer = await createUser(stoa, "newcomer");
    await stoa.ctx.sql`update users set locale = 'pt-BR' where account_id = ${reader.accountId}`;
    await json(await stoa.request(`/api/v1/accounts/${troll.accountId}/follow`, { token: fan.token, method: "POST" }));
    await json(await stoa.request(`/api/v1/accounts/${blocked.accountId}/block`, { token: ada.token, method: "POST" }));
    await stoa.drain();
  });
  after(() => stoa.close());

  it("groups reports about one account into one case, logged without reporter or target", async () => {
    const post = await json(await stoa.request("/api/v1/statuses", { token: troll.token, json: { status: "nasty", language: "en" } }));
    const r1 = await json(await report(ada, troll, [post.id]));
    const r2 = await json(await report(bob, troll));
    caseId = await caseOf(r1.id);
    assert.equal(await caseOf(r2.id), caseId);
    const other = await json(await report(ada, bob));
    assert.notEqual(await caseOf(other.id), caseId);

    const entries = await logPage(stoa.ctx.sql, 0, 10);
    assert.deepEqual(entries.map((e) => [e.kind, e.payload]), [["moderation.case_opened", { case: caseId }], ["moderation.case_opened", { case: await caseOf(other.id) }]]);
    const [c] = await stoa.ctx.sql<{ seed: string; language: string }[]>`select seed, language from moderation_cases where id = ${caseId}`;
    assert.equal(c!.seed, entries[0]!.hash, "the seed is the hash of the entry that opened the case");
    assert.equal(c!.language, "en");

    await json(await stoa.request(`/api/v1/statuses/${post.id}`, { token: troll.token, method: "DELETE" }));
    const evidence = await stoa.ctx.sql`select e.text from report_evidence e join reports r on r.id = e.report_id where r.case_id = ${caseId}`;
    assert.deepEqual(evidence.map((e) => e.text), ["nasty"], "the case keeps the deleted post as evidence");
  });

  it("knows the moderation body", async () => {
    assert.deepEqual(await moderationBodyMembers(stoa.ctx.sql), [mod.accountId]);
    assert.equal(await isModerationBodyMember(stoa.ctx.sql, ada.accountId), false);
  });

  it("admits as jurors only members who are not parties, not related to them, old enough and reading the language", async () => {
    const involved = [troll.accountId, ada.accountId, bob.accountId];
    const rules = { involved, language: "en", minAccountAgeDays: 7, cooldownDays: 30 };
    const eligible = await eligibleJurors(stoa.ctx.sql, rules);
    const expected = [mod, ...members].map((u) => u.accountId).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    assert.deepEqual(eligible, expected, "not the parties, the follower of the target, the one blocked by a reporter, the newcomer or the Portuguese reader");
    assert.ok((await eligibleJurors(stoa.ctx.sql, { ...rules, language: "pt" })).includes(reader.accountId));
    assert.ok((await eligibleJurors(stoa.ctx.sql, { ...rules, minAccountAgeDays: 0 })).includes(newcomer.accountId), "the newcomer only lacked age");
    await stoa.ctx.sql`update users set disabled = true where account_id = ${members[0]!.accountId}`;
    assert.ok(!(await eligibleJurors(stoa.ctx.sql, rules)).includes(members[0]!.accountId));
    await stoa.ctx.sql`update users set disabled = false where account_id = ${members[0]!.accountId}`;
  });

  it("draws a reproducible jury from the case seed, logs the draw and refuses a second one", async () => {
    const jurors = await drawJury(stoa.ctx.sql, caseId);
    const [c] = await stoa.ctx.sql<{ seed: string; eligibleIds: string[] }[]>`select seed, eligible_ids from moderation_cases where id = ${caseId}`;
    assert.equal(c!.eligibleIds.length, 8);
    assert.deepEqual(jurors, drawOrder(c!.seed, c!.eligibleIds, 5), "anyone with the seed and the list gets the same jury");
    const [entry] = (await logPage(stoa.ctx.sql, 0, 10)).filter((e) => e.kind === "moderation.jury_drawn");
    assert.deepEqual([entry!.payload.seed, entry!.payload.size, entry!.payload.eligible, entry!.payload.eligibleDigest], [c!.seed, 5, 8, eligibleDigest(c!.eligibleIds)]);
    await assert.rejects(drawJury(stoa.ctx.sql, caseId), /already drawn/);
  });

  it("replaces an absent juror with the next of the same draw", async () => {
    const [c] = await stoa.ctx.sql<{ seed: string; eligibleIds: string[] }[]>`select seed, eligible_ids from moderation_cases where id = ${caseId}`;
    const order = drawOrder(c!.seed, c!.eligibleIds, 7);
    assert.equal(await replaceAbsentJuror(stoa.ctx.sql, caseId, order[2]!), order[5]);
    await assert.rejects(replaceAbsentJuror(stoa.ctx.sql, caseId, order[2]!), /not a present juror/);
    await assert.rejects(replaceAbsentJuror(stoa.ctx.sql, caseId, troll.accountId), /not a present juror/);
    const present = await stoa.ctx.sql`select account_id from case_jurors where case_id = ${caseId} and not absent order by position`;
    assert.deepEqual(present.map((r) => r.accountId), [order[0], order[1], order[3], order[4], order[5]]);
  });

  it("does not draw recent jurors again, follows the configured jury size, and says so when too few remain", async () => {
    const otherCase = (await stoa.ctx.sql<{ id: string }[]>`select id from moderation_cases where id <> ${caseId}`)[0]!.id;
    const drawn = (await stoa.ctx.sql<{ accountId: string }[]>`select account_id from case_jurors where case_id = ${caseId}`).map((r) => r.accountId);
    const eligible = await eligibleJurors(stoa.ctx.sql, { involved: [bob.accountId, ada.accountId], language: null, minAccountAgeDays: 7, cooldownDays: 30 });
    assert.equal(drawn.length, 6);
    assert.deepEqual(eligible.filter((id) => drawn.includes(id)), [], "recent jurors are not eligible");
    assert.equal(eligible.length, 5);
    await stoa.ctx.sql`insert into instance_settings (key, value) values ('moderation.jury', ${stoa.ctx.sql.json({ size: 6 })})`;
    await assert.rejects(drawJury(stoa.ctx.sql, otherCase), /Not enough eligible jurors \(5 of 6\)/);
    assert.equal((await stoa.ctx.sql`select 1 from case_jurors where case_id = ${otherCase}`).length, 0, "a refused draw changes nothing");
    await stoa.ctx.sql`update instance_settings set value = ${stoa.ctx.sql.json({ size: 3 })} where key = 'moderation.jury'`;
    assert.equal((await drawJury(stoa.ctx.sql, otherCase)).length, 3);
    assert.equal(verifyLog(await json(await stoa.request("/api/stoa/v1/transparency/export"))).ok, true);
  });
});
