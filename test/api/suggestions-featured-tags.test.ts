import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

describe("follow suggestions and featured hashtags", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  let cat: TestUser;
  let dee: TestUser;
  let eve: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
    cat = await createUser(stoa, "cat");
    dee = await createUser(stoa, "dee");
    eve = await createUser(stoa, "eve");
  });
  after(() => stoa.close());

  const post = (who: TestUser, path: string, body?: unknown) =>
    stoa.request(path, { token: who.token, method: "POST", ...(body ? { json: body } : {}) });
  const suggested = async (who: TestUser) =>
    (await json(await stoa.request("/api/v2/suggestions", { token: who.token }))).map((s: { account: { username: string }; sources: string[] }) => `${s.account.username}:${s.sources[0]}`);

  it("suggests friends of friends first, then recently active local accounts", async () => {
    await json(await post(ada, `/api/v1/accounts/${bob.accountId}/follow`));
    await json(await post(ada, `/api/v1/accounts/${cat.accountId}/follow`));
    await json(await post(bob, `/api/v1/accounts/${dee.accountId}/follow`));
    await json(await post(cat, `/api/v1/accounts/${dee.accountId}/follow`));
    await json(await post(cat, `/api/v1/accounts/${eve.accountId}/follow`));
    await stoa.ctx.sql`update accounts set last_status_at = now() where id in (${bob.accountId}, ${ada.accountId})`;
    assert.deepEqual(await suggested(ada), ["dee:friends_of_friends", "eve:friends_of_friends"]);
    const full = await json(await stoa.request("/api/v2/suggestions", { token: ada.token }));
    assert.equal(full[0].source, "past_interactions");
    assert.equal(full[0].account.id, dee.accountId);
    assert.deepEqual(await suggested(eve), ["bob:most_interactions", "ada:most_interactions"], "equally active: more followed first");
    const v1 = await json(await stoa.request("/api/v1/suggestions?limit=1", { token: eve.token }));
    assert.deepEqual(v1.map((a: { username: string }) => a.username), ["bob"]);
  });

  it("leaves out dismissed, muted, blocked and undiscoverable accounts", async () => {
    assert.deepEqual(await json(await stoa.request(`/api/v1/suggestions/${dee.accountId}`, { token: ada.token, method: "DELETE" })), {});
    assert.deepEqual(await suggested(ada), ["eve:friends_of_friends"]);
    await json(await post(ada, `/api/v1/accounts/${eve.accountId}/mute`));
    assert.deepEqual(await suggested(ada), []);
    await json(await post(ada, `/api/v1/accounts/${eve.accountId}/unmute`));
    await json(await post(eve, `/api/v1/accounts/${ada.accountId}/block`));
    assert.deepEqual(await suggested(ada), []);
    await stoa.ctx.sql`update accounts set discoverable = false where id = ${bob.accountId}`;
    assert.deepEqual(await suggested(cat), ["ada:most_interactions"]);
    assert.equal((await stoa.request("/api/v1/suggestions/424242", { token: ada.token, method: "DELETE" })).status, 404);
    assert.equal((await stoa.request("/api/v2/suggestions")).status, 401);
  });

  it("features hashtags with their use counts, suggests used ones, and unfeatures", async () => {
    for (const text of ["on #Poetry and #maths", "more #poetry", "private #poetry"]) {
      const visibility = text.startsWith("private") ? "private" : "public";
      await json(await stoa.request("/api/v1/statuses", { token: bob.token, json: { status: text, visibility } }));
    }
    const suggestions = await json(await stoa.request("/api/v1/featured_tags/suggestions", { token: bob.token }));
    assert.deepEqual(suggestions.map((t: { name: string }) => t.name), ["poetry", "maths"]);
    const featured = await json(await post(bob, "/api/v1/featured_tags", { name: "#Poetry" }));
    assert.equal(featured.statuses_count, "2", "public and unlisted statuses count");
    assert.match(featured.last_status_at, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(featured.url, "http://stoa.test/@bob/tagged/poetry");
    const fresh = await json(await post(bob, "/api/v1/featured_tags", { name: "Unused_Tag" }));
    assert.deepEqual({ name: fresh.name, count: fresh.statuses_count, last: fresh.last_status_at }, { name: "Unused_Tag", count: "0", last: null });
    assert.deepEqual((await json(await stoa.request("/api/v1/featured_tags/suggestions", { token: bob.token }))).map((t: { name: string }) => t.name), ["maths"]);
    const listed = await json(await stoa.request(`/api/v1/accounts/${bob.accountId}/featured_tags`));
    assert.deepEqual(listed.map((t: { name: string }) => t.name), ["poetry", "Unused_Tag"]);
    assert.deepEqual(await json(await stoa.request(`/api/v1/featured_tags/${fresh.id}`, { token: bob.token, method: "DELETE" })), {});
    assert.deepEqual((await json(await stoa.request("/api/v1/featured_tags", { token: bob.token }))).map((t: { name: string }) => t.name), ["poetry"]);
  });

  it("refuses invalid, duplicate, excess and foreign featured tags, changing nothing", async () => {
    const count = async () => (await stoa.ctx.sql`select count(*)::int as n from featured_tags`)[0]!.n as number;
    const before = await count();
    for (const name of ["", "#", "two words", "123", "x".repeat(101), "<script>"]) {
      assert.equal((await post(bob, "/api/v1/featured_tags", { name })).status, 422, name);
    }
    assert.equal((await post(bob, "/api/v1/featured_tags", { name: "POETRY" })).status, 422, "already featured");
    const [own] = await json(await stoa.request("/api/v1/featured_tags", { token: bob.token }));
    assert.equal((await stoa.request(`/api/v1/featured_tags/${own.id}`, { token: ada.token, method: "DELETE" })).status, 404);
    assert.equal((await stoa.request("/api/v1/featured_tags/abc", { token: ada.token, method: "DELETE" })).status, 404);
    assert.equal(await count(), before);
    for (let i = 1; i <= 9; i++) await json(await post(ada, "/api/v1/featured_tags", { name: `tag${i}` }));
    await json(await post(ada, "/api/v1/featured_tags", { name: "tenth" }));
    assert.equal((await post(ada, "/api/v1/featured_tags", { name: "eleventh" })).status, 422);
    assert.equal((await json(await stoa.request("/api/v1/featured_tags", { token: ada.token }))).length, 10);
  });
});
