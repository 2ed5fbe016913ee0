import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";
import { issueToken } from "../../src/oauth/tokens.ts";

describe("profile: update_credentials, images and preferences", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
  });
  after(() => stoa.close());

  const patch = (who: TestUser, body: unknown) => stoa.request("/api/v1/accounts/update_credentials", { token: who.token, method: "PATCH", json: body });
  const snapshot = async () => (await stoa.ctx.sql`select display_name, note, note_html, fields, locked from accounts where id = ${ada.accountId}`)[0];

  it("updates the profile, renders the note and fields, and returns a CredentialAccount", async () => {
    stoa.ctx.events.on("account.updated", "profiletest", async () => {});
    const me = await json(await patch(ada, {
      display_name: "Ada Lovelace",
      note: "Poet of science <b>bold</b>\n\nhttps://example.org and @bob #maths",
      bot: true,
      discoverable: false,
      indexable: false,
      hide_collections: true,
      fields_attributes: [{ name: "Site", value: "https://ada.example" }, { name: "", value: "" }, { name: "Pronouns", value: "she/her" }],
      source: { privacy: "unlisted", sensitive: true, language: "EN", quote_policy: "followers" },
    }));
    assert.equal(me.display_name, "Ada Lovelace");
    assert.match(me.note, /^<p>Poet of science &lt;b&gt;bold&lt;\/b&gt;<\/p><p><a href="https:\/\/example.org"/);
    assert.match(me.note, /class="u-url mention">@<span>bob<\/span>/);
    assert.match(me.note, /rel="tag">#<span>maths<\/span>/);
    assert.equal(me.source.note, "Poet of science <b>bold</b>\n\nhttps://example.org and @bob #maths");
    assert.equal(me.fields.length, 2, "empty fields are dropped");
    assert.match(me.fields[0].value, /^<a href="https:\/\/ada.example"/);
    assert.equal(me.fields[1].value, "she/her");
    assert.deepEqual(me.source.fields.map((f: { name: string; value: string }) => [f.name, f.value]), [["Site", "https://ada.example"], ["Pronouns", "she/her"]]);
    assert.equal(me.bot, true);
    assert.equal(me.discoverable, false);
    assert.equal(me.indexable, false);
    assert.equal(me.hide_collections, true);
    assert.equal(me.source.privacy, "unlisted");
    assert.equal(me.source.sensitive, true);
    assert.equal(me.source.language, "en");
    assert.equal(me.source.quote_policy, "followers");
    const jobs = await stoa.ctx.sql`select count(*)::int as n from jobs where kind = 'profiletest:account.updated'`;
    assert.equal(jobs[0]!.n, 1);
    await stoa.drain();
    const pub = await json(await stoa.request(`/api/v1/accounts/${ada.accountId}`));
    assert.equal(pub.display_name, "Ada Lovelace");
    assert.equal(pub.note, me.note);
  });

  it("accepts Rails-style form bodies", async () => {
    const body = new URLSearchParams({
      display_name: "Ada",
      locked: "true",
      "fields_attributes[0][name]": "A",
      "fields_attributes[0][value]": "1",
      "fields_attributes[1][name]": "B",
      "fields_attributes[1][value]": "2",
      "source[privacy]": "private",
    });
    const res = await stoa.request("/api/v1/accounts/update_credentials", {
      token: ada.token, method: "PATCH", body: body.toString(), headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const me = await json(res);
    assert.equal(me.display_name, "Ada");
    assert.equal(me.locked, true);
    assert.deepEqual(me.fields.map((f: { name: string }) => f.name), ["A", "B"]);
    assert.equal(me.source.privacy, "private");
    assert.equal(me.source.quote_policy, "followers", "unsent settings stay");
  });

  it("unlocking accepts pending follow requests", async () => {
    const r = await json(await stoa.request(`/api/v1/accounts/${ada.accountId}/follow`, { token: bob.token, method: "POST" }));
    assert.equal(r.requested, true);
    await json(await patch(ada, { locked: false }));
    const [rel] = await json(await stoa.request(`/api/v1/accounts/relationships?id[]=${ada.accountId}`, { token: bob.token }));
    assert.equal(rel.following, true);
    assert.equal(rel.requested, false);
    const [row] = await stoa.ctx.sql`select followers_count from accounts where id = ${ada.accountId}`;
    assert.equal(row!.followersCount, 1);
  });

  it("refuses too-long fields, too many fields and bad values, changing nothing", async () => {
    const before = await snapshot();
    const cases: unknown[] = [
      { display_name: "x".repeat(31) },
      { note: "n".repeat(501) },
      { fields_attributes: [1, 2, 3, 4, 5].map((i) => ({ name: `f${i}`, value: "v" })) },
      { fields_attributes: [{ name: "n".repeat(256), value: "v" }] },
      { source: { privacy: "direct" } },
      { source: { language: "klingon" } },
      { locked: "perhaps" },
      { display_name: "fine", note: "z".repeat(501) },
    ];
    for (const body of cases) {
      const res = await patch(ada, body);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.ok((await res.json()).error);
    }
    assert.equal((await patch(ada, { display_name: "🦋".repeat(30) })).status, 200, "limits count characters, not UTF-16 units");
    await patch(ada, { display_name: before!.displayName });
    assert.deepEqual(await snapshot(), before);
  });

  it("requires write:accounts", async () => {
    const readOnly = await issueToken(stoa.ctx.sql, { appId: null, userId: ada.userId, scopes: ["read"] });
    const res = await stoa.request("/api/v1/accounts/update_credentials", { token: readOnly.accessToken, method: "PATCH", json: { display_name: "nope" } });
    assert.equal(res.status, 403);
    assert.equal((await stoa.request("/api/v1/accounts/update_credentials", { method: "PATCH", json: {} })).status, 401);
    assert.notEqual((await snapshot())!.displayName, "nope");
  });

  it("removes the avatar and header", async () => {
    await stoa.ctx.sql`update accounts set avatar_file_key = 'avatars/a.webp', header_file_key = 'headers/h.webp' where id = ${ada.accountId}`;
    const withImage = await json(await stoa.request(`/api/v1/accounts/${ada.accountId}`));
    assert.equal(withImage.avatar, "http://stoa.test/system/avatars/a.webp");
    const me = await json(await stoa.request("/api/v1/profile/avatar", { token: ada.token, method: "DELETE" }));
    assert.equal(me.avatar, "http://stoa.test/avatars/original/missing.png");
    assert.equal(me.header, "http://stoa.test/system/headers/h.webp");
    const me2 = await json(await stoa.request("/api/v1/profile/header", { token: ada.token, method: "DELETE" }));
    assert.equal(me2.header, "http://stoa.test/headers/original/missing.png");
  });

  it("refuses an avatar that is not an image, changing nothing", async () => {
    const form = new FormData();
    form.set("display_name", "With avatar");
    form.set("avatar", new File([new Uint8Array([137, 80, 78, 71])], "a.png", { type: "image/png" }));
    const res = await stoa.request("/api/v1/accounts/update_credentials", { token: ada.token, method: "PATCH", body: form });
    assert.equal(res.status, 422);
    assert.match((await res.json()).error, /avatar/);
    assert.notEqual((await snapshot())!.displayName, "With avatar");
  });

  it("reports preferences with Mastodon's keys", async () => {
    const prefs = await json(await stoa.request("/api/v1/preferences", { token: ada.token }));
    assert.deepEqual(prefs, {
      "posting:default:visibility": "private",
      "posting:default:sensitive": true,
      "posting:default:language": "en",
      "posting:default:quote_policy": "followers",
      "reading:expand:media": "default",
      "reading:expand:spoilers": false,
      "reading:autoplay:gifs": false,
    });
    const fresh = await json(await stoa.request("/api/v1/preferences", { token: bob.token }));
    assert.equal(fresh["posting:default:visibility"], "public");
    assert.equal(fresh["posting:default:language"], null);
  });
});
