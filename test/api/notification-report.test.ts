import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

describe("admin.report notifications carry their report", () => {
  let stoa: TestInstance;
  let owner: TestUser;
  let ada: TestUser;
  let troll: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    owner = await createUser(stoa, "founder");
    ada = await createUser(stoa, "ada");
    troll = await createUser(stoa, "troll");
  });
  after(() => stoa.close());

  it("in v1 and grouped v2 notifications", async () => {
    const bad = await json(await stoa.request("/api/v1/statuses", { token: troll.token, json: { status: "nasty" } }));
    const filed = await json(await stoa.request("/api/v1/reports", { token: ada.token, json: {
      account_id: troll.accountId, status_ids: [bad.id], category: "spam", comment: "look", forward: false,
    } }));
    await stoa.drain();
    const [n] = await json(await stoa.request("/api/v1/notifications", { token: owner.token }));
    assert.equal(n.type, "admin.report");
    assert.equal(n.account.username, "ada");
    assert.deepEqual(n.report, {
      id: filed.id, action_taken: false, action_taken_at: null, category: "spam", comment: "look", forwarded: false,
      created_at: filed.created_at, status_ids: [bad.id], rule_ids: [], target_account: n.report.target_account,
    });
    assert.equal(n.report.target_account.username, "troll");

    const grouped = await json(await stoa.request("/api/v2/notifications", { token: owner.token }));
    const group = grouped.notification_groups.find((g: { type: string }) => g.type === "admin.report");
    assert.equal(group.report.id, filed.id);
    assert.equal(group.report.target_account.id, troll.accountId);

    const single = await json(await stoa.request(`/api/v1/notifications/${n.id}`, { token: owner.token }));
    assert.equal(single.report.id, filed.id);
  });

  it("other notifications have no report field", async () => {
    await json(await stoa.request(`/api/v1/accounts/${owner.accountId}/follow`, { token: ada.token, method: "POST" }));
    await stoa.drain();
    const list = await json(await stoa.request("/api/v1/notifications", { token: owner.token }));
    const follow = list.find((x: { type: string }) => x.type === "follow");
    assert.ok(follow);
    assert.equal("report" in follow, false);
  });
});
