import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

describe("grouped notifications (v2)", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  const fans: TestUser[] = [];
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    for (const name of ["bob", "cat", "dan"]) fans.push(await createUser(stoa, name));
  });
  after(() => stoa.close());

  it("groups favourites of one status and keeps mentions apart", async () => {
    const status = await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "Like this" } }));
    for (const fan of fans) await json(await stoa.request(`/api/v1/statuses/${status.id}/favourite`, { token: fan.token, method: "POST" }));
    await json(await stoa.request("/api/v1/statuses", { token: fans[0]!.token, json: { status: "@ada hi" } }));
    const body = await json(await stoa.request("/api/v2/notifications", { token: ada.token }));
    assert.equal(body.notification_groups.length, 2);
    const [mention, favourites] = body.notification_groups;
    assert.equal(mention.type, "mention");
    assert.match(mention.group_key, /^ungrouped-/);
    assert.equal(favourites.type, "favourite");
    assert.equal(favourites.notifications_count, 3);
    assert.equal(favourites.status_id, status.id);
    assert.deepEqual(favourites.sample_account_ids, [fans[2]!.accountId, fans[1]!.accountId, fans[0]!.accountId]);
    assert.equal(body.accounts.length, 3, "accounts are listed once");
    assert.equal(body.statuses.length, 2);
    assert.equal((await json(await stoa.request("/api/v2/notifications/unread_count", { token: ada.token }))).count, 2);

    await json(await stoa.request(`/api/v2/notifications/${favourites.group_key}/dismiss`, { token: ada.token, method: "POST" }));
    const after = await json(await stoa.request("/api/v2/notifications", { token: ada.token }));
    assert.deepEqual(after.notification_groups.map((g: { type: string }) => g.type), ["mention"]);
  });

  it("reads one group and its accounts, and ungroups types on request", async () => {
    const status = await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "Boost this" } }));
    for (const fan of fans.slice(0, 2)) await json(await stoa.request(`/api/v1/statuses/${status.id}/reblog`, { token: fan.token, method: "POST" }));
    await stoa.drain();
    const body = await json(await stoa.request("/api/v2/notifications?types[]=reblog", { token: ada.token }));
    assert.equal(body.notification_groups.length, 1);
    const group = body.notification_groups[0];
    assert.match(group.group_key, new RegExp(`^reblog-${status.id}-[0-9]+$`));
    assert.equal(group.notifications_count, 2);

    const one = await json(await stoa.request(`/api/v2/notifications/${group.group_key}`, { token: ada.token }));
    assert.equal(one.notification_groups.length, 1);
    assert.equal(one.notification_groups[0].notifications_count, 2);
    assert.deepEqual(one.statuses.map((s: { id: string }) => s.id), [status.id]);
    const accounts = await json(await stoa.request(`/api/v2/notifications/${group.group_key}/accounts`, { token: ada.token }));
    assert.deepEqual(accounts.map((a: { username: string }) => a.username).sort(), ["bob", "cat"]);

    const ungrouped = await json(await stoa.request("/api/v2/notifications?types[]=reblog&grouped_types[]=favourite", { token: ada.token }));
    assert.equal(ungrouped.notification_groups.length, 2);
    assert.ok(ungrouped.notification_groups.every((g: { group_key: string }) => g.group_key.startsWith("ungrouped-")));
    const single = await json(await stoa.request(`/api/v2/notifications/${ungrouped.notification_groups[0].group_key}`, { token: ada.token }));
    assert.equal(single.notification_groups[0].notifications_count, 1);
    // Another account never sees ada's groups.
    await json(await stoa.request(`/api/v2/notifications/${group.group_key}`, { token: fans[0]!.token }), 404);
    await json(await stoa.request(`/api/v2/notifications/${group.group_key}/dismiss`, { token: fans[0]!.token, method: "POST" }), 404);
    assert.equal((await json(await stoa.request(`/api/v2/notifications/${group.group_key}`, { token: ada.token }))).notification_groups.length, 1);
  });

  it("needs a token and refuses bad input", async () => {
    assert.equal((await stoa.request("/api/v2/notifications")).status, 401);
    await json(await stoa.request("/api/v2/notifications?types[]=bogus", { token: ada.token }), 422);
    await json(await stoa.request("/api/v2/notifications?grouped_types[]=mention", { token: ada.token }), 422);
    await json(await stoa.request("/api/v2/notifications/nothing-here", { token: ada.token }), 404);
    await json(await stoa.request("/api/v2/notifications/ungrouped-1/accounts", { token: ada.token }), 404);
  });
});
