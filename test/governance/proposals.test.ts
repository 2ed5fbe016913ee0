import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";
import { runTallyCli } from "../../src/governance/tally-cli.ts";
import { sha256 } from "../../src/lib/crypto.ts";
import { admit, closeNow, scopeId } from "./support.ts";

describe("governance: the life of a proposal", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  let cat: TestUser;
  let dan: TestUser;
  let global: string;
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
    cat = await createUser(stoa, "cat");
    dan = await createUser(stoa, "dan"); // registered, not a member: outer sphere
    await admit(stoa, ada.accountId, bob.accountId, cat.accountId);
    global = await scopeId(stoa, "geographic", "global");
  });
  after(() => stoa.close());

  const create = (token: string, extra: Record<string, unknown> = {}) => stoa.request("/api/stoa/v1/proposals", {
    token,
    json: { title: "Adopt the code of conduct", text: "We adopt the code of conduct v1.", scope_id: global, method: "schulze", method_config: { options: ["adopt", "amend", "reject"] }, ...extra },
  });

  it("goes from draft through deliberation, amendment, vote and result, and publishes a ballot file that recounts", async () => {
    const draft = await json(await create(ada.token));
    assert.equal(draft.state, "draft");
    assert.deepEqual(draft.method_config, { options: ["adopt", "amend", "reject"] });
    await json(await stoa.request(`/api/stoa/v1/proposals/${draft.id}`, { token: bob.token }), 404);
    await json(await stoa.request(`/api/stoa/v1/proposals/${draft.id}/authors`, { token: ada.token, json: { account_id: bob.accountId } }));
    const edited = await json(await stoa.request(`/api/stoa/v1/proposals/${draft.id}`, { token: bob.token, method: "PUT", json: { text: "We adopt the code of conduct v2." } }));
    assert.deepEqual(edited.authors, [ada.accountId, bob.accountId]);
    await json(await stoa.request(`/api/stoa/v1/proposals/${draft.id}/deliberation`, { token: cat.token, method: "POST" }), 404); // a draft is hidden from non-authors

    const open = await json(await stoa.request(`/api/stoa/v1/proposals/${draft.id}/deliberation`, { token: ada.token, method: "POST" }));
    assert.equal(open.state, "deliberation");
    const root = await json(await stoa.request(`/api/v1/statuses/${open.thread_status_id}`, { token: dan.token }));
    assert.match(root.content, /Adopt the code of conduct/);
    assert.equal(root.visibility, "public");
    await stoa.drain();
    const timeline = await json(await stoa.request("/api/v1/timelines/public?local=true", { token: dan.token }));
    assert.ok(timeline.some((s: { id: string }) => s.id === open.thread_status_id), "the deliberation thread is in the public timeline");
    await json(await stoa.request("/api/v1/statuses", { token: dan.token, json: { status: "I'd like a shorter version", in_reply_to_id: open.thread_status_id } }));

    const amendment = await json(await stoa.request(`/api/stoa/v1/proposals/${draft.id}/amendments`, { token: cat.token, json: { text: "We adopt the code of conduct v3.", reason: "clearer" } }));
    await json(await stoa.request(`/api/stoa/v1/proposals/${draft.id}/vote`, { token: ada.token, json: { closes_at: new Date(Date.now() + 3_600_000).toISOString() } }), 422);
    await json(await stoa.request(`/api/stoa/v1/proposals/${draft.id}/amendments/${amendment.id}/accept`, { token: cat.token, method: "POST" }), 403);
    const accepted = await json(await stoa.request(`/api/stoa/v1/proposals/${draft.id}/amendments/${amendment.id}/accept`, { token: bob.token, method: "POST" }));
    assert.equal(accepted.previous_text, "We adopt the code of conduct v2.");
    assert.equal((await json(await stoa.request(`/api/stoa/v1/proposals/${draft.id}`))).text, "We adopt the code of conduct v3.");

    await json(await stoa.request(`/api/stoa/v1/proposals/${draft.id}/vote`, { token: ada.token, json: { closes_at: new Date(Date.now() - 1000).toISOString() } }), 422);
    const voting = await json(await stoa.request(`/api/stoa/v1/proposals/${draft.id}/vote`, { token: ada.token, json: { closes_at: new Date(Date.now() + 3_600_000).toISOString() } }));
    assert.equal(voting.state, "voting");

    const vote = (user: TestUser, ranking: string[][]) => stoa.request(`/api/stoa/v1/proposals/${draft.id}/ballot`, { token: user.token, json: { ballot: { ranking } } });
    const first = await json(await vote(ada, [["reject"], ["amend"], ["adopt"]]));
    const changed = await json(await vote(ada, [["adopt"], ["amend"], ["reject"]]));
    assert.notEqual(first.receipt_hash, changed.receipt_hash);
    assert.equal(changed.receipt_hash, sha256(changed.receipt));
    await json(await vote(bob, [["adopt"], ["reject", "amend"]]));
    await json(await vote(cat, [["amend"], ["adopt"], ["reject"]]));
    await json(await vote(dan, [["reject"]]), 422); // outer sphere may discuss but not decide
    await json(await stoa.request(`/api/stoa/v1/proposals/${draft.id}/result`), 422);
    const ballots = await json(await stoa.request(`/api/stoa/v1/proposals/${draft.id}/ballots`));
    assert.equal(ballots.length, 3, "a changed ballot replaces the old one");

    await closeNow(stoa, draft.id);
    await json(await vote(bob, [["reject"]]), 422);
    const closed = await json(await stoa.request(`/api/stoa/v1/proposals/${draft.id}`));
    assert.equal(closed.state, "closed");
    assert.deepEqual(closed.result.ranking, [["adopt"], ["amend"], ["reject"]]); // adopt beats amend 2–1 and reject 3–0
    assert.deepEqual(closed.result.participation, { electorate: 3, ballots: 3, counted: 3, lost: 0, capped: 0 });
    assert.ok(closed.result.rounds.length > 0);

    const receipt = await json(await stoa.request(`/api/stoa/v1/proposals/${draft.id}/receipts/${changed.receipt_hash}`));
    assert.deepEqual(receipt.ballot, { ranking: [["adopt"], ["amend"], ["reject"]] });
    assert.equal(receipt.counted, true);
    await json(await stoa.request(`/api/stoa/v1/proposals/${draft.id}/receipts/${first.receipt_hash}`), 404);

    const fileResponse = await stoa.request(`/api/stoa/v1/proposals/${draft.id}/ballot_file`);
    const file = await json(fileResponse);
    assert.equal(file.method, "schulze");
    assert.equal(file.ballots.length, 3);
    assert.ok(file.ballots.some((b: { receipt: string }) => b.receipt === changed.receipt_hash));
    assert.ok(!JSON.stringify(file).includes(ada.accountId), "the ballot file names no voter");
    const dir = await mkdtemp(path.join(tmpdir(), "stoa-ballots-"));
    try {
      await writeFile(path.join(dir, "ballots.json"), JSON.stringify(file));
      let printed = "";
      assert.equal(await runTallyCli([path.join(dir, "ballots.json")], (s) => (printed += s)), 0);
      const { participation: _p, ...published } = closed.result;
      assert.deepEqual(JSON.parse(printed), published, "stoa tally recounts the published result");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    await json(await stoa.request(`/api/stoa/v1/proposals/${draft.id}/updates`, { token: cat.token, json: { status: "done", text: "Published" } }), 403);
    await json(await stoa.request(`/api/stoa/v1/proposals/${draft.id}/updates`, { token: bob.token, json: { status: "done", text: "Published on the about page" } }));
    assert.equal((await json(await stoa.request(`/api/stoa/v1/proposals/${draft.id}/updates`)))[0].status, "done");
    const listed = await json(await stoa.request("/api/stoa/v1/proposals?state=closed"));
    assert.deepEqual(listed.map((p: { id: string }) => p.id), [draft.id]);
  });

  it("keeps secret ballots without identity, changeable only with their receipt", async () => {
    const p = await json(await create(ada.token, { secret: true, method: "majority", method_config: { options: ["yes", "no"] } }));
    await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/deliberation`, { token: ada.token, method: "POST" }));
    await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/vote`, { token: ada.token, json: { closes_at: new Date(Date.now() + 3_600_000).toISOString() } }));
    const vote = (user: TestUser, choice: string, receipt?: string) => stoa.request(`/api/stoa/v1/proposals/${p.id}/ballot`, { token: user.token, json: { ballot: { choice }, receipt } });
    const first = await json(await vote(bob, "no"));
    await json(await vote(bob, "yes"), 422);
    await json(await vote(bob, "yes", "not-my-receipt"), 422);
    const second = await json(await vote(bob, "yes", first.receipt));
    await json(await vote(cat, "yes"));
    const rows = await stoa.ctx.sql`select voter_id from gov_ballots where proposal_id = ${p.id}`;
    assert.equal(rows.length, 2);
    assert.ok(rows.every((r) => r.voterId === null), "secret ballots carry no voter");
    const times = await stoa.ctx.sql<{ castAt: Date; opensAt: Date }[]>`
      select b.cast_at, p.opens_at from gov_ballots b join gov_proposals p on p.id = b.proposal_id where b.proposal_id = ${p.id}`;
    assert.ok(times.every((t) => t.castAt.getTime() === t.opensAt.getTime()), "nor the time they were cast");
    await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/ballots`), 403);
    assert.deepEqual((await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/ballot`, { token: bob.token }))), { voted: true, ballot: null });
    await closeNow(stoa, p.id);
    const result = await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/result`));
    assert.deepEqual(result.winners, ["yes"]);
    assert.deepEqual((await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/receipts/${second.receipt_hash}`))).ballot, { choice: "yes" });
  });

  it("puts an amendment to a vote whose result decides it", async () => {
    const p = await json(await create(ada.token, { method: "majority", method_config: { options: ["yes", "no"] } }));
    await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/deliberation`, { token: ada.token, method: "POST" }));
    const amendment = await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/amendments`, { token: cat.token, json: { text: "Adopt it in 2027.", reason: "time to prepare" } }));
    const closesAt = new Date(Date.now() + 3_600_000).toISOString();
    const underVote = await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/amendments/${amendment.id}/vote`, { token: ada.token, json: { closes_at: closesAt } }));
    assert.ok(underVote.vote_proposal_id);
    await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/amendments/${amendment.id}/accept`, { token: ada.token, method: "POST" }), 404);
    await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/vote`, { token: ada.token, json: { closes_at: closesAt } }), 422);
    for (const [user, choice] of [[ada, "reject"], [bob, "accept"], [cat, "accept"]] as const) {
      await json(await stoa.request(`/api/stoa/v1/proposals/${underVote.vote_proposal_id}/ballot`, { token: user.token, json: { ballot: { choice } } }));
    }
    await closeNow(stoa, underVote.vote_proposal_id);
    await stoa.drain();
    const [decided] = await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/amendments`));
    assert.equal(decided.state, "accepted");
    assert.equal((await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}`))).text, "Adopt it in 2027.");
    await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/vote`, { token: ada.token, json: { closes_at: closesAt } }));
  });

  it("lets only the body's members decide on an indirect vote", async () => {
    await json(await stoa.request("/api/stoa/v1/proposals", { token: ada.token, json: { title: "t", text: "x", scope_id: global, method: "majority", method_config: { options: ["yes", "no"] }, participation: "indirect" } }), 422);
    const [board] = await stoa.ctx.sql<{ id: string }[]>`select id from gov_bodies where slug = 'board'`;
    await stoa.ctx.sql`insert into gov_body_members (body_id, account_id) values (${board!.id}, ${cat.accountId})`;
    await json(await create(ada.token, { method: "majority", method_config: { options: ["yes", "no"] }, participation: "indirect", body_id: board!.id }), 422);
    await json(await create(ada.token, { method: "majority", method_config: { options: ["yes", "no"] }, participation: "indirect", body_id: board!.id, decision_type: "moderation" }), 422);
    const p = await json(await create(ada.token, { method: "majority", method_config: { options: ["yes", "no"] }, participation: "indirect", body_id: board!.id, decision_type: "budget" }));
    assert.equal(p.decision_type, "budget");
    await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/deliberation`, { token: ada.token, method: "POST" }));
    await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/vote`, { token: ada.token, json: { closes_at: new Date(Date.now() + 3_600_000).toISOString() } }));
    await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/ballot`, { token: ada.token, json: { ballot: { choice: "yes" } } }), 422);
    await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/ballot`, { token: cat.token, json: { ballot: { choice: "no" } } }));
    await closeNow(stoa, p.id);
    const result = await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/result`));
    assert.deepEqual(result.winners, ["no"]);
    assert.equal(result.participation.electorate, 1);
  });
});
