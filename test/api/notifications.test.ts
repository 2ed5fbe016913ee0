import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

describe("notifications and markers", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
  });
  after(() => stoa.close());

  it("lists mentions and favourites newest first, filters by type, and dismisses", async () => {
    const status = await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "Hi @bob" } }));
    await json(await stoa.request(`/api/v1/statuses/${status.id}/favourite`, { token: bob.token, method: "POST" }));
    const mention = await json(await stoa.request("/api/v1/notifications", { token: bob.token }));
    assert.equal(mention.length, 1);
    assert.equal(mention[0].type, "mention");
    assert.equal(mention[0].account.username, "ada");
    assert.equal(mention[0].status.id, status.id);
    const forAda = await json(await stoa.request("/api/v1/notifications?types[]=favourite", { token: ada.token }));
    assert.deepEqual(forAda.map((n: { type: string }) => n.type), ["favourite"]);
    assert.equal((await json(await stoa.request("/api/v1/notifications?exclude_types[]=favourite", { token: ada.token }))).length, 0);

    assert.equal((await json(await stoa.request("/api/v1/notifications/unread_count", { token: bob.token }))).count, 1);
    const marker = await json(await stoa.request("/api/v1/markers", { token: bob.token, json: { notifications: { last_read_id: mention[0].id } } }));
    assert.equal(marker.notifications.last_read_id, mention[0].id);
    assert.equal(marker.notifications.version, 1);
    assert.equal((await json(await stoa.request("/api/v1/notifications/unread_count", { token: bob.token }))).count, 0);
    const markers = await json(await stoa.request("/api/v1/markers?timeline[]=notifications&timeline[]=home", { token: bob.token }));
    assert.deepEqual(Object.keys(markers), ["notifications"]);

    assert.equal((await stoa.request(`/api/v1/notifications/${mention[0].id}`, { token: ada.token })).status, 404, "others' notifications are invisible");
    await json(await stoa.request(`/api/v1/notifications/${mention[0].id}/dismiss`, { token: bob.token, method: "POST" }));
    assert.equal((await json(await stoa.request("/api/v1/notifications", { token: bob.token }))).length, 0);
  });

  it("streams a committed notification through pub/sub to the recipient's channel", async () => {
    await stoa.drain(); // earlier notifications are published before we listen
    const received: unknown[] = [];
    const unsubscribe = await stoa.ctx.pubsub.subscribe(`user:${ada.accountId}`, (m) => received.push(m));
    await json(await stoa.request("/api/v1/statuses", { token: bob.token, json: { status: "Ping @ada" } }));
    await stoa.drain();
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    await unsubscribe();
    // The mention also reaches ada's home feed (an `update`); exactly one notification is published.
    const notifications = received.filter((m) => (m as { event: string }).event === "notification");
    assert.equal(notifications.length, 1);
  });

  it("refuses bad input", async () => {
    assert.equal((await stoa.request("/api/v1/notifications")).status, 401);
    assert.equal((await stoa.request("/api/v1/markers", { token: bob.token, json: { home: { last_read_id: "nope" } } })).status, 422);
    assert.equal((await stoa.request("/api/v1/notifications/123/dismiss", { token: bob.token, method: "POST" })).status, 404);
    assert.equal((await stoa.request("/api/v1/notifications/abc", { token: bob.token })).status, 404);
    await json(await stoa.request("/api/v1/notifications?types[]=nonsense", { token: bob.token }), 422);
    await json(await stoa.request("/api/v1/notifications?exclude_types[]=favourite&exclude_types[]=x", { token: bob.token }), 422);
    await json(await stoa.request("/api/v1/notifications?account_id=abc", { token: bob.token }), 422);
    await json(await stoa.request("/api/v1/notifications?max_id=xyz", { token: bob.token }), 422);
  });

  it("pages newest first with Link headers, filters by account, and clears", async () => {
    const cat = await createUser(stoa, "cat");
    const posted: string[] = [];
    for (const author of [bob, cat, bob]) {
      posted.push((await json(await stoa.request("/api/v1/statuses", { token: author.token, json: { status: `@ada number ${posted.length}` } }))).id);
    }
    const first = await stoa.request("/api/v1/notifications?types[]=mention&limit=2", { token: ada.token });
    const page = await json(first);
    assert.deepEqual(page.map((n: { status: { id: string } }) => n.status.id), [posted[2], posted[1]]);
    assert.match(page[0].group_key, new RegExp(`^ungrouped-${page[0].id}$`), "ungrouped notifications get their own key, as Mastodon's");
    assert.match(first.headers.get("link")!, new RegExp(`max_id=${page[1].id}.*rel="next"`));
    const older = await json(await stoa.request(`/api/v1/notifications?types[]=mention&max_id=${page[1].id}`, { token: ada.token }));
    assert.ok(older.every((n: { id: string }) => BigInt(n.id) < BigInt(page[1].id)));
    const newer = await json(await stoa.request(`/api/v1/notifications?types[]=mention&min_id=${older[0].id}&limit=1`, { token: ada.token }));
    assert.deepEqual(newer.map((n: { id: string }) => n.id), [page[1].id], "min_id gives the ones immediately newer");
    const fromCat = await json(await stoa.request(`/api/v1/notifications?account_id=${cat.accountId}`, { token: ada.token }));
    assert.deepEqual(fromCat.map((n: { status: { id: string } }) => n.status.id), [posted[1]]);
    await json(await stoa.request("/api/v1/notifications/clear", { token: ada.token, method: "POST" }));
    assert.deepEqual(await json(await stoa.request("/api/v1/notifications", { token: ada.token })), []);
  });
});
