import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

describe("reports", () => {
  let stoa: TestInstance;
  let owner: TestUser;
  let ada: TestUser;
  let troll: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    owner = await createUser(stoa, "owner", { role: "owner" });
    ada = await createUser(stoa, "ada");
    troll = await createUser(stoa, "troll");
  });
  after(() => stoa.close());

  it("files a report, keeps the reported content as evidence, and tells moderators, not the reported", async () => {
    const [rule] = await stoa.ctx.sql`insert into rules (text) values ('No harassment') returning id`;
    const bad = await json(await stoa.request("/api/v1/statuses", { token: troll.token, json: { status: "something nasty" } }));
    const report = await json(await stoa.request("/api/v1/reports", { token: ada.token, json: {
      account_id: troll.accountId, status_ids: [bad.id], rule_ids: [rule!.id], category: "violation", comment: "please look",
    } }));
    assert.equal(report.category, "violation");
    assert.equal(report.target_account.username, "troll");
    assert.deepEqual(report.status_ids, [bad.id]);
    await json(await stoa.request(`/api/v1/statuses/${bad.id}`, { token: troll.token, method: "DELETE" }));
    const [evidence] = await stoa.ctx.sql`select text from report_evidence where report_id = ${report.id}`;
    assert.equal(evidence!.text, "something nasty", "deleting the status does not erase the evidence");
    const toOwner = await stoa.ctx.sql`select type from notifications where account_id = ${owner.accountId}`;
    assert.deepEqual(toOwner.map((n) => n.type), ["admin.report"]);
    const toTroll = await stoa.ctx.sql`select type from notifications where account_id = ${troll.accountId}`;
    assert.equal(toTroll.length, 0);
  });

  it("refuses reports about others' statuses, unknown rules or accounts, and changes nothing", async () => {
    const mine = await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "innocent" } }));
    const cases: [Record<string, unknown>, number][] = [
      [{ account_id: troll.accountId, status_ids: [mine.id] }, 404],
      [{ account_id: troll.accountId, rule_ids: ["12345"], category: "violation" }, 422],
      [{ account_id: troll.accountId, rule_ids: ["12345"], category: "spam" }, 422],
      [{ account_id: "99999999" }, 404],
      [{ account_id: ada.accountId }, 422],
      [{ account_id: troll.accountId, comment: "x".repeat(1001) }, 422],
    ];
    const [before] = await stoa.ctx.sql`select count(*)::int as n from reports`;
    for (const [body, status] of cases) assert.equal((await stoa.request("/api/v1/reports", { token: ada.token, json: body })).status, status, JSON.stringify(body));
    const [afterwards] = await stoa.ctx.sql`select count(*)::int as n from reports`;
    assert.equal(afterwards!.n, before!.n);
  });
});
