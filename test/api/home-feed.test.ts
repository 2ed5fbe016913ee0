import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";
import { mergeIntoHome } from "../../src/timelines/merge.ts";
import { HOME_FEED_LIMIT, trimDue, trimHomeFeeds } from "../../src/timelines/home-cap.ts";

/** Collects what pub/sub delivers on a channel; `settle()` waits until all published before it arrived. */
async function listen(stoa: TestInstance, channel: string) {
  const heard: any[] = [];
  let waiting: (() => void) | undefined;
  const off = await stoa.ctx.pubsub.subscribe(channel, (m: any) => (m?.sentinel ? waiting?.() : heard.push(m)));
  return {
    heard,
    off,
    async settle() {
      const arrived = new Promise<void>((resolve) => (waiting = resolve));
      await stoa.ctx.pubsub.publish(channel, { sentinel: true });
      await arrived;
    },
  };
}

async function follow(stoa: TestInstance, who: TestUser, whom: TestUser) {
  await json(await stoa.request(`/api/v1/accounts/${whom.accountId}/follow`, { token: who.token, method: "POST" }));
}

async function post(stoa: TestInstance, who: TestUser, text: string): Promise<string> {
  return (await json(await stoa.request("/api/v1/statuses", { token: who.token, json: { status: text } }))).id;
}

async function feedSize(stoa: TestInstance, accountId: string): Promise<number> {
  const [row] = await stoa.ctx.sql<{ n: number }[]>`select count(*)::int as n from home_feed where account_id = ${accountId}`;
  return row!.n;
}

/** Every status id of the home timeline, following its `next` links to the end. */
async function allPages(stoa: TestInstance, token: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let path: string | undefined = `/api/v1/timelines/home?limit=${limit}`;
  while (path) {
    const response = await stoa.request(path, { token });
    const page: { id: string }[] = await json(response);
    ids.push(...page.map((s) => s.id));
    const next = response.headers.get("link")?.match(/<([^>]+)>; rel="next"/)?.[1];
    path = page.length > 0 && next ? new URL(next).pathname + new URL(next).search : undefined;
  }
  return ids;
}

describe("home feed", () => {
  let stoa: TestInstance;
  before(async () => {
    stoa = await startTestInstance();
  });
  after(() => stoa.close());

  it("streams a post to a follower whose feed the follow's merge filled first, once", async () => {
    const [ada, bob] = [await createUser(stoa, "ada"), await createUser(stoa, "bob")];
    await follow(stoa, bob, ada);
    const id = await post(stoa, ada, "who gets this first?");
    await mergeIntoHome(stoa.ctx.sql, bob.accountId, ada.accountId);
    assert.equal((await stoa.ctx.sql`select 1 from home_feed where account_id = ${bob.accountId} and status_id = ${id}`).length, 1, "the merge won the race");
    const [toBob, toAda] = [await listen(stoa, `user:${bob.accountId}`), await listen(stoa, `user:${ada.accountId}`)];
    await stoa.drain();
    await toBob.settle();
    await toAda.settle();
    const updates = (l: { heard: any[] }) => l.heard.filter((m) => m.event === "update");
    assert.deepEqual(updates(toBob), [{ event: "update", id }]);
    assert.deepEqual(updates(toAda), [{ event: "update", id }]);
    await toBob.off();
    await toAda.off();
  });

  it("notifies a subscribed follower of a post the follow's merge brought in first, once", async () => {
    const [hal, ivy] = [await createUser(stoa, "hal"), await createUser(stoa, "ivy")];
    await json(await stoa.request(`/api/v1/accounts/${hal.accountId}/follow`, { token: ivy.token, json: { notify: true } }));
    const id = await post(stoa, hal, "ring the bell");
    await mergeIntoHome(stoa.ctx.sql, ivy.accountId, hal.accountId);
    await stoa.drain();
    await stoa.ctx.events.emit(stoa.ctx.sql, "status.created", { statusId: id });
    await stoa.drain();
    const notes = await json(await stoa.request("/api/v1/notifications?types[]=status", { token: ivy.token }));
    assert.deepEqual(notes.map((n: { status: { id: string } }) => n.status.id), [id], "one notification, even when fan-out runs twice");
  });

  it("pages past a trimmed feed into older posts of followed accounts, without gaps or repeats", async () => {
    const [cy, dee] = [await createUser(stoa, "cy"), await createUser(stoa, "dee")];
    await follow(stoa, dee, cy);
    await stoa.drain();
    const posted: string[] = [];
    for (let i = 0; i < 5; i++) posted.unshift(await post(stoa, cy, `post ${i}`));
    await stoa.drain();
    assert.equal(await trimHomeFeeds(stoa.ctx.sql, [dee.accountId], 2), 3);
    assert.equal(await feedSize(stoa, dee.accountId), 2);
    assert.deepEqual(await allPages(stoa, dee.token, 2), posted);
    assert.deepEqual(await allPages(stoa, dee.token, 40), posted);
  });

  it("reads past a run of posts the viewer's filters hide when paging beyond the feed", async () => {
    const [jo, kim, lee] = [await createUser(stoa, "jo"), await createUser(stoa, "kim"), await createUser(stoa, "lee")];
    await follow(stoa, jo, kim);
    await follow(stoa, jo, lee);
    const kims = [await post(stoa, kim, "first"), await post(stoa, kim, "second")].reverse();
    for (let i = 0; i < 25; i++) await post(stoa, lee, `chatter ${i}`);
    await stoa.drain();
    await json(await stoa.request(`/api/v1/accounts/${lee.accountId}/mute`, { token: jo.token, method: "POST" }));
    await trimHomeFeeds(stoa.ctx.sql, [jo.accountId], 0);
    const page: { id: string }[] = await json(await stoa.request("/api/v1/timelines/home?limit=20", { token: jo.token }));
    assert.deepEqual(page.map((s) => s.id), kims);
  });

  it("is trimmed to its newest entries in the background as posts arrive", async () => {
    const [eve, fay, gus] = [await createUser(stoa, "eve"), await createUser(stoa, "fay"), await createUser(stoa, "gus")];
    await follow(stoa, fay, eve);
    await follow(stoa, fay, gus);
    await stoa.drain();
    // A full feed from before: gus's posts of yesterday.
    const old = await stoa.ctx.sql<{ id: string }[]>`
      insert into statuses (id, account_id, text, content, uri)
      select stoa_id(now() - interval '1 day' + g * interval '1 second'), ${gus.accountId}, 'old', '<p>old</p>', 'http://stoa.test/old/' || g
      from generate_series(1, ${HOME_FEED_LIMIT + 50}) g returning id`;
    await stoa.ctx.sql`insert into home_feed (account_id, status_id) select ${fay.accountId}, id from statuses where account_id = ${gus.accountId}`;
    let trimmed = false;
    for (let i = 0; i < 200 && !trimmed; i++) {
      const id = await post(stoa, eve, `new ${i}`);
      await stoa.drain();
      trimmed = trimDue(id, fay.accountId);
      if (!trimmed) assert.ok(await feedSize(stoa, fay.accountId) > HOME_FEED_LIMIT, "not every post trims");
    }
    assert.ok(trimmed, "some post came due for trimming");
    assert.equal(await feedSize(stoa, fay.accountId), HOME_FEED_LIMIT);
    const oldest = old.map((r) => r.id).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    const [kept] = await stoa.ctx.sql<{ id: string }[]>`select min(status_id)::text as id from home_feed where account_id = ${fay.accountId}`;
    const page: { id: string }[] = await json(await stoa.request(`/api/v1/timelines/home?max_id=${kept!.id}&limit=40`, { token: fay.token }));
    assert.equal(page.length, 40, "older pages keep coming from follows");
    assert.ok(page.every((s) => oldest.includes(s.id) && BigInt(s.id) < BigInt(kept!.id)));
  });
});
