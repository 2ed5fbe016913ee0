import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";
import { issueToken } from "../../src/oauth/tokens.ts";

describe("reading accounts: by id, batch, lookup and search", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  let adele: TestUser;
  let gone: TestUser;
  let remote: string;
  before(async () => {
    stoa = await startTestInstance();
    [ada, bob, adele, gone] = [await createUser(stoa, "ada"), await createUser(stoa, "bob"), await createUser(stoa, "adele"), await createUser(stoa, "gone")];
    await stoa.ctx.sql`update accounts set display_name = 'Countess Lovelace' where id = ${ada.accountId}`;
    await stoa.ctx.sql`update accounts set display_name = 'Adele Goldberg', discoverable = false where id = ${adele.accountId}`;
    await stoa.ctx.sql`update accounts set suspended_at = now() where id = ${gone.accountId}`;
    remote = (await stoa.ctx.sql<{ id: string }[]>`
      insert into accounts (username, domain, display_name, uri, url)
      values ('ada', 'remote.example', 'Another Ada', 'https://remote.example/users/ada', 'https://remote.example/@ada') returning id`)[0]!.id;
  });
  after(() => stoa.close());

  const names = (list: { acct: string }[]) => list.map((a) => a.acct);

  it("shows one account, 404 for unknown and suspended ones", async () => {
    const a = await json(await stoa.request(`/api/v1/accounts/${ada.accountId}`));
    assert.equal(a.id, ada.accountId);
    assert.equal(a.acct, "ada");
    assert.equal(a.display_name, "Countess Lovelace");
    assert.equal(a.url, "http://stoa.test/@ada");
    const r = await json(await stoa.request(`/api/v1/accounts/${remote}`, { token: bob.token }));
    assert.equal(r.acct, "ada@remote.example");
    for (const id of [gone.accountId, "123", "99999999999999999999999"]) {
      const res = await stoa.request(`/api/v1/accounts/${id}`);
      assert.equal(res.status, 404, id);
      assert.deepEqual(await res.json(), { error: "Record not found" });
    }
  });

  it("includes the account a moved account points to", async () => {
    await stoa.ctx.sql`update accounts set moved_to_account_id = ${bob.accountId} where id = ${adele.accountId}`;
    const moved = await json(await stoa.request(`/api/v1/accounts/${adele.accountId}`));
    assert.equal(moved.moved.id, bob.accountId);
    await stoa.ctx.sql`update accounts set moved_to_account_id = null where id = ${adele.accountId}`;
  });

  it("lists accounts by id[] in order, skipping unknown, malformed and suspended ids", async () => {
    const list = await json(await stoa.request(`/api/v1/accounts?id[]=${bob.accountId}&id[]=${gone.accountId}&id[]=nope&id[]=42&id[]=${ada.accountId}`));
    assert.deepEqual(names(list), ["bob", "ada"]);
    assert.deepEqual(await json(await stoa.request("/api/v1/accounts")), []);
  });

  it("looks up local and known remote handles", async () => {
    assert.equal((await json(await stoa.request("/api/v1/accounts/lookup?acct=ADA"))).id, ada.accountId);
    assert.equal((await json(await stoa.request("/api/v1/accounts/lookup?acct=@ada@stoa.test"))).id, ada.accountId);
    assert.equal((await json(await stoa.request("/api/v1/accounts/lookup?acct=ada@remote.example"))).id, remote);
    assert.equal((await stoa.request("/api/v1/accounts/lookup?acct=nobody")).status, 404);
    assert.equal((await stoa.request("/api/v1/accounts/lookup?acct=gone")).status, 404);
    assert.equal((await stoa.request("/api/v1/accounts/lookup")).status, 422);
  });

  it("searches by username and display name prefixes, discoverable first", async () => {
    const found = await json(await stoa.request("/api/v1/accounts/search?q=ad", { token: bob.token }));
    assert.deepEqual(names(found).slice(0, 2), ["ada", "ada@remote.example"], "discoverable local accounts first");
    assert.ok(names(found).includes("adele"), "non-discoverable accounts still match, ranked after");
    assert.equal(names(found).at(-1), "adele");
    assert.deepEqual(names(await json(await stoa.request("/api/v1/accounts/search?q=lovel", { token: bob.token }))), ["ada"]);
    assert.deepEqual(names(await json(await stoa.request("/api/v1/accounts/search?q=countess%20love", { token: bob.token }))), ["ada"]);
    assert.deepEqual(names(await json(await stoa.request("/api/v1/accounts/search?q=ada@remote.example", { token: bob.token }))), ["ada@remote.example"]);
    assert.deepEqual(names(await json(await stoa.request("/api/v1/accounts/search?q=ad&limit=1&offset=1", { token: bob.token }))), ["ada@remote.example"]);
    assert.deepEqual(await json(await stoa.request("/api/v1/accounts/search?q=gone", { token: bob.token })), [], "suspended accounts are not found");
    assert.deepEqual(await json(await stoa.request("/api/v1/accounts/search?q=%26%7C!:*()", { token: bob.token })), [], "operators are not a query");
  });

  it("narrows search to followed accounts and hides blocked ones", async () => {
    await json(await stoa.request(`/api/v1/accounts/${ada.accountId}/follow`, { token: bob.token, method: "POST" }));
    assert.deepEqual(names(await json(await stoa.request("/api/v1/accounts/search?q=ad&following=true", { token: bob.token }))), ["ada"]);
    await json(await stoa.request(`/api/v1/accounts/${bob.accountId}/block`, { token: adele.token, method: "POST" }));
    assert.ok(!names(await json(await stoa.request("/api/v1/accounts/search?q=ad", { token: bob.token }))).includes("adele"));
  });

  it("requires a token with read:accounts for search, and the scope when a token is sent", async () => {
    assert.equal((await stoa.request("/api/v1/accounts/search?q=ada")).status, 401);
    const writeOnly = await issueToken(stoa.ctx.sql, { appId: null, userId: bob.userId, scopes: ["write"] });
    assert.equal((await stoa.request("/api/v1/accounts/search?q=ada", { token: writeOnly.accessToken })).status, 403);
    assert.equal((await stoa.request(`/api/v1/accounts/${ada.accountId}`, { token: writeOnly.accessToken })).status, 403);
    assert.equal((await stoa.request(`/api/v1/accounts/${ada.accountId}`, { token: "bogus" })).status, 401);
    assert.equal((await stoa.request(`/api/v1/accounts/search?q=${"a".repeat(600)}`, { token: bob.token })).status, 422);
  });
});
