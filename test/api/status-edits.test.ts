import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

describe("editing statuses", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
  });
  after(() => stoa.close());

  it("edits with history and source, and tells those who boosted", async () => {
    const status = await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "First #draft" } }));
    await json(await stoa.request(`/api/v1/statuses/${status.id}/reblog`, { token: bob.token, method: "POST" }));
    const edited = await json(await stoa.request(`/api/v1/statuses/${status.id}`, { token: ada.token, method: "PUT", json: { status: "Second #final", spoiler_text: "cw" } }));
    assert.match(edited.content, /Second/);
    assert.ok(edited.edited_at);
    assert.equal(edited.spoiler_text, "cw");
    assert.equal(edited.sensitive, true, "a content warning makes it sensitive");
    assert.deepEqual(edited.tags.map((t: { name: string }) => t.name), ["final"]);
    const history = await json(await stoa.request(`/api/v1/statuses/${status.id}/history`));
    assert.equal(history.length, 2);
    assert.match(history[0].content, /First/);
    assert.match(history[1].content, /Second/);
    assert.equal(history[1].spoiler_text, "cw");
    const source = await json(await stoa.request(`/api/v1/statuses/${status.id}/source`, { token: ada.token }));
    assert.deepEqual(source, { id: status.id, text: "Second #final", spoiler_text: "cw" });
    const [n] = await stoa.ctx.sql`select count(*)::int as n from notifications where account_id = ${bob.accountId} and type = 'update'`;
    assert.equal(n!.n, 1);
  });

  it("shows one version for an unedited status", async () => {
    const status = await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "Never changed" } }));
    const history = await json(await stoa.request(`/api/v1/statuses/${status.id}/history`));
    assert.equal(history.length, 1);
    assert.match(history[0].content, /Never changed/);
  });

  it("refuses edits of others' statuses and bad input, changing nothing", async () => {
    const status = await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "Mine" } }));
    assert.equal((await stoa.request(`/api/v1/statuses/${status.id}`, { token: bob.token, method: "PUT", json: { status: "Hijacked" } })).status, 404);
    assert.equal((await stoa.request(`/api/v1/statuses/${status.id}`, { token: ada.token, method: "PUT", json: { status: "x".repeat(501) } })).status, 422);
    assert.equal((await stoa.request(`/api/v1/statuses/${status.id}/source`, { token: bob.token })).status, 404);
    const after = await json(await stoa.request(`/api/v1/statuses/${status.id}`));
    assert.match(after.content, /Mine/);
    assert.equal(after.edited_at, null);
  });
});
