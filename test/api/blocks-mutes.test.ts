import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";
import { issueToken } from "../../src/oauth/tokens.ts";

describe("blocks, mutes, domain blocks, endorsements and notes", () => {
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
    const [row] = await stoa.ctx.sql`select followers_count, following_count from accounts where id = ${id}`;
    return [row!.followersCount, row!.followingCount];
  };

  it("a block ends follows and requests both ways, adjusts counters, and refuses new follows", async () => {
    await json(await post(ada, `/api/v1/accounts/${bob.accountId}/follow`));
    await json(await post(bob, `/api/v1/accounts/${ada.accountId}/follow`));
    await json(await post(ada, `/api/v1/accounts/${bob.accountId}/pin`));
    assert.deepEqual(await counts(ada.accountId), [1, 1]);
    const blocked = await json(await post(bob, `/api/v1/accounts/${ada.accountId}/block`));
    assert.equal(blocked.blocking, true);
    assert.equal(blocked.following, false);
    assert.equal(blocked.followed_by, false);
    const seen = await rel(ada, bob.accountId);
    assert.equal(seen.blocked_by, true);
    assert.equal(seen.following, false);
    assert.equal(seen.endorsed, false, "the endorsement ended with the follow");
    assert.deepEqual(await counts(ada.accountId), [0, 0]);
    assert.deepEqual(await counts(bob.accountId), [0, 0]);
    assert.equal((await post(ada, `/api/v1/accounts/${bob.accountId}/follow`)).status, 403, "following someone who blocks you");
    assert.equal((await post(bob, `/api/v1/accounts/${ada.accountId}/follow`)).status, 403, "following someone you block");
    const blocks = await json(await stoa.request("/api/v1/blocks", { token: bob.token }));
    assert.deepEqual(blocks.map((a: { username: string }) => a.username), ["ada"]);
    assert.equal((await json(await post(bob, `/api/v1/accounts/${ada.accountId}/block`))).blocking, true, "blocking twice is fine");
    const unblocked = await json(await post(bob, `/api/v1/accounts/${ada.accountId}/unblock`));
    assert.equal(unblocked.blocking, false);
    assert.equal(unblocked.following, false, "unblocking does not restore follows");
  });

  it("a block withdraws a pending request to a locked account", async () => {
    await stoa.ctx.sql`update accounts set locked = true where id = ${cat.accountId}`;
    assert.equal((await json(await post(ada, `/api/v1/accounts/${cat.accountId}/follow`))).requested, true);
    await json(await post(cat, `/api/v1/accounts/${ada.accountId}/block`));
    assert.equal((await rel(ada, cat.accountId)).requested, false);
    assert.deepEqual(await json(await stoa.request("/api/v1/follow_requests", { token: cat.token })), []);
    await json(await post(cat, `/api/v1/accounts/${ada.accountId}/unblock`));
    await stoa.ctx.sql`update accounts set locked = false where id = ${cat.accountId}`;
  });

  it("mutes with notifications and a duration, lists them, and unmutes", async () => {
    const muted = await json(await post(bob, `/api/v1/accounts/${cat.accountId}/mute`, { notifications: false, duration: 3600 }));
    assert.equal(muted.muting, true);
    assert.equal(muted.muting_notifications, false);
    const expires = Date.parse(muted.muting_expires_at);
    assert.ok(expires > Date.now() + 3500_000 && expires < Date.now() + 3700_000);
    const mutes = await json(await stoa.request("/api/v1/mutes", { token: bob.token }));
    assert.equal(mutes[0].username, "cat");
    assert.equal(mutes[0].mute_expires_at, muted.muting_expires_at);
    const again = await json(await post(bob, `/api/v1/accounts/${cat.accountId}/mute`));
    assert.equal(again.muting_notifications, true, "muting again replaces the options");
    assert.equal(again.muting_expires_at, null);
    await stoa.ctx.sql`update mutes set expires_at = now() - interval '1 second' where account_id = ${bob.accountId}`;
    assert.equal((await rel(bob, cat.accountId)).muting, false, "a lapsed mute no longer counts");
    assert.deepEqual(await json(await stoa.request("/api/v1/mutes", { token: bob.token })), []);
    await json(await post(bob, `/api/v1/accounts/${cat.accountId}/mute`));
    assert.equal((await json(await post(bob, `/api/v1/accounts/${cat.accountId}/unmute`))).muting, false);
  });

  it("blocks domains, lists them with pagination, and unblocks", async () => {
    await stoa.ctx.sql`insert into accounts (username, domain, uri) values ('remo', 'remote.example', 'https://remote.example/users/remo')`;
    const remo = (await stoa.ctx.sql`select id from accounts where username = 'remo'`)[0]!.id as string;
    await stoa.ctx.sql`insert into follows (account_id, target_account_id) values (${ada.accountId}, ${remo}), (${remo}, ${ada.accountId})`;
    await stoa.ctx.sql`update accounts set following_count = following_count + 1, followers_count = followers_count + 1 where id in (${ada.accountId}, ${remo})`;
    const before = await counts(ada.accountId);
    assert.deepEqual(await json(await post(ada, "/api/v1/domain_blocks", { domain: "Remote.Example" })), {});
    assert.equal((await rel(ada, remo)).domain_blocking, true);
    assert.equal((await rel(ada, remo)).following, false);
    assert.deepEqual(await counts(ada.accountId), [before[0]! - 1, before[1]! - 1]);
    for (const d of ["a.example", "b.example"]) await json(await post(ada, "/api/v1/domain_blocks", { domain: d }));
    const first = await stoa.request("/api/v1/domain_blocks?limit=2", { token: ada.token });
    assert.deepEqual(await json(first), ["b.example", "a.example"]);
    const next = first.headers.get("link")!.match(/<([^>]+)>; rel="next"/)![1]!;
    assert.deepEqual(await json(await stoa.request(next.replace("http://stoa.test", ""), { token: ada.token })), ["remote.example"]);
    assert.equal((await post(ada, `/api/v1/accounts/${remo}/follow`)).status, 403, "following into a blocked domain");
    const removed = await stoa.request("/api/v1/domain_blocks", { token: ada.token, method: "DELETE", json: { domain: "remote.example" } });
    assert.deepEqual(await json(removed), {});
    assert.equal((await rel(ada, remo)).domain_blocking, false);
    for (const bad of ["", "not a domain", "stoa.test", "x".repeat(300)]) {
      assert.equal((await post(ada, "/api/v1/domain_blocks", { domain: bad })).status, 422, bad);
    }
    assert.equal((await json(await stoa.request("/api/v1/domain_blocks", { token: ada.token }))).length, 2);
  });

  it("endorses followed accounts only, lists endorsements, and unendorses", async () => {
    assert.equal((await post(ada, `/api/v1/accounts/${cat.accountId}/pin`)).status, 422, "must follow first");
    await json(await post(ada, `/api/v1/accounts/${cat.accountId}/follow`));
    assert.equal((await json(await post(ada, `/api/v1/accounts/${cat.accountId}/pin`))).endorsed, true);
    assert.deepEqual((await json(await stoa.request("/api/v1/endorsements", { token: ada.token }))).map((a: { username: string }) => a.username), ["cat"]);
    assert.deepEqual((await json(await stoa.request(`/api/v1/accounts/${ada.accountId}/endorsements`))).map((a: { username: string }) => a.username), ["cat"]);
    assert.equal((await json(await post(ada, `/api/v1/accounts/${cat.accountId}/unpin`))).endorsed, false);
    assert.deepEqual(await json(await stoa.request("/api/v1/endorsements", { token: ada.token })), []);
  });

  it("keeps personal notes up to 2000 characters", async () => {
    assert.equal((await json(await post(ada, `/api/v1/accounts/${bob.accountId}/note`, { comment: "met at the salon" }))).note, "met at the salon");
    assert.equal((await rel(ada, bob.accountId)).note, "met at the salon");
    assert.equal((await rel(cat, bob.accountId)).note, "", "notes are private");
    assert.equal((await post(ada, `/api/v1/accounts/${bob.accountId}/note`, { comment: "x".repeat(2001) })).status, 422);
    assert.equal((await rel(ada, bob.accountId)).note, "met at the salon");
    assert.equal((await json(await post(ada, `/api/v1/accounts/${bob.accountId}/note`, { comment: "" }))).note, "");
  });

  it("refuses bad input and wrong scopes, changing nothing", async () => {
    assert.equal((await post(ada, `/api/v1/accounts/${ada.accountId}/block`)).status, 403);
    assert.equal((await post(ada, `/api/v1/accounts/${ada.accountId}/mute`)).status, 403);
    assert.equal((await post(ada, "/api/v1/accounts/12345/block")).status, 404);
    assert.equal((await post(ada, `/api/v1/accounts/${bob.accountId}/mute`, { duration: -5 })).status, 422);
    assert.equal((await post(ada, `/api/v1/accounts/${bob.accountId}/mute`, { duration: "soon" })).status, 422);
    const followOnly = await issueToken(stoa.ctx.sql, { appId: null, userId: ada.userId, scopes: ["write:follows"] });
    assert.equal((await stoa.request(`/api/v1/accounts/${bob.accountId}/block`, { token: followOnly.accessToken, method: "POST" })).status, 403);
    assert.equal((await stoa.request("/api/v1/blocks", { token: followOnly.accessToken })).status, 403);
    const [row] = await stoa.ctx.sql`
      select (select count(*) from blocks where account_id = ${ada.accountId})::int as blocks,
             (select count(*) from mutes where account_id = ${ada.accountId})::int as mutes`;
    assert.deepEqual({ ...row }, { blocks: 0, mutes: 0 });
  });
});
