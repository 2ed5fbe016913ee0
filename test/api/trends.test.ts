import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

describe("trends", () => {
  let stoa: TestInstance;
  let users: TestUser[];
  const posts: Record<string, string> = {};
  before(async () => {
    stoa = await startTestInstance();
    users = [];
    for (const name of ["ada", "bob", "cy", "dee"]) users.push(await createUser(stoa, name));
    const [ada, bob, cy, dee] = users as [TestUser, TestUser, TestUser, TestUser];
    const post = async (u: TestUser, status: string, extra: Record<string, unknown> = {}) =>
      (await json(await stoa.request("/api/v1/statuses", { token: u.token, json: { status, ...extra } }))).id as string;
    posts.popular = await post(ada, "#gardening season https://seeds.example/catalog. Look!");
    posts.liked = await post(bob, "#gardening again, see https://seeds.example/catalog");
    posts.quiet = await post(cy, "#gardening #solo and https://lonely.example/page");
    posts.cooking = await post(cy, "#cooking tonight https://food.example/r");
    await post(dee, "#cooking too https://food.example/r");
    posts.unlisted = await post(dee, "#secret unlisted https://hidden.example/x", { visibility: "unlisted" });
    await post(ada, "#secret unlisted too https://hidden.example/x", { visibility: "unlisted" });
    posts.hiddenAuthor = await post(dee, "a post by someone who opted out");
    await stoa.ctx.sql`update accounts set discoverable = false where id = ${dee.accountId}`;
    for (const u of [bob, cy, dee]) await json(await stoa.request(`/api/v1/statuses/${posts.popular}/favourite`, { token: u.token, method: "POST" }));
    await json(await stoa.request(`/api/v1/statuses/${posts.popular}/reblog`, { token: bob.token, method: "POST" }));
    await json(await stoa.request(`/api/v1/statuses/${posts.liked}/favourite`, { token: ada.token, method: "POST" }));
    await json(await stoa.request(`/api/v1/statuses/${posts.liked}/favourite`, { token: bob.token, method: "POST" })); // own: ignored
    await json(await stoa.request(`/api/v1/statuses/${posts.hiddenAuthor}/favourite`, { token: ada.token, method: "POST" }));
    await json(await stoa.request(`/api/v1/statuses/${posts.unlisted}/favourite`, { token: ada.token, method: "POST" }));
    await stoa.drain();
  });
  after(() => stoa.close());

  it("are computed by a job, not by the request", async () => {
    assert.deepEqual(await json(await stoa.request("/api/v1/trends/tags")), [], "nothing computed yet");
    const [pending] = await stoa.ctx.sql<{ count: number }[]>`select count(*)::int as count from jobs where kind = 'trends:refresh'`;
    assert.equal(pending!.count, 1, "the stale read asked for a refresh");
    await json(await stoa.request("/api/v1/trends/statuses"));
    const [still] = await stoa.ctx.sql<{ count: number }[]>`select count(*)::int as count from jobs where kind = 'trends:refresh'`;
    assert.equal(still!.count, 1, "one pending refresh is enough");
    await stoa.drain();
    assert.notDeepEqual(await json(await stoa.request("/api/v1/trends/tags")), []);
  });

  it("rank tags by distinct accounts, with a week of history", async () => {
    const tags = await json(await stoa.request("/api/v1/trends/tags"));
    assert.deepEqual(tags.map((t: { name: string }) => t.name), ["gardening"],
      "cooking's second author opted out of discovery, solo has one author, secret was unlisted");
    assert.equal(tags[0].history.length, 7);
    assert.deepEqual({ ...tags[0].history[0], day: undefined }, { day: undefined, uses: "3", accounts: "3" });
    assert.equal(tags[0].history[1].uses, "0");
    assert.equal(tags[0].url, "http://stoa.test/tags/gardening");
    assert.deepEqual(await json(await stoa.request("/api/v1/trends")), tags, "the older path answers the same");
    const withToken = await json(await stoa.request("/api/v1/trends/tags", { token: users[0]!.token }));
    assert.equal(withToken[0].following, false);
  });

  it("rank statuses by others' recent reblogs and favourites", async () => {
    const statuses = await json(await stoa.request("/api/v1/trends/statuses"));
    assert.deepEqual(statuses.map((s: { id: string }) => s.id), [posts.popular, posts.liked]);
    assert.equal(statuses[0].favourites_count, 3);
    const paged = await json(await stoa.request("/api/v1/trends/statuses?offset=1&limit=1"));
    assert.deepEqual(paged.map((s: { id: string }) => s.id), [posts.liked]);
    assert.deepEqual(await json(await stoa.request("/api/v1/trends/statuses?offset=2")), []);
  });

  it("rank links shared by several accounts", async () => {
    const links = await json(await stoa.request("/api/v1/trends/links"));
    assert.deepEqual(links.map((l: { url: string }) => l.url), ["https://seeds.example/catalog"], "trailing punctuation is not part of the URL");
    assert.equal(links[0].provider_name, "seeds.example");
    assert.equal(links[0].type, "link");
    assert.equal(links[0].history[0].accounts, "2");
    assert.equal((await stoa.request("/api/v1/trends/links?limit=0")).status, 422);
    assert.equal((await stoa.request("/api/v1/trends/links?offset=-1")).status, 422);
    assert.equal((await json(await stoa.request("/api/v1/trends/links?limit=500"))).length, 1);
  });
});
