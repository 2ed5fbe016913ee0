import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

describe("polls", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  let cat: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
    cat = await createUser(stoa, "cat");
  });
  after(() => stoa.close());

  it("creates a poll with a status, takes votes once, and hides totals until the end", async () => {
    // Clients send polls as Rails-style form fields too.
    const form = new URLSearchParams([["status", "Form poll"], ["poll[options][]", "Yes"], ["poll[options][]", "No"], ["poll[expires_in]", "600"]]);
    const fromForm = await json(await stoa.request("/api/v1/statuses", {
      token: ada.token, method: "POST", body: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded" },
    }));
    assert.deepEqual(fromForm.poll.options.map((o: { title: string }) => o.title), ["Yes", "No"]);
    const poll = (await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: {
      status: "Tea or coffee?", poll: { options: ["Tea", "Coffee"], expires_in: 3600, hide_totals: true },
    } }))).poll;
    assert.deepEqual(poll.options.map((o: { title: string }) => o.title), ["Tea", "Coffee"]);
    assert.equal(poll.expired, false);
    const voted = await json(await stoa.request(`/api/v1/polls/${poll.id}/votes`, { token: bob.token, json: { choices: [1] } }));
    assert.equal(voted.voted, true);
    assert.deepEqual(voted.own_votes, [1]);
    assert.equal(voted.votes_count, 1);
    assert.equal(voted.options[1].votes_count, null, "totals are hidden from voters while the poll runs");
    const forAuthor = await json(await stoa.request(`/api/v1/polls/${poll.id}`, { token: ada.token }));
    assert.equal(forAuthor.options[1].votes_count, 1, "but not from its author");
    assert.equal((await stoa.request(`/api/v1/polls/${poll.id}/votes`, { token: bob.token, json: { choices: [0] } })).status, 422, "one vote each");
    assert.equal((await stoa.request(`/api/v1/polls/${poll.id}/votes`, { token: ada.token, json: { choices: [0] } })).status, 422, "not in your own poll");
    assert.equal((await stoa.request(`/api/v1/polls/${poll.id}/votes`, { token: cat.token, json: { choices: [0, 1] } })).status, 422, "single choice");
    assert.equal((await stoa.request(`/api/v1/polls/${poll.id}/votes`, { token: cat.token, json: { choices: [7] } })).status, 422);

    // The poll ends: voters and the author are notified.
    await stoa.ctx.sql`update polls set expires_at = now() - interval '1 second' where id = ${poll.id}`;
    await stoa.ctx.sql`update jobs set run_at = now() where kind = 'polls.expired' and payload->>'pollId' = ${poll.id}`;
    await stoa.drain();
    const ended = await json(await stoa.request(`/api/v1/polls/${poll.id}`, { token: bob.token }));
    assert.equal(ended.expired, true);
    assert.equal(ended.options[1].votes_count, 1);
    const notified = await stoa.ctx.sql`select account_id from notifications where type = 'poll' order by account_id`;
    assert.deepEqual(notified.map((n) => n.accountId).sort(), [ada.accountId, bob.accountId].sort());
    assert.equal((await stoa.request(`/api/v1/polls/${poll.id}/votes`, { token: cat.token, json: { choices: [0] } })).status, 422, "ended polls take no votes");
  });

  it("accepts several choices on multiple-choice polls", async () => {
    const poll = (await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: {
      status: "Pick any", poll: { options: ["a", "b", "c"], expires_in: 600, multiple: true },
    } }))).poll;
    const voted = await json(await stoa.request(`/api/v1/polls/${poll.id}/votes`, { token: bob.token, json: { choices: [0, 2] } }));
    assert.deepEqual(voted.own_votes, [0, 2]);
    assert.equal(voted.voters_count, 1);
    assert.equal(voted.votes_count, 2);
  });

  it("refuses invalid polls and stores nothing", async () => {
    const [before] = await stoa.ctx.sql`select count(*)::int as n from statuses`;
    for (const poll of [
      { options: ["only one"], expires_in: 600 },
      { options: ["a", "b", "c", "d", "e"], expires_in: 600 },
      { options: ["a", "x".repeat(51)], expires_in: 600 },
      { options: ["a", "a"], expires_in: 600 },
      { options: ["a", "b"], expires_in: 10 },
    ]) {
      assert.equal((await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "bad poll", poll } })).status, 422, JSON.stringify(poll));
    }
    const [afterwards] = await stoa.ctx.sql`select count(*)::int as n from statuses`;
    assert.equal(afterwards!.n, before!.n);
  });
});
