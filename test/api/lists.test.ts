import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

describe("lists", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  let cat: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
    cat = await createUser(stoa, "cat");
    await json(await stoa.request(`/api/v1/accounts/${bob.accountId}/follow`, { token: ada.token, method: "POST" }));
    await json(await stoa.request(`/api/v1/accounts/${cat.accountId}/follow`, { token: ada.token, method: "POST" }));
  });
  after(() => stoa.close());

  it("manages a list of followed accounts and reads its timeline", async () => {
    const list = await json(await stoa.request("/api/v1/lists", { token: ada.token, json: { title: "Friends" } }));
    assert.equal(list.replies_policy, "list");
    await json(await stoa.request(`/api/v1/lists/${list.id}/accounts`, { token: ada.token, json: { account_ids: [bob.accountId] } }));
    const members = await json(await stoa.request(`/api/v1/lists/${list.id}/accounts`, { token: ada.token }));
    assert.deepEqual(members.map((a: { username: string }) => a.username), ["bob"]);
    const fromBob = await json(await stoa.request("/api/v1/statuses", { token: bob.token, json: { status: "bob here" } }));
    await json(await stoa.request("/api/v1/statuses", { token: cat.token, json: { status: "cat here" } }));
    const timeline = await json(await stoa.request(`/api/v1/timelines/list/${list.id}`, { token: ada.token }));
    assert.deepEqual(timeline.map((s: { id: string }) => s.id), [fromBob.id]);
    const renamed = await json(await stoa.request(`/api/v1/lists/${list.id}`, { token: ada.token, method: "PUT", json: { title: "Close friends" } }));
    assert.equal(renamed.title, "Close friends");
    assert.deepEqual((await json(await stoa.request(`/api/v1/accounts/${bob.accountId}/lists`, { token: ada.token }))).map((l: { id: string }) => l.id), [list.id]);
  });

  it("keeps exclusive lists' members out of the home timeline", async () => {
    const list = await json(await stoa.request("/api/v1/lists", { token: ada.token, json: { title: "Cats only", exclusive: true } }));
    await json(await stoa.request(`/api/v1/lists/${list.id}/accounts`, { token: ada.token, json: { account_ids: [cat.accountId] } }));
    const meow = await json(await stoa.request("/api/v1/statuses", { token: cat.token, json: { status: "meow" } }));
    await stoa.drain();
    const home = await json(await stoa.request("/api/v1/timelines/home", { token: ada.token }));
    assert.ok(!home.some((s: { id: string }) => s.id === meow.id));
    const listed = await json(await stoa.request(`/api/v1/timelines/list/${list.id}`, { token: ada.token }));
    assert.equal(listed[0].id, meow.id);
  });

  it("honours the replies policy and pages members", async () => {
    const dan = await createUser(stoa, "dan");
    const list = await json(await stoa.request("/api/v1/lists", { token: ada.token, json: { title: "Replies", replies_policy: "none" } }));
    await json(await stoa.request(`/api/v1/lists/${list.id}/accounts`, { token: ada.token, json: { account_ids: [bob.accountId, cat.accountId] } }));
    const question = await json(await stoa.request("/api/v1/statuses", { token: dan.token, json: { status: "anyone?" } }));
    const toStranger = await json(await stoa.request("/api/v1/statuses", { token: bob.token, json: { status: "@dan yes", in_reply_to_id: question.id } }));
    const catPost = await json(await stoa.request("/api/v1/statuses", { token: cat.token, json: { status: "cat again" } }));
    const toMember = await json(await stoa.request("/api/v1/statuses", { token: bob.token, json: { status: "@cat indeed", in_reply_to_id: catPost.id } }));
    const read = async () => (await json(await stoa.request(`/api/v1/timelines/list/${list.id}`, { token: ada.token }))).map((s: { id: string }) => s.id);
    assert.deepEqual((await read()).slice(0, 1), [catPost.id], "no replies at all under `none`");
    await json(await stoa.request(`/api/v1/lists/${list.id}`, { token: ada.token, method: "PUT", json: { replies_policy: "list" } }));
    assert.deepEqual((await read()).slice(0, 2), [toMember.id, catPost.id], "replies to members under `list`");
    await json(await stoa.request(`/api/v1/lists/${list.id}`, { token: ada.token, method: "PUT", json: { replies_policy: "followed" } }));
    assert.ok(!(await read()).includes(toStranger.id), "ada does not follow dan");

    const first = await stoa.request(`/api/v1/lists/${list.id}/accounts?limit=1`, { token: ada.token });
    assert.equal((await json(first)).length, 1);
    assert.match(first.headers.get("link")!, /rel="next"/);
    assert.equal((await json(await stoa.request(`/api/v1/lists/${list.id}/accounts?limit=0`, { token: ada.token }))).length, 2);
    await json(await stoa.request("/api/v1/accounts/999999/lists", { token: ada.token }), 404);
  });

  it("refuses others' lists, unfollowed accounts and bad titles", async () => {
    const list = await json(await stoa.request("/api/v1/lists", { token: ada.token, json: { title: "Mine" } }));
    assert.equal((await stoa.request(`/api/v1/lists/${list.id}`, { token: bob.token })).status, 404);
    assert.equal((await stoa.request(`/api/v1/timelines/list/${list.id}`, { token: bob.token })).status, 404);
    assert.equal((await stoa.request(`/api/v1/lists/${list.id}/accounts`, { token: ada.token, json: { account_ids: [ada.accountId] } })).status, 422);
    assert.equal((await stoa.request("/api/v1/lists", { token: ada.token, json: { title: "" } })).status, 422);
    assert.equal((await stoa.request("/api/v1/lists", { token: ada.token, json: { title: "x".repeat(101) } })).status, 422);
    assert.equal((await stoa.request("/api/v1/lists", { token: ada.token, json: { title: "x", replies_policy: "all" } })).status, 422);
    assert.equal((await stoa.request(`/api/v1/lists/${list.id}`, { token: bob.token, method: "DELETE" })).status, 404);
    assert.equal((await stoa.request(`/api/v1/lists/${list.id}/accounts`, { token: ada.token, json: { account_ids: ["abc"] } })).status, 422);
    assert.equal((await stoa.request(`/api/v1/lists/${list.id}`, { token: ada.token, method: "DELETE" })).status, 200);
    assert.equal((await stoa.request(`/api/v1/lists/${list.id}`, { token: ada.token })).status, 404);
  });
});
