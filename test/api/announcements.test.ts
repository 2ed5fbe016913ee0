import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import sharp from "sharp";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";
import { issueToken } from "../../src/oauth/tokens.ts";

describe("announcements", () => {
  let stoa: TestInstance;
  let owner: TestUser;
  let ada: TestUser;
  let bob: TestUser;
  let adminToken: string;
  before(async () => {
    stoa = await startTestInstance();
    owner = await createUser(stoa, "founder");
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
    const [app] = await stoa.ctx.sql<{ id: string }[]>`select id from oauth_apps order by id limit 1`;
    adminToken = (await issueToken(stoa.ctx.sql, { appId: app!.id, userId: owner.userId, scopes: ["read", "write", "admin:write"] })).accessToken;
    const form = new FormData();
    form.set("shortcode", "blobcat");
    form.set("image", new Blob([new Uint8Array(await sharp({ create: { width: 32, height: 32, channels: 3, background: "#fc0" } }).png().toBuffer())]), "e.png");
    await json(await stoa.request("/api/stoa/v1/admin/custom_emojis", { token: adminToken, method: "POST", body: form }));
  });
  after(() => stoa.close());

  const announce = (body: Record<string, unknown>) => stoa.request("/api/stoa/v1/admin/announcements", { token: adminToken, json: body });
  const list = (token: string, query = "") => stoa.request(`/api/v1/announcements${query}`, { token }).then((r) => json(r));
  const react = (token: string, id: string, name: string, method = "PUT") =>
    stoa.request(`/api/v1/announcements/${id}/reactions/${encodeURIComponent(name)}`, { token, method });

  it("shows published announcements only, until they end", async () => {
    const draft = await json(await announce({ text: "Draft :blobcat:" }));
    assert.deepEqual(await list(ada.token), [], "drafts are not shown");
    await json(await announce({ text: "Already over", publish: true, starts_at: "2020-01-01T00:00:00Z", ends_at: "2020-01-02T00:00:00Z" }));
    assert.deepEqual(await list(ada.token), [], "ended announcements are not shown");
    await json(await stoa.request(`/api/stoa/v1/admin/announcements/${draft.id}/publish`, { token: adminToken, method: "POST" }));
    const [shown] = await list(ada.token);
    assert.equal(shown.id, draft.id);
    assert.equal(shown.content, "<p>Draft :blobcat:</p>");
    assert.equal(shown.read, false);
    assert.equal(shown.published, true);
    assert.deepEqual(shown.reactions, []);
    assert.deepEqual(shown.emojis.map((e: { shortcode: string }) => e.shortcode), ["blobcat"]);
    for (const key of ["starts_at", "ends_at", "all_day", "published_at", "updated_at", "mentions", "statuses", "tags"]) assert.ok(key in shown, key);
    await json(await stoa.request(`/api/stoa/v1/admin/announcements/${draft.id}/unpublish`, { token: adminToken, method: "POST" }));
    assert.deepEqual(await list(ada.token), []);
    await json(await stoa.request(`/api/stoa/v1/admin/announcements/${draft.id}/publish`, { token: adminToken, method: "POST" }));
  });

  it("dismisses per account", async () => {
    const [a] = await list(ada.token);
    assert.deepEqual(await json(await stoa.request(`/api/v1/announcements/${a.id}/dismiss`, { token: ada.token, method: "POST" })), {});
    assert.deepEqual(await list(ada.token), []);
    const again = await list(ada.token, "?with_dismissed=true");
    assert.equal(again[0].read, true);
    assert.equal((await list(bob.token))[0].read, false, "another account has not read it");
    assert.equal((await stoa.request("/api/v1/announcements/999/dismiss", { token: ada.token, method: "POST" })).status, 404);
  });

  it("counts reactions with the viewer's own, unicode and custom", async () => {
    const [a] = await list(bob.token);
    assert.deepEqual(await json(await react(ada.token, a.id, "👍")), {});
    await json(await react(bob.token, a.id, "👍"));
    await json(await react(bob.token, a.id, "👍"));
    await json(await react(bob.token, a.id, "blobcat"));
    const seenByBob = (await list(bob.token))[0].reactions;
    assert.deepEqual(seenByBob[0], { name: "👍", count: 2, me: true });
    assert.equal(seenByBob[1].name, "blobcat");
    assert.equal(seenByBob[1].me, true);
    assert.match(seenByBob[1].url, /\/system\/custom_emojis\/\d+\.webp$/);
    assert.match(seenByBob[1].static_url, /_static\.png$/);
    const seenByAda = (await list(ada.token, "?with_dismissed=true"))[0].reactions;
    assert.deepEqual(seenByAda.map((r: { me: boolean; count: number }) => [r.count, r.me]), [[2, true], [1, false]]);

    assert.equal((await react(ada.token, a.id, "notanemoji")).status, 422);
    assert.equal((await react(ada.token, a.id, "👍👍")).status, 422);
    assert.equal((await react(ada.token, "999", "👍")).status, 404);
    await json(await react(bob.token, a.id, "👍", "DELETE"));
    assert.deepEqual((await list(bob.token))[0].reactions[0], { name: "👍", count: 1, me: false });

    for (const e of ["😀", "😁", "😂", "🤣", "😃", "😄"]) await json(await react(ada.token, a.id, e));
    assert.equal((await react(ada.token, a.id, "😅")).status, 422, "at most 8 different reactions");
    await json(await react(bob.token, a.id, "😀"));
    assert.equal((await list(bob.token))[0].reactions.length, 8);
  });

  it("lets admins list every announcement and delete one", async () => {
    const all = await json(await stoa.request("/api/stoa/v1/admin/announcements", { token: adminToken }));
    assert.deepEqual(all.map((a: { text: string; published: boolean }) => [a.text, a.published]), [["Already over", true], ["Draft :blobcat:", true]]);
    const live = all[1].id;
    assert.deepEqual(await json(await stoa.request(`/api/stoa/v1/admin/announcements/${live}`, { token: adminToken, method: "DELETE" })), {});
    assert.deepEqual(await list(ada.token, "?with_dismissed=true"), []);
    assert.equal((await stoa.request(`/api/stoa/v1/admin/announcements/${live}`, { token: adminToken, method: "DELETE" })).status, 404);
    assert.equal((await stoa.request("/api/stoa/v1/admin/announcements", { token: ada.token })).status, 403);
  });

  it("requires auth and admin rights", async () => {
    assert.equal((await stoa.request("/api/v1/announcements")).status, 401);
    assert.equal((await stoa.request("/api/stoa/v1/admin/announcements", { token: ada.token, json: { text: "hi" } })).status, 403);
    assert.equal((await announce({ text: "" })).status, 422);
    assert.equal((await announce({ text: "x", starts_at: "not a date" })).status, 422);
    assert.equal((await announce({ text: "x", starts_at: "2030-01-02T00:00:00Z", ends_at: "2030-01-01T00:00:00Z" })).status, 422);
    assert.equal((await stoa.request("/api/stoa/v1/admin/announcements/999/publish", { token: adminToken, method: "POST" })).status, 404);
  });
});
