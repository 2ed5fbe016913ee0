import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";
import { issueToken } from "../../src/oauth/tokens.ts";

describe("follows, follow requests and relationships", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  let cat: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    [ada, bob, cat] = [await createUser(stoa, "ada"), await createUser(stoa, "bob"), await createUser(stoa, "cat")];
  });
  after(() => stoa.close());

  const post = (who: TestUser, path: string, body?: unknown) =>
    stoa.request(path, { token: who.token, method: "POST", ...(body ? { json: body } : {}) });
  const rel = async (who: TestUser, id: string) =>
    (await json(await stoa.request(`/api/v1/accounts/relationships?id[]=${id}`, { token: who.token })))[0];
  const counts = async (id: string) => {
    const [row] = await stoa.ctx.sql<{ followersCount: number; followingCount: number }[]>`
      select followers_count, following_count from accounts where id = ${id}`;
    return [row!.followersCount, row!.followingCount];
  };
  const events = async (kind: string) =>
    // Jobs of this test's own subscriber only: other domains (timelines…) subscribe to the same events.
    (await stoa.ctx.sql`select count(*)::int as n from jobs where kind = ${"followtest:" + kind}`)[0]!.n as number;

  it("follows with exact relationship flags, counters and a follow notification", async () => {
    const r = await json(await post(bob, `/api/v1/accounts/${ada.accountId}/follow`));
    assert.deepEqual(r, {
      id: ada.accountId, following: true, showing_reblogs: true, notifying: false, languages: null, followed_by: false,
      blocking: false, blocked_by: false, muting: false, muting_notifications: false, muting_expires_at: null,
      requested: false, requested_by: false, domain_blocking: false, endorsed: false, note: "",
    });
    const seen = await rel(ada, bob.accountId);
    assert.equal(seen.followed_by, true);
    assert.equal(seen.following, false);
    assert.deepEqual(await counts(ada.accountId), [1, 0]);
    assert.deepEqual(await counts(bob.accountId), [0, 1]);
    const [n] = await stoa.ctx.sql`select type from notifications where account_id = ${ada.accountId} and from_account_id = ${bob.accountId}`;
    assert.equal(n!.type, "follow");
    const account = await json(await stoa.request(`/api/v1/accounts/${ada.accountId}`));
    assert.equal(account.followers_count, 1);
  });

  it("following again updates the options and counts nothing twice", async () => {
    const r = await json(await post(bob, `/api/v1/accounts/${ada.accountId}/follow`, { reblogs: false, notify: true, languages: ["en", "FR"] }));
    assert.equal(r.showing_reblogs, false);
    assert.equal(r.notifying, true);
    assert.deepEqual(r.languages, ["en", "fr"]);
    assert.deepEqual(await counts(ada.accountId), [1, 0]);
    const kept = await json(await post(bob, `/api/v1/accounts/${ada.accountId}/follow`, { notify: false }));
    assert.equal(kept.showing_reblogs, false, "absent options keep their value");
    assert.deepEqual(kept.languages, ["en", "fr"]);
    assert.equal(kept.notifying, false);
  });

  it("unfollows and adjusts counters; unfollowing again changes nothing", async () => {
    const r = await json(await post(bob, `/api/v1/accounts/${ada.accountId}/unfollow`));
    assert.equal(r.following, false);
    assert.deepEqual(await counts(ada.accountId), [0, 0]);
    assert.deepEqual(await counts(bob.accountId), [0, 0]);
    const again = await json(await post(bob, `/api/v1/accounts/${ada.accountId}/unfollow`));
    assert.equal(again.following, false);
    assert.deepEqual(await counts(ada.accountId), [0, 0]);
  });

  it("turns a follow of a locked account into a request, then authorizes it", async () => {
    await stoa.ctx.sql`update accounts set locked = true where id = ${cat.accountId}`;
    const r = await json(await post(ada, `/api/v1/accounts/${cat.accountId}/follow`, { reblogs: false }));
    assert.equal(r.following, false);
    assert.equal(r.requested, true);
    assert.equal(r.showing_reblogs, false);
    assert.equal((await rel(cat, ada.accountId)).requested_by, true);
    assert.deepEqual(await counts(cat.accountId), [0, 0]);
    const [n] = await stoa.ctx.sql`select type from notifications where account_id = ${cat.accountId}`;
    assert.equal(n!.type, "follow_request");
    const me = await json(await stoa.request("/api/v1/accounts/verify_credentials", { token: cat.token }));
    assert.equal(me.source.follow_requests_count, 1);

    const requests = await json(await stoa.request("/api/v1/follow_requests", { token: cat.token }));
    assert.deepEqual(requests.map((a: { username: string }) => a.username), ["ada"]);
    const outgoing = await json(await stoa.request("/api/v1/follow_requests/outgoing", { token: ada.token }));
    assert.deepEqual(outgoing.map((a: { username: string }) => a.username), ["cat"]);

    const authorized = await json(await post(cat, `/api/v1/follow_requests/${ada.accountId}/authorize`));
    assert.equal(authorized.followed_by, true);
    assert.equal(authorized.requested_by, false);
    const mine = await rel(ada, cat.accountId);
    assert.equal(mine.following, true);
    assert.equal(mine.requested, false);
    assert.equal(mine.showing_reblogs, false, "the request's options carry over");
    assert.deepEqual(await counts(cat.accountId), [1, 0]);
    assert.equal((await stoa.ctx.sql`select count(*)::int as n from notifications where account_id = ${cat.accountId} and type = 'follow_request'`)[0]!.n, 0);
    assert.equal((await post(cat, `/api/v1/follow_requests/${ada.accountId}/authorize`)).status, 404, "no request left");
  });

  it("rejects and withdraws follow requests", async () => {
    await json(await post(bob, `/api/v1/accounts/${cat.accountId}/follow`));
    const rejected = await json(await post(cat, `/api/v1/follow_requests/${bob.accountId}/reject`));
    assert.equal(rejected.requested_by, false);
    assert.equal((await rel(bob, cat.accountId)).requested, false);
    await json(await post(bob, `/api/v1/accounts/${cat.accountId}/follow`));
    const withdrawn = await json(await post(bob, `/api/v1/accounts/${cat.accountId}/unfollow`));
    assert.equal(withdrawn.requested, false);
    assert.equal((await json(await stoa.request("/api/v1/follow_requests", { token: cat.token }))).length, 0);
    assert.deepEqual(await counts(cat.accountId), [1, 0]);
  });

  it("removes a follower", async () => {
    const r = await json(await post(cat, `/api/v1/accounts/${ada.accountId}/remove_from_followers`));
    assert.equal(r.followed_by, false);
    assert.equal((await rel(ada, cat.accountId)).following, false);
    assert.deepEqual(await counts(cat.accountId), [0, 0]);
    assert.deepEqual(await counts(ada.accountId), [0, 0]);
  });

  it("queues the follow events for subscribers", async () => {
    stoa.ctx.events.on("follow.created", "followtest", async () => {});
    stoa.ctx.events.on("follow.deleted", "followtest", async () => {});
    await json(await post(ada, `/api/v1/accounts/${bob.accountId}/follow`));
    await json(await post(ada, `/api/v1/accounts/${bob.accountId}/unfollow`));
    assert.equal(await events("follow.created"), 1);
    assert.equal(await events("follow.deleted"), 1);
    await stoa.drain();
  });

  it("asks remote accounts through a pending request that federation delivers", async () => {
    stoa.ctx.events.on("follow_request.created", "followtest", async () => {});
    const remote = (await stoa.ctx.sql<{ id: string }[]>`
      insert into accounts (username, domain, uri) values ('far', 'remote.example', 'https://remote.example/users/far') returning id`)[0]!.id;
    const r = await json(await post(ada, `/api/v1/accounts/${remote}/follow`));
    assert.equal(r.requested, true);
    assert.equal(r.following, false);
    assert.equal(await events("follow_request.created"), 1);
    assert.deepEqual(await counts(ada.accountId), [0, 0], "counters wait for the Accept");
    await stoa.drain();
    await json(await post(ada, `/api/v1/accounts/${remote}/unfollow`));
    assert.equal((await rel(ada, remote)).requested, false);
  });

  it("pages followers and following by follow id with Link headers", async () => {
    const fans = await Promise.all(["dee", "eve", "fay"].map((name) => createUser(stoa, name)));
    for (const fan of fans) await json(await post(fan, `/api/v1/accounts/${bob.accountId}/follow`));
    const first = await stoa.request(`/api/v1/accounts/${bob.accountId}/followers?limit=2`);
    const page1 = await json(first);
    assert.deepEqual(page1.map((a: { username: string }) => a.username), ["fay", "eve"]);
    const link = first.headers.get("link")!;
    const next = link.match(/<([^>]+)>; rel="next"/)![1]!;
    assert.match(link, /rel="prev"/);
    const page2 = await json(await stoa.request(new URL(next).pathname + new URL(next).search));
    assert.deepEqual(page2.map((a: { username: string }) => a.username), ["dee"]);
    const prev = link.match(/<([^>]+)>; rel="prev"/)![1]!;
    assert.deepEqual(await json(await stoa.request(new URL(prev).pathname + new URL(prev).search)), []);
    const following = await json(await stoa.request(`/api/v1/accounts/${fans[0]!.accountId}/following`));
    assert.deepEqual(following.map((a: { username: string }) => a.username), ["bob"]);
  });

  it("hides collections from others but not from the owner", async () => {
    await stoa.ctx.sql`update accounts set hide_collections = true where id = ${bob.accountId}`;
    assert.deepEqual(await json(await stoa.request(`/api/v1/accounts/${bob.accountId}/followers`)), []);
    assert.deepEqual(await json(await stoa.request(`/api/v1/accounts/${bob.accountId}/followers`, { token: ada.token })), []);
    const own = await json(await stoa.request(`/api/v1/accounts/${bob.accountId}/followers`, { token: bob.token }));
    assert.equal(own.length, 3);
    await stoa.ctx.sql`update accounts set hide_collections = false where id = ${bob.accountId}`;
  });

  it("lists familiar followers", async () => {
    const dee = (await stoa.ctx.sql`select id from accounts where username = 'dee'`)[0]!.id as string;
    await json(await post(ada, `/api/v1/accounts/${dee}/follow`));
    const familiar = await json(await stoa.request(`/api/v1/accounts/familiar_followers?id[]=${bob.accountId}&id[]=${cat.accountId}`, { token: ada.token }));
    assert.equal(familiar.length, 2);
    assert.equal(familiar[0].id, bob.accountId);
    assert.deepEqual(familiar[0].accounts.map((a: { username: string }) => a.username), ["dee"]);
    assert.deepEqual(familiar[1].accounts, []);
  });

  it("keeps counters exact under concurrent and repeated follows", async () => {
    const star = await createUser(stoa, "star");
    const crowd = await Promise.all(Array.from({ length: 8 }, (_, i) => createUser(stoa, `fan${i}`)));
    const follow = (who: TestUser) => post(who, `/api/v1/accounts/${star.accountId}/follow`);
    const responses = await Promise.all([...crowd.map(follow), follow(crowd[0]!), follow(crowd[0]!)]);
    assert.ok(responses.every((r) => r.status === 200));
    assert.deepEqual(await counts(star.accountId), [8, 0]);
    await Promise.all([...crowd.slice(0, 4), crowd[0]!].map((who) => post(who, `/api/v1/accounts/${star.accountId}/unfollow`)));
    assert.deepEqual(await counts(star.accountId), [4, 0]);
    assert.deepEqual(await counts(crowd[0]!.accountId), [0, 0]);
  });

  it("refuses bad input and changes nothing", async () => {
    const before = await stoa.ctx.sql`select count(*)::int as n from follows`;
    assert.equal((await post(ada, `/api/v1/accounts/${ada.accountId}/follow`)).status, 403, "following yourself");
    assert.equal((await post(ada, "/api/v1/accounts/99999999/follow")).status, 404);
    assert.equal((await post(ada, "/api/v1/accounts/99999999999999999999999/follow")).status, 404, "ids beyond bigint are unknown, not a 500");
    assert.equal((await post(ada, `/api/v1/accounts/${bob.accountId}/follow`, { languages: ["not a language"] })).status, 422);
    assert.equal((await post(ada, `/api/v1/accounts/${bob.accountId}/follow`, { reblogs: "maybe" })).status, 422);
    assert.equal((await stoa.request(`/api/v1/accounts/${bob.accountId}/follow`, { method: "POST" })).status, 401);
    assert.equal((await post(ada, `/api/v1/follow_requests/${bob.accountId}/reject`)).status, 404);

    const readOnly = await issueToken(stoa.ctx.sql, { appId: null, userId: ada.userId, scopes: ["read"] });
    const denied = await stoa.request(`/api/v1/accounts/${bob.accountId}/follow`, { token: readOnly.accessToken, method: "POST" });
    assert.equal(denied.status, 403);
    assert.ok((await denied.json()).error);
    const writeOnly = await issueToken(stoa.ctx.sql, { appId: null, userId: ada.userId, scopes: ["write:follows"] });
    assert.equal((await stoa.request(`/api/v1/accounts/relationships?id[]=${bob.accountId}`, { token: writeOnly.accessToken })).status, 403);

    await stoa.ctx.sql`update accounts set suspended_at = now() where username = 'eve'`;
    const eve = (await stoa.ctx.sql`select id from accounts where username = 'eve'`)[0]!.id as string;
    assert.equal((await post(ada, `/api/v1/accounts/${eve}/follow`)).status, 404, "suspended accounts cannot be followed");
    const rels = await json(await stoa.request(`/api/v1/accounts/relationships?id[]=${eve}&id[]=abc`, { token: ada.token }));
    assert.deepEqual(rels, []);
    const withSuspended = await json(await stoa.request(`/api/v1/accounts/relationships?id[]=${eve}&with_suspended=true`, { token: ada.token }));
    assert.equal(withSuspended.length, 1);
    assert.deepEqual(await stoa.ctx.sql`select count(*)::int as n from follows`, before);
  });
});
