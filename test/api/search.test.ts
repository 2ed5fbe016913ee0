import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

describe("search v2", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  let hidden: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
    hidden = await createUser(stoa, "hidden");
    await stoa.ctx.sql`update accounts set indexable = false where id = ${hidden.accountId}`;
  });
  after(() => stoa.close());

  const post = async (user: TestUser, body: Record<string, unknown>) => json(await stoa.request("/api/v1/statuses", { token: user.token, json: body }));
  const search = async (query: string, token?: string) => json(await stoa.request(`/api/v2/search?${query}`, token ? { token } : {}));

  it("finds statuses by their words, respecting visibility and indexing choices", async () => {
    const open = await post(bob, { status: "Participatory budgets in Porto Alegre" });
    await post(bob, { status: "Private thoughts on budgets", visibility: "private" });
    await post(hidden, { status: "Budgets, but please do not index me" });
    const own = await post(ada, { status: "My own budgets note", visibility: "private" });
    const found = await search("q=budgets&type=statuses", ada.token);
    assert.deepEqual(found.statuses.map((s: { id: string }) => s.id), [own.id, open.id]);
    assert.deepEqual((await search("q=budgets&type=statuses")).statuses, [], "statuses need a token");
  });

  it("finds accounts and hashtags by prefix", async () => {
    await post(bob, { status: "#Democracy #demos" });
    const tags = await search("q=%23demo&type=hashtags");
    assert.deepEqual(tags.hashtags.map((t: { name: string }) => t.name).sort(), ["democracy", "demos"]);
    const accounts = await search("q=bo&type=accounts", ada.token);
    assert.deepEqual(accounts.accounts.map((a: { username: string }) => a.username), ["bob"]);
  });

  it("refuses a missing query", async () => {
    assert.equal((await stoa.request("/api/v2/search?q=")).status, 422);
    assert.equal((await stoa.request("/api/v2/search?q=x&type=planets")).status, 422);
  });
});
