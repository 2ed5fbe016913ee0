import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

describe("tag timeline for a signed-in viewer", () => {
  let stoa: TestInstance;
  let viewer: TestUser;
  const posted: Record<string, string> = {};

  const tagPage = async (token?: string) =>
    (await json<{ id: string; filtered?: { filter: { title: string } }[] }[]>(await stoa.request("/api/v1/timelines/tag/garden?limit=40", token ? { token } : {})));

  before(async () => {
    stoa = await startTestInstance();
    viewer = await createUser(stoa, "viewer");
    for (const name of ["plain", "muted", "blocked", "blocker", "silenced", "followedsilenced", "filtered", "warned"]) {
      const author = await createUser(stoa, name);
      const text = name === "filtered" ? "#garden crypto tips" : name === "warned" ? "#garden finale talk" : `#garden from ${name}`;
      posted[name] = (await json(await stoa.request("/api/v1/statuses", { token: author.token, json: { status: text } }))).id;
      const act = (path: string, who: TestUser, target: string) => stoa.request(`/api/v1/accounts/${target}/${path}`, { token: who.token, method: "POST" });
      if (name === "muted") await json(await act("mute", viewer, author.accountId));
      if (name === "blocked") await json(await act("block", viewer, author.accountId));
      if (name === "blocker") await json(await act("block", author, viewer.accountId));
      if (name === "followedsilenced") await json(await act("follow", viewer, author.accountId));
      if (name.endsWith("silenced")) await stoa.ctx.sql`update accounts set silenced_at = now() where id = ${author.accountId}`;
    }
    // A remote author on a domain the viewer blocks, posting under the same tag.
    const [remote] = await stoa.ctx.sql<{ id: string }[]>`
      insert into accounts (username, domain, uri) values ('far', 'blocked.example', 'https://blocked.example/users/far') returning id`;
    const [status] = await stoa.ctx.sql<{ id: string }[]>`
      insert into statuses (account_id, local, uri, content) values (${remote!.id}, false, 'https://blocked.example/s/1', '<p>#garden far away</p>') returning id`;
    await stoa.ctx.sql`insert into status_tags (status_id, tag_id) select ${status!.id}, id from tags where name = 'garden'`;
    posted.remote = status!.id;
    await json(await stoa.request("/api/v1/domain_blocks", { token: viewer.token, json: { domain: "blocked.example" } }));
    await json(await stoa.request("/api/v2/filters", { token: viewer.token, json: {
      title: "No crypto", context: ["public"], filter_action: "hide", keywords_attributes: [{ keyword: "crypto" }],
    } }));
    await json(await stoa.request("/api/v2/filters", { token: viewer.token, json: {
      title: "Spoilers", context: ["public"], filter_action: "warn", keywords_attributes: [{ keyword: "finale" }],
    } }));
    await stoa.drain();
  });
  after(() => stoa.close());

  it("leaves out muted, blocked, blocking, domain-blocked, silenced and hidden-by-filter authors", async () => {
    const page = await tagPage(viewer.token);
    const ids = page.map((s) => s.id);
    assert.deepEqual(new Set(ids), new Set([posted.plain, posted.followedsilenced, posted.warned]));
    const warned = page.find((s) => s.id === posted.warned)!;
    assert.deepEqual(warned.filtered?.map((f) => f.filter.title), ["Spoilers"]);
  });

  it("streams the tag to the viewer without muted authors or posts a filter hides", async () => {
    const channel = "timeline:hashtag:garden";
    const pubsub = stoa.ctx.pubsub;
    const original = pubsub.subscribe.bind(pubsub);
    const subscribed = new Promise<void>((resolve) => {
      pubsub.subscribe = async (name, handler) => {
        const off = await original(name, handler);
        if (name === channel) resolve();
        return off;
      };
    });
    const response = await stoa.request("/api/v1/streaming/hashtag?tag=garden", { token: viewer.token });
    await subscribed;
    pubsub.subscribe = original;
    const author = async (name: string) => (await stoa.ctx.sql<{ id: string }[]>`select id from accounts where username = ${name}`)[0]!.id;
    // Statuses published in order: a muted author's, a hidden one, then a plain one; only the last may arrive.
    const mutedPost = await stoa.ctx.sql<{ id: string }[]>`insert into statuses (account_id, content) values (${await author("muted")}, '<p>#garden again</p>') returning id`;
    const hiddenPost = await stoa.ctx.sql<{ id: string }[]>`insert into statuses (account_id, content) values (${await author("plain")}, '<p>#garden crypto again</p>') returning id`;
    const plainPost = await stoa.ctx.sql<{ id: string }[]>`insert into statuses (account_id, content) values (${await author("plain")}, '<p>#garden again</p>') returning id`;
    for (const [row] of [mutedPost, hiddenPost, plainPost]) await pubsub.publish(channel, { event: "update", id: row!.id });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!/^event: update$/m.test(text)) {
      const { value, done } = await reader.read();
      if (done) throw new Error("stream ended");
      text += decoder.decode(value, { stream: true });
    }
    await reader.cancel();
    const data = text.split("\n").find((l) => l.startsWith("data: "))!;
    assert.equal(JSON.parse(data.slice(6)).id, plainPost[0]!.id);
  });

  it("shows anonymous readers everything public except silenced authors", async () => {
    const ids = (await tagPage()).map((s) => s.id);
    assert.deepEqual(new Set(ids), new Set([posted.plain, posted.muted, posted.blocked, posted.blocker, posted.filtered, posted.warned, posted.remote]));
  });
});
