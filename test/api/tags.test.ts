import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

describe("hashtags", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
  });
  after(() => stoa.close());

  it("follows a tag and gets its public posts at home, with today's use in the history", async () => {
    const followed = await json(await stoa.request("/api/v1/tags/Commons/follow", { token: ada.token, method: "POST" }));
    assert.equal(followed.following, true);
    const tagged = await json(await stoa.request("/api/v1/statuses", { token: bob.token, json: { status: "On the #commons" } }));
    await json(await stoa.request("/api/v1/statuses", { token: bob.token, json: { status: "Quiet #commons", visibility: "unlisted" } }));
    await stoa.drain();
    const home = await json(await stoa.request("/api/v1/timelines/home", { token: ada.token }));
    assert.deepEqual(home.map((s: { id: string }) => s.id), [tagged.id], "public posts with the tag, not unlisted ones");
    const tag = await json(await stoa.request("/api/v1/tags/commons", { token: ada.token }));
    assert.equal(tag.history.length, 7);
    assert.equal(tag.history[0].uses, "2");
    assert.equal(tag.history[0].accounts, "1");
    assert.deepEqual((await json(await stoa.request("/api/v1/followed_tags", { token: ada.token }))).map((t: { name: string }) => t.name), ["Commons"]);
    assert.equal((await json(await stoa.request("/api/v1/tags/commons/unfollow", { token: ada.token, method: "POST" }))).following, false);
  });

  it("refuses unknown and malformed tags", async () => {
    assert.equal((await stoa.request("/api/v1/tags/neverused")).status, 404);
    assert.equal((await stoa.request("/api/v1/tags/bad-tag!/follow", { token: ada.token, method: "POST" })).status, 422);
  });
});
