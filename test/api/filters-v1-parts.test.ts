import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

describe("filters v1 and filter sub-resources", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
    await json(await stoa.request(`/api/v1/accounts/${bob.accountId}/follow`, { token: ada.token, method: "POST" }));
  });
  after(() => stoa.close());

  const ids = (list: { id: string }[]) => list.map((s) => s.id);

  it("serves v1 filters as one per keyword over the v2 store", async () => {
    const created = await json(await stoa.request("/api/v1/filters", { token: ada.token, form: {
      phrase: "eclipse", "context[]": "home", irreversible: "true", whole_word: "false",
    } }));
    assert.deepEqual({ ...created, id: undefined }, { id: undefined, phrase: "eclipse", context: ["home"], whole_word: false, expires_at: null, irreversible: true });
    const v2 = await json(await stoa.request("/api/v2/filters", { token: ada.token }));
    assert.equal(v2.length, 1);
    assert.equal(v2[0].title, "eclipse");
    assert.equal(v2[0].filter_action, "hide");
    assert.equal(v2[0].keywords[0].id, created.id, "the v1 id is the keyword's id");

    const post = await json(await stoa.request("/api/v1/statuses", { token: bob.token, json: { status: "Total eclipses tomorrow" } }));
    await stoa.drain();
    assert.ok(!ids(await json(await stoa.request("/api/v1/timelines/home", { token: ada.token }))).includes(post.id), "irreversible hides");

    const updated = await json(await stoa.request(`/api/v1/filters/${created.id}`, { token: ada.token, method: "PUT", json: {
      phrase: "solar eclipse", irreversible: false, expires_in: 3600,
    } }));
    assert.equal(updated.phrase, "solar eclipse");
    assert.equal(updated.irreversible, false);
    assert.ok(Date.parse(updated.expires_at) > Date.now() + 3000_000);
    assert.deepEqual(await json(await stoa.request(`/api/v1/filters/${created.id}`, { token: ada.token })), updated);
    assert.deepEqual(ids(await json(await stoa.request("/api/v1/filters", { token: ada.token }))), [created.id]);

    assert.equal((await stoa.request(`/api/v1/filters/${created.id}`, { token: bob.token })).status, 404);
    assert.equal((await stoa.request("/api/v1/filters", { token: ada.token, json: { phrase: "", context: ["home"] } })).status, 422);
    assert.equal((await stoa.request("/api/v1/filters", { token: ada.token, json: { phrase: "x", context: ["nowhere"] } })).status, 422);
    assert.deepEqual(await json(await stoa.request(`/api/v1/filters/${created.id}`, { token: ada.token, method: "DELETE" })), {});
    assert.deepEqual(await json(await stoa.request("/api/v2/filters", { token: ada.token })), [], "deleting a v1 filter removes its v2 filter");
  });

  it("refuses a v1 change to settings shared by several keywords", async () => {
    const filter = await json(await stoa.request("/api/v2/filters", { token: ada.token, json: {
      title: "Pair", context: ["public"], keywords_attributes: [{ keyword: "alpha" }, { keyword: "beta" }],
    } }));
    const [alpha] = filter.keywords;
    const listed = await json(await stoa.request("/api/v1/filters", { token: ada.token }));
    assert.deepEqual(listed.map((f: { phrase: string }) => f.phrase), ["alpha", "beta"]);
    assert.equal((await stoa.request(`/api/v1/filters/${alpha.id}`, { token: ada.token, method: "PUT", json: { context: ["home"] } })).status, 422);
    const renamed = await json(await stoa.request(`/api/v1/filters/${alpha.id}`, { token: ada.token, method: "PUT", json: { phrase: "gamma" } }));
    assert.equal(renamed.phrase, "gamma");
    const after = await json(await stoa.request(`/api/v2/filters/${filter.id}`, { token: ada.token }));
    assert.deepEqual(after.context, ["public"], "the refused change changed nothing");
    await json(await stoa.request(`/api/v2/filters/${filter.id}`, { token: ada.token, method: "DELETE" }));
  });

  it("manages keywords one by one", async () => {
    const filter = await json(await stoa.request("/api/v2/filters", { token: ada.token, json: { title: "Words", context: ["home"], filter_action: "warn" } }));
    const k = await json(await stoa.request(`/api/v2/filters/${filter.id}/keywords`, { token: ada.token, json: { keyword: "marmalade", whole_word: false } }));
    assert.deepEqual({ ...k, id: undefined }, { id: undefined, keyword: "marmalade", whole_word: false });
    assert.deepEqual(await json(await stoa.request(`/api/v2/filters/${filter.id}/keywords`, { token: ada.token })), [k]);
    assert.deepEqual(await json(await stoa.request(`/api/v2/filters/keywords/${k.id}`, { token: ada.token })), k);

    const post = await json(await stoa.request("/api/v1/statuses", { token: bob.token, json: { status: "Jam or Marmalade?" } }));
    await stoa.drain();
    const home = await json(await stoa.request("/api/v1/timelines/home", { token: ada.token }));
    assert.deepEqual(home.find((s: { id: string }) => s.id === post.id).filtered[0].keyword_matches, ["marmalade"]);

    const edited = await json(await stoa.request(`/api/v2/filters/keywords/${k.id}`, { token: ada.token, method: "PUT", json: { keyword: "jam" } }));
    assert.deepEqual(edited, { id: k.id, keyword: "jam", whole_word: false });
    assert.equal((await stoa.request(`/api/v2/filters/keywords/${k.id}`, { token: bob.token })).status, 404);
    assert.equal((await stoa.request(`/api/v2/filters/keywords/${k.id}`, { token: bob.token, method: "DELETE" })).status, 404);
    assert.equal((await stoa.request(`/api/v2/filters/${filter.id}/keywords`, { token: bob.token, json: { keyword: "x" } })).status, 404);
    assert.equal((await stoa.request(`/api/v2/filters/${filter.id}/keywords`, { token: ada.token, json: { keyword: " " } })).status, 422);
    assert.equal((await stoa.request(`/api/v2/filters/keywords/${k.id}`, { token: ada.token, method: "PUT", json: { keyword: "" } })).status, 422);
    assert.deepEqual(await json(await stoa.request(`/api/v2/filters/keywords/${k.id}`, { token: ada.token, method: "DELETE" })), {});
    assert.equal((await stoa.request(`/api/v2/filters/keywords/${k.id}`, { token: ada.token })).status, 404);
    assert.deepEqual(await json(await stoa.request(`/api/v2/filters/${filter.id}/keywords`, { token: ada.token })), []);
    await json(await stoa.request(`/api/v2/filters/${filter.id}`, { token: ada.token, method: "DELETE" }));
  });

  it("tells the owner's streams when filters change, through every API", async () => {
    const seen: unknown[] = [];
    const unsubscribe = await stoa.ctx.pubsub.subscribe(`user:${ada.accountId}`, (m) => seen.push(m));
    const others: unknown[] = [];
    const unsubscribeBob = await stoa.ctx.pubsub.subscribe(`user:${bob.accountId}`, (m) => others.push(m));
    try {
      const v1 = await json(await stoa.request("/api/v1/filters", { token: ada.token, json: { phrase: "news", context: ["home"] } }));
      await json(await stoa.request(`/api/v1/filters/${v1.id}`, { token: ada.token, method: "PUT", json: { phrase: "old news" } }));
      const v2 = await json(await stoa.request("/api/v2/filters", { token: ada.token, json: { title: "t", context: ["home"] } }));
      const k = await json(await stoa.request(`/api/v2/filters/${v2.id}/keywords`, { token: ada.token, json: { keyword: "k" } }));
      await json(await stoa.request(`/api/v2/filters/keywords/${k.id}`, { token: ada.token, method: "DELETE" }));
      await json(await stoa.request(`/api/v2/filters/${v2.id}`, { token: ada.token, method: "DELETE" }));
      await json(await stoa.request(`/api/v1/filters/${v1.id}`, { token: ada.token, method: "DELETE" }));
      await stoa.request("/api/v2/filters", { token: ada.token, json: { title: "", context: ["home"] } }); // refused: no event
      await json(await stoa.request("/api/v2/filters", { token: ada.token })); // reads: no event
      await new Promise((resolve) => setImmediate(resolve)); // deliveries are queued as microtasks
      assert.equal(seen.length, 7);
      assert.deepEqual(seen[0], { event: "filters_changed" });
      assert.deepEqual(others, [], "only the owner's streams hear of it");
    } finally {
      await unsubscribe();
      await unsubscribeBob();
    }
  });

  it("filters the statuses a filter names", async () => {
    const warn = await json(await stoa.request("/api/v2/filters", { token: ada.token, json: { title: "These posts", context: ["home", "thread"], filter_action: "warn" } }));
    const hide = await json(await stoa.request("/api/v2/filters", { token: ada.token, json: { title: "Gone posts", context: ["home"], filter_action: "hide" } }));
    const shown = await json(await stoa.request("/api/v1/statuses", { token: bob.token, json: { status: "A post to warn about" } }));
    const hidden = await json(await stoa.request("/api/v1/statuses", { token: bob.token, json: { status: "A post to hide" } }));
    const other = await json(await stoa.request("/api/v1/statuses", { token: bob.token, json: { status: "An ordinary post" } }));
    await stoa.drain();

    const fs = await json(await stoa.request(`/api/v2/filters/${warn.id}/statuses`, { token: ada.token, json: { status_id: shown.id } }));
    assert.deepEqual({ ...fs, id: undefined }, { id: undefined, status_id: shown.id });
    await json(await stoa.request(`/api/v2/filters/${hide.id}/statuses`, { token: ada.token, form: { status_id: hidden.id } }));
    assert.equal((await stoa.request(`/api/v2/filters/${warn.id}/statuses`, { token: ada.token, json: { status_id: shown.id } })).status, 422, "once per filter");
    assert.deepEqual(await json(await stoa.request(`/api/v2/filters/${warn.id}/statuses`, { token: ada.token })), [fs]);
    assert.deepEqual(await json(await stoa.request(`/api/v2/filters/statuses/${fs.id}`, { token: ada.token })), fs);
    assert.deepEqual((await json(await stoa.request(`/api/v2/filters/${warn.id}`, { token: ada.token }))).statuses, [fs]);

    const home = await json(await stoa.request("/api/v1/timelines/home", { token: ada.token }));
    assert.ok(!ids(home).includes(hidden.id), "a hide filter removes the status");
    const warned = home.find((s: { id: string }) => s.id === shown.id);
    assert.equal(warned.filtered[0].filter.title, "These posts");
    assert.deepEqual(warned.filtered[0].status_matches, [shown.id]);
    assert.equal(warned.filtered[0].keyword_matches, null);
    assert.deepEqual(home.find((s: { id: string }) => s.id === other.id).filtered, []);

    const secret = await json(await stoa.request("/api/v1/statuses", { token: bob.token, json: { status: "just me", visibility: "direct" } }));
    assert.equal((await stoa.request(`/api/v2/filters/${warn.id}/statuses`, { token: ada.token, json: { status_id: secret.id } })).status, 404, "only visible statuses");
    assert.equal((await stoa.request(`/api/v2/filters/${warn.id}/statuses`, { token: ada.token, json: { status_id: "nope" } })).status, 404);
    assert.equal((await stoa.request(`/api/v2/filters/${warn.id}/statuses`, { token: ada.token, json: {} })).status, 422);
    assert.equal((await stoa.request(`/api/v2/filters/statuses/${fs.id}`, { token: bob.token })).status, 404);
    assert.equal((await stoa.request(`/api/v2/filters/${warn.id}/statuses`, { token: bob.token })).status, 404);

    assert.deepEqual(await json(await stoa.request(`/api/v2/filters/statuses/${fs.id}`, { token: ada.token, method: "DELETE" })), {});
    const again = await json(await stoa.request("/api/v1/timelines/home", { token: ada.token }));
    assert.deepEqual(again.find((s: { id: string }) => s.id === shown.id).filtered, [], "removing the entry stops the filtering");
  });
});
