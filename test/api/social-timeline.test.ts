import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

describe("follows, relationships, blocks and mutes", () => {
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

  const rel = async (who: TestUser, id: string) => (await json(await stoa.request(`/api/v1/accounts/relationships?id[]=${id}`, { token: who.token })))[0];
  const account = async (id: string) => json(await stoa.request(`/api/v1/accounts/${id}`));

  it("follows, updates counters and flags, and feeds the home timeline", async () => {
    const r = await json(await stoa.request(`/api/v1/accounts/${ada.accountId}/follow`, { token: bob.token, method: "POST" }));
    assert.equal(r.following, true);
    assert.equal(r.showing_reblogs, true);
    assert.equal((await rel(ada, bob.accountId)).followed_by, true);
    assert.equal((await account(ada.accountId)).followers_count, 1);
    assert.equal((await account(bob.accountId)).following_count, 1);
    const followers = await json(await stoa.request(`/api/v1/accounts/${ada.accountId}/followers`));
    assert.deepEqual(followers.map((a: { username: string }) => a.username), ["bob"]);
    const [n] = await stoa.ctx.sql`select type from notifications where account_id = ${ada.accountId}`;
    assert.equal(n!.type, "follow");

    const status = await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "to my new follower" } }));
    await stoa.drain();
    assert.equal((await json(await stoa.request("/api/v1/timelines/home", { token: bob.token })))[0].id, status.id);

    const again = await json(await stoa.request(`/api/v1/accounts/${ada.accountId}/follow`, { token: bob.token, json: { reblogs: false, notify: true } }));
    assert.equal(again.showing_reblogs, false);
    assert.equal(again.notifying, true);
    assert.equal((await account(ada.accountId)).followers_count, 1, "following again only updates options");

    const unfollowed = await json(await stoa.request(`/api/v1/accounts/${ada.accountId}/unfollow`, { token: bob.token, method: "POST" }));
    assert.equal(unfollowed.following, false);
    assert.equal((await account(ada.accountId)).followers_count, 0);
  });

  it("turns a follow of a locked account into a request the owner authorizes", async () => {
    await stoa.ctx.sql`update accounts set locked = true where id = ${cat.accountId}`;
    const r = await json(await stoa.request(`/api/v1/accounts/${cat.accountId}/follow`, { token: ada.token, method: "POST" }));
    assert.equal(r.following, false);
    assert.equal(r.requested, true);
    const requests = await json(await stoa.request("/api/v1/follow_requests", { token: cat.token }));
    assert.deepEqual(requests.map((a: { username: string }) => a.username), ["ada"]);
    const authorized = await json(await stoa.request(`/api/v1/follow_requests/${ada.accountId}/authorize`, { token: cat.token, method: "POST" }));
    assert.equal(authorized.followed_by, true);
    assert.equal((await rel(ada, cat.accountId)).following, true);
  });

  it("blocks: removes follows both ways, hides statuses, refuses follows", async () => {
    await json(await stoa.request(`/api/v1/accounts/${bob.accountId}/follow`, { token: ada.token, method: "POST" }));
    await json(await stoa.request(`/api/v1/accounts/${ada.accountId}/follow`, { token: bob.token, method: "POST" }));
    const status = await json(await stoa.request("/api/v1/statuses", { token: bob.token, json: { status: "visible until blocked" } }));
    const blocked = await json(await stoa.request(`/api/v1/accounts/${ada.accountId}/block`, { token: bob.token, method: "POST" }));
    assert.equal(blocked.blocking, true);
    assert.equal(blocked.following, false);
    assert.equal(blocked.followed_by, false);
    assert.equal((await rel(ada, bob.accountId)).blocked_by, true);
    assert.equal((await stoa.request(`/api/v1/statuses/${status.id}`, { token: ada.token })).status, 404);
    assert.equal((await stoa.request(`/api/v1/accounts/${bob.accountId}/follow`, { token: ada.token, method: "POST" })).status, 403);
    const blocks = await json(await stoa.request("/api/v1/blocks", { token: bob.token }));
    assert.deepEqual(blocks.map((a: { username: string }) => a.username), ["ada"]);
    assert.equal((await json(await stoa.request(`/api/v1/accounts/${ada.accountId}/unblock`, { token: bob.token, method: "POST" }))).blocking, false);
  });

  it("mutes with a duration and lists mutes with their expiry", async () => {
    const muted = await json(await stoa.request(`/api/v1/accounts/${cat.accountId}/mute`, { token: bob.token, json: { notifications: false, duration: 3600 } }));
    assert.equal(muted.muting, true);
    assert.equal(muted.muting_notifications, false);
    const mutes = await json(await stoa.request("/api/v1/mutes", { token: bob.token }));
    assert.equal(mutes[0].username, "cat");
    assert.ok(mutes[0].mute_expires_at);
    assert.equal((await json(await stoa.request(`/api/v1/accounts/${cat.accountId}/unmute`, { token: bob.token, method: "POST" }))).muting, false);
  });

  it("refuses bad input and changes nothing", async () => {
    assert.equal((await stoa.request(`/api/v1/accounts/${ada.accountId}/follow`, { token: ada.token, method: "POST" })).status, 403, "following yourself");
    assert.equal((await stoa.request("/api/v1/accounts/99999999/follow", { token: ada.token, method: "POST" })).status, 404);
    assert.equal((await stoa.request("/api/v1/accounts/99999999")).status, 404);
    assert.equal((await stoa.request(`/api/v1/accounts/${bob.accountId}/mute`, { token: ada.token, json: { duration: -5 } })).status, 422);
    assert.equal((await stoa.request(`/api/v1/accounts/${bob.accountId}/follow`, { method: "POST" })).status, 401);
    const [row] = await stoa.ctx.sql`select count(*)::int as n from mutes where account_id = ${ada.accountId}`;
    assert.equal(row!.n, 0);
  });
});
