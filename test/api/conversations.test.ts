import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

describe("direct conversations", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  let eve: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
    eve = await createUser(stoa, "eve");
  });
  after(() => stoa.close());

  it("lists a direct thread for both sides, unread for the recipient, and marks it read", async () => {
    const first = await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "@bob psst", visibility: "direct" } }));
    const reply = await json(await stoa.request("/api/v1/statuses", { token: bob.token, json: { status: "@ada yes?", visibility: "direct", in_reply_to_id: first.id } }));
    await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "public, not a conversation" } }));
    await stoa.drain();
    const [forBob] = await json(await stoa.request("/api/v1/conversations", { token: bob.token }));
    assert.equal(forBob.last_status.id, reply.id);
    assert.deepEqual(forBob.accounts.map((a: { username: string }) => a.username), ["ada"]);
    const [forAda] = await json(await stoa.request("/api/v1/conversations", { token: ada.token }));
    assert.equal(forAda.unread, true, "bob's reply is unread for ada");
    assert.equal((await json(await stoa.request(`/api/v1/conversations/${forAda.id}/read`, { token: ada.token, method: "POST" }))).unread, false);
    assert.deepEqual(await json(await stoa.request("/api/v1/conversations", { token: eve.token })), [], "outsiders see nothing");
    assert.equal((await stoa.request(`/api/v1/conversations/${forAda.id}`, { token: eve.token, method: "DELETE" })).status, 404);
    await json(await stoa.request(`/api/v1/conversations/${forAda.id}`, { token: ada.token, method: "DELETE" }));
    assert.deepEqual(await json(await stoa.request("/api/v1/conversations", { token: ada.token })), []);
  });
});
