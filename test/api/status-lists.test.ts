import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

const ids = (list: { id: string }[]) => list.map((s) => s.id);

describe("status lists, pins and who interacted", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
  });
  after(() => stoa.close());

  const post = async (user: TestUser, body: Record<string, unknown>) => json(await stoa.request("/api/v1/statuses", { token: user.token, json: body }));

  it("lists an account's statuses with its filters, and pins", async () => {
    const a = await post(ada, { status: "one #cats" });
    const b = await post(ada, { status: "two" });
    const reply = await post(ada, { status: "@bob reply", in_reply_to_id: (await post(bob, { status: "bob's" })).id });
    const secret = await post(ada, { status: "followers only", visibility: "private" });
    assert.deepEqual(ids(await json(await stoa.request(`/api/v1/accounts/${ada.accountId}/statuses`))), [reply.id, b.id, a.id], "others see public posts");
    assert.deepEqual(ids(await json(await stoa.request(`/api/v1/accounts/${ada.accountId}/statuses`, { token: ada.token }))), [secret.id, reply.id, b.id, a.id]);
    assert.deepEqual(ids(await json(await stoa.request(`/api/v1/accounts/${ada.accountId}/statuses?exclude_replies=true`))), [b.id, a.id]);
    assert.deepEqual(ids(await json(await stoa.request(`/api/v1/accounts/${ada.accountId}/statuses?tagged=cats`))), [a.id]);
    const pinned = await json(await stoa.request(`/api/v1/statuses/${a.id}/pin`, { token: ada.token, method: "POST" }));
    assert.equal(pinned.pinned, true);
    assert.deepEqual(ids(await json(await stoa.request(`/api/v1/accounts/${ada.accountId}/statuses?pinned=true`))), [a.id]);
    assert.equal((await stoa.request(`/api/v1/statuses/${secret.id}/pin`, { token: ada.token, method: "POST" })).status, 422, "private statuses can't be pinned");
    assert.equal((await stoa.request(`/api/v1/statuses/${b.id}/pin`, { token: bob.token, method: "POST" })).status, 404, "nor others' statuses");
    const page = await stoa.request(`/api/v1/accounts/${ada.accountId}/statuses?limit=1`);
    assert.match(page.headers.get("link")!, /rel="next"/);
  });

  it("lists favourites and bookmarks newest first, and who favourited or boosted", async () => {
    const s1 = await post(ada, { status: "fav me" });
    const s2 = await post(ada, { status: "fav me too" });
    await json(await stoa.request(`/api/v1/statuses/${s2.id}/favourite`, { token: bob.token, method: "POST" }));
    await json(await stoa.request(`/api/v1/statuses/${s1.id}/favourite`, { token: bob.token, method: "POST" }));
    await json(await stoa.request(`/api/v1/statuses/${s1.id}/bookmark`, { token: bob.token, method: "POST" }));
    await json(await stoa.request(`/api/v1/statuses/${s1.id}/reblog`, { token: bob.token, method: "POST" }));
    assert.deepEqual(ids(await json(await stoa.request("/api/v1/favourites", { token: bob.token }))), [s1.id, s2.id], "ordered by when they were favourited");
    assert.deepEqual(ids(await json(await stoa.request("/api/v1/bookmarks", { token: bob.token }))), [s1.id]);
    const favouritedBy = await json(await stoa.request(`/api/v1/statuses/${s1.id}/favourited_by`));
    assert.deepEqual(favouritedBy.map((a: { username: string }) => a.username), ["bob"]);
    const rebloggedBy = await json(await stoa.request(`/api/v1/statuses/${s1.id}/reblogged_by`));
    assert.deepEqual(rebloggedBy.map((a: { username: string }) => a.username), ["bob"]);
    assert.equal((await stoa.request("/api/v1/favourites")).status, 401);
  });

  it("reads the tag timeline with any, all and none", async () => {
    const both = await post(bob, { status: "#alpha #beta" });
    const alpha = await post(bob, { status: "#alpha only" });
    assert.deepEqual(ids(await json(await stoa.request("/api/v1/timelines/tag/alpha"))), [alpha.id, both.id]);
    assert.deepEqual(ids(await json(await stoa.request("/api/v1/timelines/tag/alpha?all[]=beta"))), [both.id]);
    assert.deepEqual(ids(await json(await stoa.request("/api/v1/timelines/tag/alpha?none[]=beta"))), [alpha.id]);
    assert.deepEqual(ids(await json(await stoa.request("/api/v1/timelines/tag/ALPHA?limit=1"))), [alpha.id]);
  });

  it("mutes a conversation and fetches several statuses at once", async () => {
    const s = await post(ada, { status: "a thread" });
    const muted = await json(await stoa.request(`/api/v1/statuses/${s.id}/mute`, { token: bob.token, method: "POST" }));
    assert.equal(muted.muted, true);
    const reply = await post(ada, { status: "@bob still talking", in_reply_to_id: s.id });
    const [n] = await stoa.ctx.sql`select count(*)::int as n from notifications where account_id = ${bob.accountId} and status_id = ${reply.id}`;
    assert.equal(n!.n, 0, "a muted conversation sends no notifications");
    const many = await json(await stoa.request(`/api/v1/statuses?id[]=${s.id}&id[]=123`));
    assert.deepEqual(ids(many), [s.id]);
  });
});
