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

  it("refuses others' lists, unfollowed accounts and bad titles", async () => {
    const list = await json(await stoa.request("/api/v1/lists", { token: ada.token, json: { title: "Mine" } }));
    assert.equal((await stoa.request(`/api/v1/lists/${list.id}`, { token: bob.token })).status, 404);
    assert.equal((await stoa.request(`/api/v1/timelines/list/${list.id}`, { token: bob.token })).status, 404);
    assert.equal((await stoa.request(`/api/v1/lists/${list.id}/accounts`, { token: ada.token, json: { account_ids: [ada.accountId] } })).status, 422);
    assert.equal((await stoa.request("/api/v1/lists", { token: ada.token, json: { title: "" } })).status, 422);
    assert.equal((await stoa.request("/api/v1/lists", { token: ada.token, json: { title: "x".repeat(101) } })).status, 422);
    assert.equal((await stoa.request(`/api/v1/lists/${list.id}`, { token: ada.token, method: "DELETE" })).status, 200);
    assert.equal((await stoa.request(`/api/v1/lists/${list.id}`, { token: ada.token })).status, 404);
  });
});
