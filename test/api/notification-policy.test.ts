import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

describe("notification policy and requests", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  let cat: TestUser;
  let dan: TestUser;
  const mention = async (from: TestUser, to: TestUser, extra: Record<string, unknown> = {}) => {
    const status = await json(await stoa.request("/api/v1/statuses", { token: from.token, json: { status: `@${to.username} hello`, ...extra } }));
    await stoa.drain();
    return status as { id: string };
  };
  const notificationsOf = async (user: TestUser, query = "") =>
    (await json(await stoa.request(`/api/v1/notifications${query}`, { token: user.token }))) as { id: string; account: { username: string } }[];

  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
    cat = await createUser(stoa, "cat");
    dan = await createUser(stoa, "dan");
    await json(await stoa.request(`/api/v1/accounts/${bob.accountId}/follow`, { token: ada.token, method: "POST" }));
  });
  after(() => stoa.close());

  it("has Mastodon's defaults and changes them", async () => {
    const policy = await json(await stoa.request("/api/v2/notifications/policy", { token: ada.token }));
    assert.deepEqual(policy, {
      for_not_following: "accept", for_not_followers: "accept", for_new_accounts: "accept",
      for_private_mentions: "filter", for_limited_accounts: "filter",
      summary: { pending_requests_count: 0, pending_notifications_count: 0 },
    });
    const changed = await json(await stoa.request("/api/v2/notifications/policy", { token: ada.token, method: "PATCH", json: { for_not_following: "filter" } }));
    assert.equal(changed.for_not_following, "filter");
    assert.equal(changed.for_private_mentions, "filter", "other settings are kept");
  });

  it("files notifications from strangers under requests, lets followed accounts through", async () => {
    await mention(bob, ada);
    const fromCat = await mention(cat, ada);
    await mention(cat, ada);
    assert.deepEqual((await notificationsOf(ada)).map((n) => n.account.username), ["bob"]);
    assert.equal((await notificationsOf(ada, "?include_filtered=true")).length, 3);
    assert.equal((await json(await stoa.request("/api/v1/notifications/unread_count", { token: ada.token }))).count, 1);

    const requests = await json(await stoa.request("/api/v1/notifications/requests", { token: ada.token }));
    assert.equal(requests.length, 1);
    assert.equal(requests[0].account.username, "cat");
    assert.equal(requests[0].notifications_count, "2");
    assert.equal(requests[0].last_status.id !== fromCat.id, true, "the last status is the newest one");
    const policy = await json(await stoa.request("/api/v2/notifications/policy", { token: ada.token }));
    assert.deepEqual(policy.summary, { pending_requests_count: 1, pending_notifications_count: 2 });
    assert.equal((await json(await stoa.request(`/api/v1/notifications/requests/${requests[0].id}`, { token: ada.token }))).id, requests[0].id);
    await json(await stoa.request(`/api/v1/notifications/requests/${requests[0].id}`, { token: bob.token }), 404);

    await json(await stoa.request(`/api/v1/notifications/requests/${requests[0].id}/accept`, { token: ada.token, method: "POST" }));
    assert.deepEqual((await notificationsOf(ada)).map((n) => n.account.username), ["cat", "cat", "bob"], "accepting merges the filtered ones");
    assert.deepEqual(await json(await stoa.request("/api/v1/notifications/requests/merged", { token: ada.token })), { merged: true });
    await mention(cat, ada);
    assert.equal((await notificationsOf(ada))[0]!.account.username, "cat", "an accepted sender is never filtered again");
    assert.deepEqual(await json(await stoa.request("/api/v1/notifications/requests", { token: ada.token })), []);
  });

  it("dismisses requests with their notifications, and drops when asked", async () => {
    await mention(dan, ada);
    const [request] = await json(await stoa.request("/api/v1/notifications/requests", { token: ada.token }));
    await json(await stoa.request("/api/v1/notifications/requests/dismiss", { token: ada.token, json: { id: [request.id] } }));
    assert.equal((await notificationsOf(ada, `?include_filtered=true&account_id=${dan.accountId}`)).length, 0);

    await json(await stoa.request("/api/v2/notifications/policy", { token: ada.token, method: "PATCH", json: { for_not_following: "drop" } }));
    await mention(dan, ada);
    assert.equal((await notificationsOf(ada, `?include_filtered=true&account_id=${dan.accountId}`)).length, 0);
    assert.deepEqual(await json(await stoa.request("/api/v1/notifications/requests", { token: ada.token })), []);
  });

  it("filters private mentions from strangers by default, but not replies to one's own post", async () => {
    const asked = await json(await stoa.request("/api/v1/statuses", { token: bob.token, json: { status: "@cat a question", visibility: "direct" } }));
    await mention(cat, bob, { visibility: "direct" });
    assert.equal((await notificationsOf(bob, "?types[]=mention")).length, 0, "an unsolicited private mention is filtered");
    await mention(cat, bob, { visibility: "direct", in_reply_to_id: asked.id });
    assert.equal((await notificationsOf(bob, "?types[]=mention")).length, 1, "an answer to bob's own private mention passes");
  });

  it("refuses bad input and changes nothing", async () => {
    await json(await stoa.request("/api/v2/notifications/policy", { token: ada.token, method: "PATCH", json: { for_new_accounts: "ignore" } }), 422);
    assert.equal((await json(await stoa.request("/api/v2/notifications/policy", { token: ada.token }))).for_new_accounts, "accept");
    await json(await stoa.request("/api/v2/notifications/policy"), 401);
    await json(await stoa.request("/api/v1/notifications/requests/123/accept", { token: ada.token, method: "POST" }), 404);
    await json(await stoa.request("/api/v1/notifications/requests/accept", { token: ada.token, json: { id: [] } }), 422);
    await json(await stoa.request("/api/v1/notifications/requests/dismiss", { token: ada.token, json: { id: ["x"] } }), 422);
  });
});
