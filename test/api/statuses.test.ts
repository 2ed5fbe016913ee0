import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

describe("statuses, interactions and timelines", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  let eve: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
    eve = await createUser(stoa, "eve");
    // bob follows ada (the follow API is tested elsewhere; here the graph is the fixture).
    await stoa.ctx.sql`insert into follows (account_id, target_account_id) values (${bob.accountId}, ${ada.accountId})`;
  });
  after(() => stoa.close());

  const post = (user: TestUser, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    stoa.request("/api/v1/statuses", { token: user.token, json: body, headers });

  it("renders text to safe HTML with links, mentions and hashtags", async () => {
    const status = await json(await post(ada, { status: "Hello @bob! <script>alert(1)</script> https://example.org/a?b=1 #Stoa\n\nBye" }));
    assert.equal(status.account.username, "ada");
    assert.equal(status.visibility, "public");
    assert.doesNotMatch(status.content, /<script>/);
    assert.match(status.content, /&lt;script&gt;/);
    assert.match(status.content, /<a href="https:\/\/example.org\/a\?b=1"/);
    assert.match(status.content, /class="u-url mention">@<span>bob<\/span>/);
    assert.match(status.content, /<\/p><p>Bye<\/p>$/);
    assert.deepEqual(status.tags.map((t: { name: string }) => t.name), ["stoa"]);
    assert.deepEqual(status.mentions.map((m: { acct: string }) => m.acct), ["bob"]);
    const [notification] = await stoa.ctx.sql`select type, from_account_id from notifications where account_id = ${bob.accountId}`;
    assert.equal(notification!.type, "mention");
    assert.equal(notification!.fromAccountId, ada.accountId);
  });

  it("fans out to followers' home timelines, not to others", async () => {
    const status = await json(await post(ada, { status: "For my followers", visibility: "private" }));
    await stoa.drain();
    const bobHome = await json(await stoa.request("/api/v1/timelines/home", { token: bob.token }));
    assert.equal(bobHome[0].id, status.id);
    const eveHome = await json(await stoa.request("/api/v1/timelines/home", { token: eve.token }));
    assert.equal(eveHome.length, 0);
    assert.equal((await stoa.request(`/api/v1/statuses/${status.id}`, { token: eve.token })).status, 404, "private is hidden from non-followers");
    assert.equal((await stoa.request(`/api/v1/statuses/${status.id}`)).status, 404, "and from the public");
    assert.equal((await stoa.request(`/api/v1/statuses/${status.id}`, { token: bob.token })).status, 200);
  });

  it("shows direct statuses only to the mentioned accounts", async () => {
    const dm = await json(await post(ada, { status: "@eve a secret", visibility: "direct" }));
    await stoa.drain();
    assert.equal((await stoa.request(`/api/v1/statuses/${dm.id}`, { token: eve.token })).status, 200);
    assert.equal((await stoa.request(`/api/v1/statuses/${dm.id}`, { token: bob.token })).status, 404);
    const eveHome = await json(await stoa.request("/api/v1/timelines/home", { token: eve.token }));
    assert.deepEqual(eveHome.map((s: { id: string }) => s.id), [dm.id]);
  });

  it("paginates the home timeline with max_id, since_id and min_id and Link headers", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await json(await post(ada, { status: `page ${i}` }))).id);
    await stoa.drain();
    const first = await stoa.request("/api/v1/timelines/home?limit=2", { token: bob.token });
    const page1 = await json(first);
    assert.deepEqual(page1.map((s: { id: string }) => s.id), [ids[4], ids[3]]);
    const link = first.headers.get("link")!;
    assert.match(link, new RegExp(`max_id=${ids[3]}>; rel="next"`));
    assert.match(link, new RegExp(`min_id=${ids[4]}>; rel="prev"`));
    const page2 = await json(await stoa.request(`/api/v1/timelines/home?limit=2&max_id=${ids[3]}`, { token: bob.token }));
    assert.deepEqual(page2.map((s: { id: string }) => s.id), [ids[2], ids[1]]);
    const newer = await json(await stoa.request(`/api/v1/timelines/home?limit=2&min_id=${ids[1]}`, { token: bob.token }));
    assert.deepEqual(newer.map((s: { id: string }) => s.id), [ids[3], ids[2]], "min_id returns the statuses immediately newer");
    const since = await json(await stoa.request(`/api/v1/timelines/home?limit=2&since_id=${ids[1]}`, { token: bob.token }));
    assert.deepEqual(since.map((s: { id: string }) => s.id), [ids[4], ids[3]], "since_id returns the newest");
  });

  it("favourites, boosts and bookmarks, with counts, flags and notifications", async () => {
    const status = await json(await post(ada, { status: "Like me" }));
    const faved = await json(await stoa.request(`/api/v1/statuses/${status.id}/favourite`, { token: bob.token, method: "POST" }));
    assert.equal(faved.favourited, true);
    assert.equal(faved.favourites_count, 1);
    await json(await stoa.request(`/api/v1/statuses/${status.id}/favourite`, { token: bob.token, method: "POST" }));
    assert.equal((await json(await stoa.request(`/api/v1/statuses/${status.id}`))).favourites_count, 1, "favouriting twice counts once");
    const boost = await json(await stoa.request(`/api/v1/statuses/${status.id}/reblog`, { token: bob.token, method: "POST" }));
    assert.equal(boost.reblog.id, status.id);
    assert.equal(boost.reblog.reblogged, true);
    assert.equal(boost.reblog.reblogs_count, 1);
    const marked = await json(await stoa.request(`/api/v1/statuses/${status.id}/bookmark`, { token: bob.token, method: "POST" }));
    assert.equal(marked.bookmarked, true);
    const types = await stoa.ctx.sql`select type from notifications where account_id = ${ada.accountId} and status_id = ${status.id} order by id`;
    assert.deepEqual(types.map((t) => t.type), ["favourite", "reblog"]);
    const unboosted = await json(await stoa.request(`/api/v1/statuses/${status.id}/unreblog`, { token: bob.token, method: "POST" }));
    assert.equal(unboosted.reblogged, false);
    assert.equal(unboosted.reblogs_count, 0);
    const unfaved = await json(await stoa.request(`/api/v1/statuses/${status.id}/unfavourite`, { token: bob.token, method: "POST" }));
    assert.equal(unfaved.favourites_count, 0);
  });

  it("threads replies in the context and deletes with the source for redraft", async () => {
    const root = await json(await post(ada, { status: "Root" }));
    const reply = await json(await post(bob, { status: "@ada Reply", in_reply_to_id: root.id }));
    assert.equal(reply.in_reply_to_id, root.id);
    assert.equal(reply.in_reply_to_account_id, ada.accountId);
    const context = await json(await stoa.request(`/api/v1/statuses/${reply.id}/context`));
    assert.deepEqual(context.ancestors.map((s: { id: string }) => s.id), [root.id]);
    const rootContext = await json(await stoa.request(`/api/v1/statuses/${root.id}/context`));
    assert.deepEqual(rootContext.descendants.map((s: { id: string }) => s.id), [reply.id]);
    assert.equal((await json(await stoa.request(`/api/v1/statuses/${root.id}`))).replies_count, 1);

    assert.equal((await stoa.request(`/api/v1/statuses/${reply.id}`, { token: ada.token, method: "DELETE" })).status, 404, "others' statuses can't be deleted");
    const deleted = await json(await stoa.request(`/api/v1/statuses/${reply.id}`, { token: bob.token, method: "DELETE" }));
    assert.equal(deleted.text, "@ada Reply");
    assert.equal((await stoa.request(`/api/v1/statuses/${reply.id}`)).status, 404);
    assert.equal((await json(await stoa.request(`/api/v1/statuses/${root.id}`))).replies_count, 0);
  });

  it("returns the same status for a repeated Idempotency-Key", async () => {
    const a = await json(await post(ada, { status: "Once" }, { "idempotency-key": "k-1" }));
    const b = await json(await post(ada, { status: "Once" }, { "idempotency-key": "k-1" }));
    assert.equal(a.id, b.id);
    const [count] = await stoa.ctx.sql`select count(*)::int as n from statuses where text = 'Once'`;
    assert.equal(count!.n, 1);
  });

  it("refuses bad input with Mastodon errors and stores nothing", async () => {
    const [before] = await stoa.ctx.sql`select count(*)::int as n from statuses`;
    const cases: [Record<string, unknown>, number][] = [
      [{ status: "x".repeat(501) }, 422],
      [{ status: "" }, 422],
      [{ status: "hi", visibility: "secret" }, 422],
      [{ status: "hi", media_ids: ["123456789"] }, 422],
      [{ status: "hi", in_reply_to_id: "999999999" }, 404],
      [{ status: "hi", in_reply_to_id: "not-an-id" }, 422],
    ];
    for (const [body, status] of cases) {
      const res = await post(ada, body);
      assert.equal(res.status, status, JSON.stringify(body));
      assert.equal(typeof (await res.json()).error, "string");
    }
    assert.equal((await stoa.request("/api/v1/statuses", { json: { status: "anonymous" } })).status, 401);
    assert.equal((await stoa.request("/api/v1/statuses/abc")).status, 404);
    const [afterwards] = await stoa.ctx.sql`select count(*)::int as n from statuses`;
    assert.equal(afterwards!.n, before!.n);
  });

  it("posts with the author's default visibility when none is given", async () => {
    await json(await stoa.request("/api/v1/accounts/update_credentials", { token: eve.token, method: "PATCH", json: { source: { privacy: "unlisted" } } }));
    const status = await json(await post(eve, { status: "default visibility" }));
    assert.equal(status.visibility, "unlisted");
    await json(await stoa.request("/api/v1/accounts/update_credentials", { token: eve.token, method: "PATCH", json: { source: { privacy: "public" } } }));
  });

  it("lists public statuses on the local public timeline", async () => {
    const status = await json(await post(eve, { status: "Public hello" }));
    const unlisted = await json(await post(eve, { status: "Quiet hello", visibility: "unlisted" }));
    const timeline = await json(await stoa.request("/api/v1/timelines/public?local=true&limit=40"));
    const ids = timeline.map((s: { id: string }) => s.id);
    assert.ok(ids.includes(status.id));
    assert.ok(!ids.includes(unlisted.id), "unlisted statuses stay off public timelines");
  });
});
