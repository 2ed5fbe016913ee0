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

  it("needs a token", async () => {
    assert.equal((await stoa.request("/api/v2/notifications")).status, 401);
  });
});
