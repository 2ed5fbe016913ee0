import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";
import { juryOf as juryOfCase, seedModerationCommunity } from "../support/moderation.ts";
import { logPage } from "../../src/transparency/log.ts";
import { verifyLog } from "../../src/transparency/verify.ts";
import { MODERATION_CW } from "../../src/moderation/sanctions.ts";
import { eligibleJurors } from "../../src/moderation/eligibility.ts";

describe("jury workflow and sanctions", () => {
  let stoa: TestInstance;
  let mod: TestUser;
  let troll: TestUser;
  let ada: TestUser;
  let bob: TestUser;
  const users = new Map<string, TestUser>();
  let ruleId: string;
  let postId: string;
  let caseId: string;
  let jurors: TestUser[];
  const applied: { action: string; accountId: string; statusIds: string[] }[] = [];
  /** A member who is neither party nor juror of the first case. */
  let outsider: TestUser;

  const juryOf = (id: string) => juryOfCase(stoa, users, id);
  const vote = (id: string, u: TestUser, v: string) => stoa.request(`/api/stoa/v1/cases/${id}/votes`, { token: u.token, json: { vote: v } });
  const votesOf = async (id: string) => (await stoa.ctx.sql`select 1 from case_votes where case_id = ${id}`).length;
  const reportCase = async (by: TestUser, target: TestUser, statusIds: string[], ruleIds: string[]) => {
    const r = await json(await stoa.request("/api/v1/reports", { token: by.token, json: { account_id: target.accountId, status_ids: statusIds, rule_ids: ruleIds, category: ruleIds.length ? "violation" : "other" } }));
    return (await stoa.ctx.sql<{ caseId: string }[]>`select case_id from reports where id = ${r.id}`)[0]!.caseId;
  };

  before(async () => {
    stoa = await startTestInstance();
    stoa.ctx.events.on("moderation.sanction_applied", "test", async (payload) => {
      applied.push(payload);
    });
    const community = await seedModerationCommunity(stoa, 6);
    ({ mod, troll, ada, bob } = community);
    for (const [id, u] of community.users) users.set(id, u);
    ruleId = (await stoa.ctx.sql<{ id: string }[]>`insert into rules (text) values ('No harassment') returning id`)[0]!.id;
    postId = (await json(await stoa.request("/api/v1/statuses", { token: troll.token, json: { status: "you are all idiots" } }))).id;
    caseId = await reportCase(ada, troll, [postId], [ruleId]);
  });
  after(() => stoa.close());

  it("lets only the moderation body convene a jury, with a valid proposal", async () => {
    const proposal = { action: "sensitive", rule_ids: [ruleId], status_ids: [postId], reason: "Insults other members." };
    await json(await stoa.request(`/api/stoa/v1/cases/${caseId}/jury`, { token: ada.token, json: proposal }), 403);
    await json(await stoa.request(`/api/stoa/v1/cases/${caseId}/jury`, { token: mod.token, json: { ...proposal, action: "banish" } }), 422);
    await json(await stoa.request(`/api/stoa/v1/cases/${caseId}/jury`, { token: mod.token, json: { ...proposal, status_ids: [] } }), 422);
    assert.equal((await stoa.ctx.sql`select 1 from case_jurors where case_id = ${caseId}`).length, 0, "refusals draw nobody");
    const view = await json(await stoa.request(`/api/stoa/v1/cases/${caseId}/jury`, { token: mod.token, json: proposal }));
    assert.deepEqual(view.proposal, { action: "sensitive", rules: [{ id: ruleId, text: "No harassment", hint: "" }], status_ids: [postId], reason: "Insults other members." });
    assert.ok(Date.parse(view.deadline) > Date.now() + 71 * 3_600_000);
    jurors = await juryOf(caseId);
    assert.equal(jurors.length, 5);
    assert.ok(!jurors.some((j) => [troll, ada, mod].includes(j)), "no party, nor who proposed the sanction, sits on the jury");
    outsider = [...users.values()].find((u) => ![troll, ada, mod, ...jurors].includes(u))!;
  });

  it("notifies jurors and gives them a private thread, the evidence and the rule, never the reporter", async () => {
    const [c] = await stoa.ctx.sql<{ threadStatusId: string }[]>`select thread_status_id from moderation_cases where id = ${caseId}`;
    for (const j of jurors) {
      const notes = await stoa.ctx.sql`select type, status_id from notifications where account_id = ${j.accountId} and type = 'governance'`;
      assert.deepEqual(notes.map((n) => n.statusId), [c!.threadStatusId]);
      await json(await stoa.request(`/api/v1/statuses/${c!.threadStatusId}`, { token: j.token }));
    }
    await json(await stoa.request(`/api/v1/statuses/${c!.threadStatusId}`, { token: troll.token }), 404);
    const reply = await json(await stoa.request("/api/v1/statuses", { token: jurors[0]!.token, json: { status: `@${jurors.map((j) => j.username).join(" @")} clearly insulting`, visibility: "direct", in_reply_to_id: c!.threadStatusId } }));
    assert.equal(reply.visibility, "direct");

    const res = await stoa.request(`/api/stoa/v1/cases/${caseId}`, { token: jurors[1]!.token });
    const text = await res.clone().text();
    const view = await json(res);
    assert.deepEqual(view.evidence.map((e: { text: string }) => e.text), ["you are all idiots"]);
    assert.equal(view.reports.length, 1);
    assert.ok(!text.includes(ada.accountId) && !text.includes("ada"), "the reporter is named nowhere");
    await json(await stoa.request(`/api/stoa/v1/cases/${caseId}`, { token: outsider.token }), 404);
    await json(await stoa.request(`/api/stoa/v1/cases/${caseId}`, { token: troll.token }), 404);
    assert.deepEqual((await json(await stoa.request("/api/stoa/v1/cases", { token: jurors[2]!.token }))).map((c: { id: string }) => c.id), [caseId]);
  });

  it("takes one vote per juror and refuses others, changing nothing", async () => {
    await json(await vote(caseId, outsider, "uphold"), 403);
    await json(await vote(caseId, jurors[0]!, "maybe"), 422);
    assert.equal((await json(await vote(caseId, jurors[0]!, "uphold"))).my_vote, "uphold");
    const again = await json(await vote(caseId, jurors[0]!, "reject"), 422);
    assert.match(again.error, /already voted/);
    await json(await stoa.request("/api/stoa/v1/cases/abc/votes", { token: jurors[0]!.token, json: { vote: "uphold" } }), 404);
    assert.equal(await votesOf(caseId), 1);
  });

  it("decides by majority, applies the sanction, sends the statement of reasons and logs it all", async () => {
    await json(await vote(caseId, jurors[1]!, "reject"));
    await json(await vote(caseId, jurors[2]!, "uphold"));
    await json(await vote(caseId, jurors[3]!, "reject"));
    const decided = await json(await vote(caseId, jurors[4]!, "uphold"));
    assert.deepEqual(decided.verdict, { result: "upheld", uphold: 3, reject: 2 });
    assert.equal(decided.status, "decided");
    await json(await vote(caseId, jurors[4]!, "uphold"), 422);

    const post = await json(await stoa.request(`/api/v1/statuses/${postId}`, { token: outsider.token }));
    assert.deepEqual([post.sensitive, post.spoiler_text], [true, MODERATION_CW]);
    const [statement] = await json(await stoa.request("/api/stoa/v1/sanctions", { token: troll.token }));
    assert.equal(statement.action, "sensitive");
    assert.match(statement.statement, /"No harassment"/);
    assert.match(statement.statement, /"you are all idiots"/);
    assert.match(statement.statement, /Insults other members\./);
    assert.match(statement.statement, /appeal once/);
    assert.ok(!statement.statement.includes("ada"));
    const warned = await stoa.ctx.sql`select 1 from notifications where account_id = ${troll.accountId} and type = 'moderation_warning'`;
    assert.equal(warned.length, 1);

    await stoa.drain();
    assert.deepEqual(applied.map((a) => [a.action, a.accountId, a.statusIds]), [["sensitive", troll.accountId, [postId]]], "federation hears of the sanction");
    const entries = await logPage(stoa.ctx.sql, 0, 100);
    const verdict = entries.find((e) => e.kind === "moderation.verdict")!;
    assert.deepEqual(verdict.payload, { case: caseId, proposal: "sensitive", rules: [ruleId], verdict: "upheld", jury: 5, votes: { uphold: 3, reject: 2, absent: 0 }, majority: "0.5", reason: "Insults other members." });
    assert.equal(entries.find((e) => e.kind === "moderation.sanction")!.payload.action, "sensitive");
    assert.equal(verifyLog(await json(await stoa.request("/api/stoa/v1/transparency/export"))).ok, true);
  });

  it("at the deadline replaces absent jurors once, then decides with the votes cast", async () => {
    await stoa.ctx.sql`insert into instance_settings (key, value) values ('moderation.jury', ${stoa.ctx.sql.json({ size: 3, cooldownDays: 0 })})`;
    const second = await reportCase(ada, bob, [], []);
    await json(await stoa.request(`/api/stoa/v1/cases/${second}/jury`, { token: mod.token, json: { action: "limit", reason: "Spam replies." } }));
    const first = await juryOf(second);
    assert.equal(first.length, 3);
    await json(await vote(second, first[0]!, "uphold"));
    await stoa.ctx.sql`update moderation_cases set deadline = now() - interval '1 second' where id = ${second}`;
    assert.match((await json(await vote(second, first[1]!, "uphold"), 422)).error, /deadline has passed/);
    assert.equal(await votesOf(second), 1);

    await stoa.ctx.sql`update jobs set run_at = now() where kind = 'moderation.case_deadline'`;
    await stoa.drain();
    const replaced = await juryOf(second);
    assert.equal(replaced[0], first[0]);
    assert.equal(replaced.length, 3);
    assert.ok(!replaced.includes(first[1]!) && !replaced.includes(first[2]!), "the two absent jurors were replaced");
    await json(await vote(second, replaced[1]!, "uphold"));

    await stoa.ctx.sql`update moderation_cases set deadline = now() - interval '1 second' where id = ${second}`;
    await stoa.ctx.sql`update jobs set run_at = now() where kind = 'moderation.case_deadline'`;
    await stoa.drain();
    const [c] = await stoa.ctx.sql<{ verdict: string; votesUphold: number }[]>`select verdict, votes_uphold from moderation_cases where id = ${second}`;
    assert.deepEqual([c!.verdict, c!.votesUphold], ["upheld", 2]);
    const [limited] = await stoa.ctx.sql<{ silencedAt: Date | null }[]>`select silenced_at from accounts where id = ${bob.accountId}`;
    assert.ok(limited!.silencedAt, "the account is limited");
    const entries = await logPage(stoa.ctx.sql, 0, 100);
    assert.ok(entries.some((e) => e.kind === "moderation.verdict" && e.payload.case === second && (e.payload.votes as { absent: number }).absent === 1));
  });

  it("decides with the votes cast when nobody is left to replace the absent", async () => {
    const third = await reportCase(bob, ada, [], []);
    const eligible = await eligibleJurors(stoa.ctx.sql, { involved: [ada.accountId, bob.accountId, mod.accountId], language: null, minAccountAgeDays: 7, cooldownDays: 0 });
    await stoa.ctx.sql`update instance_settings set value = ${stoa.ctx.sql.json({ size: eligible.length, cooldownDays: 0 })} where key = 'moderation.jury'`;
    await json(await stoa.request(`/api/stoa/v1/cases/${third}/jury`, { token: mod.token, json: { action: "limit", reason: "Brigading." } }));
    const jury = await juryOf(third);
    assert.equal(jury.length, eligible.length, "everyone eligible sits");
    await json(await vote(third, jury[0]!, "uphold"));
    await stoa.ctx.sql`update moderation_cases set deadline = now() - interval '1 second' where id = ${third}`;
    await stoa.ctx.sql`update jobs set run_at = now() where kind = 'moderation.case_deadline'`;
    await stoa.drain();
    const [c] = await stoa.ctx.sql<{ verdict: string; extended: boolean }[]>`select verdict, extended from moderation_cases where id = ${third}`;
    assert.deepEqual([c!.verdict, c!.extended], ["upheld", false]);
    assert.equal((await stoa.ctx.sql`select 1 from case_jurors where case_id = ${third} and absent`).length, 0, "the failed replacement left nothing behind");
    const verdict = (await logPage(stoa.ctx.sql, 0, 200)).find((e) => e.kind === "moderation.verdict" && e.payload.case === third)!;
    assert.deepEqual(verdict.payload.votes, { uphold: 1, reject: 0, absent: eligible.length - 1 });
  });
});
