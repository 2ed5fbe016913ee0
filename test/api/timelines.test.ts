import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

const ids = (statuses: { id: string }[]) => statuses.map((s) => s.id);

describe("timelines", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  let cat: TestUser;
  let dan: TestUser;

  const post = async (user: TestUser, body: Record<string, unknown>) => {
    const status = await json(await stoa.request("/api/v1/statuses", { token: user.token, json: body }));
    await stoa.drain();
    return status as { id: string };
  };
  const home = async (user: TestUser, query = "") => json(await stoa.request(`/api/v1/timelines/home${query}`, { token: user.token }));
  const act = async (user: TestUser, path: string, body?: Record<string, unknown>) => {
    await json(await stoa.request(path, { token: user.token, method: "POST", json: body ?? {} }));
    await stoa.drain();
  };

  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
    cat = await createUser(stoa, "cat");
    dan = await createUser(stoa, "dan");
    // ada follows bob and cat; dan follows nobody.
    await act(ada, `/api/v1/accounts/${bob.accountId}/follow`);
    await act(ada, `/api/v1/accounts/${cat.accountId}/follow`);
  });
  after(() => stoa.close());

  it("fans a post out to its author and followers only, and stops after an unfollow", async () => {
    const hello = await post(bob, { status: "hello followers" });
    assert.ok(ids(await home(bob)).includes(hello.id), "the author sees their own post");
    assert.ok(ids(await home(ada)).includes(hello.id), "a follower sees it");
    assert.ok(!ids(await home(dan)).includes(hello.id), "a stranger does not");
    const secret = await post(bob, { status: "followers only", visibility: "private" });
    assert.equal(ids(await home(ada))[0], secret.id);
    await act(ada, `/api/v1/accounts/${bob.accountId}/unfollow`);
    const later = await post(bob, { status: "after the unfollow" });
    assert.ok(!ids(await home(ada)).includes(later.id));
    await act(ada, `/api/v1/accounts/${bob.accountId}/follow`);
  });

  it("merges recent posts on follow and takes them out on unfollow", async () => {
    const eve = await createUser(stoa, "eve");
    const earlier = await post(eve, { status: "before anyone followed" });
    const hidden = await post(eve, { status: "followers only", visibility: "private" });
    await act(dan, `/api/v1/accounts/${eve.accountId}/follow`);
    assert.deepEqual(ids(await home(dan)).slice(0, 2), [hidden.id, earlier.id]);
    await act(dan, `/api/v1/accounts/${eve.accountId}/unfollow`);
    const feed = ids(await home(dan));
    assert.ok(!feed.includes(earlier.id) && !feed.includes(hidden.id));
  });

  it("gives direct posts to the mentioned accounts only, and keeps replies to strangers out", async () => {
    const direct = await post(cat, { status: "@dan just for you", visibility: "direct" });
    assert.ok(ids(await home(dan)).includes(direct.id), "the mentioned account gets it");
    assert.ok(!ids(await home(ada)).includes(direct.id), "a follower who is not mentioned does not");
    const fromDan = await post(dan, { status: "dan asks" });
    const toDan = await post(cat, { status: "@dan replying", in_reply_to_id: fromDan.id });
    assert.ok(!ids(await home(ada)).includes(toDan.id), "ada follows cat but not dan: the reply stays out");
    const selfReply = await post(cat, { status: "a thread", in_reply_to_id: (await post(cat, { status: "start" })).id });
    assert.ok(ids(await home(ada)).includes(selfReply.id), "self-replies come in");
  });

  it("hides boosts when asked, and a boost of what the feed holds is not added twice", async () => {
    const original = await post(cat, { status: "boost me" });
    await act(bob, `/api/v1/statuses/${original.id}/reblog`);
    const feed = await home(ada);
    assert.equal(feed.filter((s: { id: string; reblog: { id: string } | null }) => s.id === original.id || s.reblog?.id === original.id).length, 1);
    const fresh = await post(dan, { status: "from a stranger" });
    await act(ada, `/api/v1/accounts/${bob.accountId}/follow`, { reblogs: false });
    await act(bob, `/api/v1/statuses/${fresh.id}/reblog`);
    assert.ok(!(await home(ada)).some((s: { reblog: { id: string } | null }) => s.reblog?.id === fresh.id));
    await act(ada, `/api/v1/accounts/${bob.accountId}/follow`, { reblogs: true });
  });

  it("respects the languages chosen for a follow", async () => {
    await act(ada, `/api/v1/accounts/${cat.accountId}/follow`, { languages: ["fr"] });
    const english = await post(cat, { status: "in English", language: "en" });
    const french = await post(cat, { status: "en français", language: "fr" });
    const feed = ids(await home(ada));
    assert.ok(feed.includes(french.id));
    assert.ok(!feed.includes(english.id));
    await stoa.ctx.sql`update follows set languages = null where account_id = ${ada.accountId} and target_account_id = ${cat.accountId}`;
  });

  it("filters muted and blocked authors at read time and at fan-out", async () => {
    const before = await post(bob, { status: "before the mute" });
    await act(ada, `/api/v1/accounts/${bob.accountId}/mute`);
    assert.ok(!ids(await home(ada)).includes(before.id), "muting hides what is already in the feed");
    const during = await post(bob, { status: "during the mute" });
    await act(ada, `/api/v1/accounts/${bob.accountId}/unmute`);
    const feed = ids(await home(ada));
    assert.ok(feed.includes(before.id), "unmuting brings it back");
    assert.ok(!feed.includes(during.id), "what came during the mute never entered the feed");
    // A boost by a followed account of someone ada blocks stays out.
    const blocked = await post(dan, { status: "dan speaks" });
    await act(ada, `/api/v1/accounts/${dan.accountId}/block`);
    await act(cat, `/api/v1/statuses/${blocked.id}/reblog`);
    assert.ok(!(await home(ada)).some((s: { reblog: { id: string } | null }) => s.reblog?.id === blocked.id));
    await act(ada, `/api/v1/accounts/${dan.accountId}/unblock`);
  });

  it("notifies followers who asked for notifications of new posts", async () => {
    await act(dan, `/api/v1/accounts/${cat.accountId}/follow`, { notify: true });
    const news = await post(cat, { status: "news!" });
    const reply = await post(cat, { status: "@ada a reply", in_reply_to_id: (await post(ada, { status: "question" })).id });
    const notifications = await json(await stoa.request("/api/v1/notifications?types[]=status", { token: dan.token }));
    assert.deepEqual(notifications.map((n: { status: { id: string } }) => n.status.id), [news.id], "only originals, not replies to others");
    const ada2 = await json(await stoa.request("/api/v1/notifications?types[]=status", { token: ada.token }));
    assert.ok(!ada2.some((n: { status: { id: string } }) => n.status.id === news.id), "no notification without notify");
    await stoa.request(`/api/v1/statuses/${reply.id}`, { token: cat.token, method: "DELETE" });
    await stoa.drain();
    assert.ok(!ids(await home(ada)).includes(reply.id), "deleted posts leave home feeds");
  });

  it("paginates with max_id, since_id and min_id, with Link headers", async () => {
    const author = await createUser(stoa, "pager");
    const reader = await createUser(stoa, "reader");
    await act(reader, `/api/v1/accounts/${author.accountId}/follow`);
    const posted: string[] = [];
    for (let i = 0; i < 5; i++) posted.push((await post(author, { status: `post ${i}` })).id);
    const newestFirst = [...posted].reverse();
    const first = await stoa.request("/api/v1/timelines/home?limit=2", { token: reader.token });
    assert.deepEqual(ids(await json(first)), newestFirst.slice(0, 2));
    const link = first.headers.get("link")!;
    assert.match(link, new RegExp(`max_id=${newestFirst[1]}>; rel="next"`));
    assert.match(link, new RegExp(`min_id=${newestFirst[0]}>; rel="prev"`));
    assert.deepEqual(ids(await home(reader, `?limit=2&max_id=${newestFirst[1]}`)), newestFirst.slice(2, 4));
    // min_id gives the posts immediately newer than it; since_id the newest ones after it.
    assert.deepEqual(ids(await home(reader, `?limit=2&min_id=${posted[0]}`)), [posted[2], posted[1]]);
    assert.deepEqual(ids(await home(reader, `?limit=2&since_id=${posted[0]}`)), [posted[4], posted[3]]);
    assert.deepEqual(await home(reader, `?min_id=${posted[4]}`), []);
  });

  it("serves public timelines: local, remote, only_media, and anonymously", async () => {
    const [remote] = await stoa.ctx.sql<{ id: string }[]>`
      insert into accounts (username, domain, uri) values ('far', 'remote.example', 'https://remote.example/users/far') returning id`;
    const [far] = await stoa.ctx.sql<{ id: string }[]>`
      insert into statuses (account_id, local, content, uri) values (${remote!.id}, false, '<p>from afar</p>', 'https://remote.example/s/1') returning id`;
    const local = await post(dan, { status: "local and public" });
    await post(dan, { status: "unlisted", visibility: "unlisted" });
    const anonymous = ids(await json(await stoa.request("/api/v1/timelines/public")));
    assert.deepEqual(anonymous.slice(0, 2), [local.id, far!.id]);
    assert.deepEqual(ids(await json(await stoa.request("/api/v1/timelines/public?local=true&limit=1"))), [local.id]);
    assert.deepEqual(ids(await json(await stoa.request("/api/v1/timelines/public?remote=true"))), [far!.id]);
    assert.deepEqual(await json(await stoa.request("/api/v1/timelines/public?only_media=true")), []);
    // Blocking a domain hides it from the blocker's public timeline.
    await act(ada, "/api/v1/domain_blocks", { domain: "remote.example" });
    assert.ok(!ids(await json(await stoa.request("/api/v1/timelines/public", { token: ada.token }))).includes(far!.id));
  });

  it("finds public posts that link to a URL", async () => {
    const linked = await post(dan, { status: "read https://example.org/article?a=1&b=2 now" });
    await post(dan, { status: "read https://example.org/other" });
    const found = await json(await stoa.request(`/api/v1/timelines/link?url=${encodeURIComponent("https://example.org/article?a=1&b=2")}`));
    assert.deepEqual(ids(found), [linked.id]);
    await json(await stoa.request("/api/v1/timelines/link?url=javascript:alert(1)"), 422);
    await json(await stoa.request("/api/v1/timelines/link"), 422);
  });

  it("refuses bad input", async () => {
    await json(await stoa.request("/api/v1/timelines/home"), 401);
    await json(await stoa.request("/api/v1/timelines/home?max_id=abc", { token: ada.token }), 422);
    await json(await stoa.request("/api/v1/timelines/public?local=maybe"), 422);
    await json(await stoa.request("/api/v1/timelines/public", { token: "not-a-token" }), 401);
  });
});
