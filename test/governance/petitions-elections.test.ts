import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";
import { admit, bulkVoters, closeNow, scopeId } from "./support.ts";

describe("governance: petitions and elections", () => {
  let stoa: TestInstance;
  let owner: TestUser;
  let ada: TestUser;
  let bob: TestUser;
  let cat: TestUser;
  let dan: TestUser;
  let global: string;
  before(async () => {
    stoa = await startTestInstance();
    owner = await createUser(stoa, "owner", { role: "owner" });
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
    cat = await createUser(stoa, "cat");
    dan = await createUser(stoa, "dan");
    await admit(stoa, ada.accountId, bob.accountId, cat.accountId);
    global = await scopeId(stoa, "geographic", "global");
  });
  after(() => stoa.close());

  it("collects signatures concurrently and becomes exactly one proposal at the threshold", async () => {
    const petition = await json(await stoa.request("/api/stoa/v1/petitions", { token: dan.token, json: { title: "Longer posts", text: "Raise the limit to 1000.", scope_id: global, threshold: 5 } }));
    assert.equal(petition.state, "open");
    await json(await stoa.request(`/api/stoa/v1/petitions/${petition.id}/signature`, { token: ada.token, method: "POST" }));
    await json(await stoa.request(`/api/stoa/v1/petitions/${petition.id}/signature`, { token: ada.token, method: "POST" }), 422);
    const unsigned = await json(await stoa.request(`/api/stoa/v1/petitions/${petition.id}/signature`, { token: ada.token, method: "DELETE" }));
    assert.equal(unsigned.signatures_count, 0);

    const signers = await bulkVoters(stoa, "s", 12, { member: false });
    const answers = await Promise.all(signers.map((s) => stoa.request(`/api/stoa/v1/petitions/${petition.id}/signature`, { token: s.token, method: "POST" })));
    assert.deepEqual(answers.map((r) => r.status).sort(), [...Array(5).fill(200), ...Array(7).fill(422)]);
    const done = await json(await stoa.request(`/api/stoa/v1/petitions/${petition.id}`));
    assert.equal(done.state, "succeeded");
    assert.equal(done.signatures_count, 5);
    const proposal = await json(await stoa.request(`/api/stoa/v1/proposals/${done.proposal_id}`, { token: dan.token }));
    assert.equal(proposal.state, "draft");
    assert.equal(proposal.author_id, dan.accountId);
    assert.deepEqual(proposal.method_config, { options: ["yes", "no"] });
    const [proposals] = await stoa.ctx.sql<{ n: number }[]>`select count(*)::int as n from gov_proposals where title = 'Longer posts'`;
    assert.equal(proposals!.n, 1);
  });

  it("elects candidates to the board's seats with terms, and recalls a member", async () => {
    const election = await json(await stoa.request("/api/stoa/v1/bodies/board/elections", { token: owner.token, json: { seats: 2, method: "stv" } }));
    await json(await stoa.request("/api/stoa/v1/bodies/board/elections", { token: ada.token, json: { seats: 2 } }), 403);
    for (const u of [ada, bob, cat]) await json(await stoa.request(`/api/stoa/v1/elections/${election.id}/candidacy`, { token: u.token, json: { statement: `I am ${u.username}` } }));
    await json(await stoa.request(`/api/stoa/v1/elections/${election.id}/candidacy`, { token: dan.token, json: {} }), 422);
    const closesAt = new Date(Date.now() + 3_600_000).toISOString();
    const voting = await json(await stoa.request(`/api/stoa/v1/elections/${election.id}/vote`, { token: owner.token, json: { closes_at: closesAt } }));
    assert.equal(voting.state, "voting");
    assert.equal(voting.candidates.length, 3);

    const voters = await bulkVoters(stoa, "e", 10, { member: true });
    const [a, b, c] = [ada.accountId, bob.accountId, cat.accountId];
    const rankings = [...Array(5).fill([[a], [b]]), ...Array(3).fill([[b], [a]]), ...Array(2).fill([[c], [b]])];
    await Promise.all(voters.map(async (v, i) => json(await stoa.request(`/api/stoa/v1/proposals/${voting.proposal_id}/ballot`, { token: v.token, json: { ballot: { ranking: rankings[i] } } }))));
    await closeNow(stoa, voting.proposal_id);
    await stoa.drain();

    const closed = await json(await stoa.request(`/api/stoa/v1/elections/${election.id}`));
    assert.equal(closed.state, "closed");
    assert.deepEqual(closed.elected, [a, b]);
    const board = await json(await stoa.request("/api/stoa/v1/bodies/board"));
    assert.deepEqual(board.members.map((m: { account_id: string }) => m.account_id).sort(), [a, b].sort());
    assert.ok(board.members.every((m: { term_ends_at: string }) => new Date(m.term_ends_at).getTime() > Date.now() + 700 * 86_400_000), "a two-year term");

    const recall = await json(await stoa.request(`/api/stoa/v1/bodies/board/members/${b}/recall`, { token: owner.token, json: { closes_at: closesAt } }));
    await json(await stoa.request(`/api/stoa/v1/bodies/board/members/${c}/recall`, { token: owner.token, json: { closes_at: closesAt } }), 422);
    await Promise.all(voters.map(async (v, i) => json(await stoa.request(`/api/stoa/v1/proposals/${recall.proposal_id}/ballot`, { token: v.token, json: { ballot: { choice: i < 6 ? "recall" : "keep" } } }))));
    await closeNow(stoa, recall.proposal_id);
    await stoa.drain();
    const history = await json(await stoa.request("/api/stoa/v1/bodies/board/members?history=true"));
    assert.deepEqual(history.filter((s: { left_at: string | null }) => s.left_at === null).map((s: { account_id: string }) => s.account_id), [a]);
    assert.equal(history.find((s: { account_id: string }) => s.account_id === b).left_reason, "recalled");
  });
});
