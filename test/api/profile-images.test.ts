import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

const image = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#3a6" } }).jpeg().withMetadata({ exif: { IFD0: { Copyright: "secret place" } } }).toBuffer();

describe("profile images and media deletion", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
  });
  after(() => stoa.close());

  const keyOf = (url: string) => new URL(url).pathname.slice("/system/".length);
  const stored = async (url: string) => stoa.ctx.storage.get(keyOf(url));

  async function update(fields: Record<string, string>, files: Record<string, Buffer>) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    for (const [k, v] of Object.entries(files)) form.set(k, new File([new Uint8Array(v)], `${k}.jpg`, { type: "image/jpeg" }));
    return stoa.request("/api/v1/accounts/update_credentials", { token: ada.token, method: "PATCH", body: form });
  }

  it("crops avatars to 400×400 and headers to 1500×500, without metadata", async () => {
    const me = await json(await update({ display_name: "Ada" }, { avatar: await image(900, 600), header: await image(1000, 1000) }));
    assert.equal(me.display_name, "Ada");
    assert.equal(me.avatar, me.avatar_static);
    const avatar = await sharp((await stored(me.avatar))!).metadata();
    assert.deepEqual([avatar.format, avatar.width, avatar.height, avatar.exif], ["webp", 400, 400, undefined]);
    const header = await sharp((await stored(me.header))!).metadata();
    assert.deepEqual([header.width, header.height], [1500, 500]);
    const served = await stoa.request(new URL(me.avatar).pathname);
    assert.equal(served.headers.get("content-type"), "image/webp");
  });

  it("replacing or removing an image removes the old file", async () => {
    const first = await json(await stoa.request("/api/v1/accounts/verify_credentials", { token: ada.token }));
    const next = await json(await update({}, { avatar: await image(64, 64) }));
    assert.notEqual(next.avatar, first.avatar);
    assert.equal(await stored(first.avatar), null, "the replaced avatar is gone");
    assert.ok(await stored(next.avatar));
    assert.equal(next.header, first.header, "the header was not touched");
    const cleared = await json(await stoa.request("/api/v1/profile/avatar", { token: ada.token, method: "DELETE" }));
    assert.equal(cleared.avatar, "http://stoa.test/avatars/original/missing.png");
    assert.equal(await stored(next.avatar), null);
    await json(await stoa.request("/api/v1/profile/header", { token: ada.token, method: "DELETE" }));
    assert.equal(await stored(first.header), null);
  });

  it("refuses bad images, changing nothing and leaving no files", async () => {
    const before = await json(await update({}, { avatar: await image(50, 50) }));
    const res = await update({ display_name: "Changed" }, { avatar: await image(50, 50), header: Buffer.from("not an image at all") });
    assert.equal(res.status, 422);
    assert.match((await res.json()).error, /header/);
    const now = await json(await stoa.request("/api/v1/accounts/verify_credentials", { token: ada.token }));
    assert.equal(now.display_name, before.display_name);
    assert.equal(now.avatar, before.avatar);
    const files = await readdir(path.join(stoa.ctx.config.dataDir, "media", "accounts", ada.accountId));
    assert.deepEqual(files, [keyOf(before.avatar).split("/").pop()], "the refused upload left no file");
    const kept = await json(await stoa.request("/api/v1/accounts/update_credentials", { token: ada.token, method: "PATCH", json: { avatar: null, header: "" } }));
    assert.equal(kept.avatar, before.avatar, "empty image values change nothing");
    assert.equal((await stoa.request("/api/v1/accounts/update_credentials", { token: ada.token, method: "PATCH", json: { avatar: "data" } })).status, 422);
    const tooLong = await update({ display_name: "x".repeat(100) }, { avatar: await image(50, 50) });
    assert.equal(tooLong.status, 422);
    assert.equal((await json(await stoa.request("/api/v1/accounts/verify_credentials", { token: ada.token }))).avatar, before.avatar);
    assert.equal((await readdir(path.join(stoa.ctx.config.dataDir, "media", "accounts", ada.accountId))).length, 1);
  });

  it("deletes only one's own unattached media, with its files", async () => {
    const upload = async (who: TestUser) => {
      const form = new FormData();
      form.set("file", new File([new Uint8Array(await image(120, 80))], "p.jpg", { type: "image/jpeg" }));
      return json(await stoa.request("/api/v1/media", { token: who.token, method: "POST", body: form }));
    };
    const loose = await upload(ada);
    assert.ok(await stored(loose.url));
    assert.equal((await stoa.request(`/api/v1/media/${loose.id}`, { token: bob.token, method: "DELETE" })).status, 404);
    assert.deepEqual(await json(await stoa.request(`/api/v1/media/${loose.id}`, { token: ada.token, method: "DELETE" })), {});
    assert.equal(await stored(loose.url), null);
    assert.equal(await stored(loose.preview_url), null);
    assert.equal((await stoa.request(`/api/v1/media/${loose.id}`, { token: ada.token })).status, 404);
    assert.equal((await stoa.request(`/api/v1/media/${loose.id}`, { token: ada.token, method: "DELETE" })).status, 404);
    assert.equal((await stoa.request("/api/v1/media/abc", { token: ada.token, method: "DELETE" })).status, 404);

    const used = await upload(ada);
    await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "a photo", media_ids: [used.id] } }));
    assert.equal((await stoa.request(`/api/v1/media/${used.id}`, { token: ada.token, method: "DELETE" })).status, 422);
    assert.ok(await stored(used.url), "attached media stays");

    const later = await upload(ada);
    const at = new Date(Date.now() + 3600_000).toISOString();
    await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "later", media_ids: [later.id], scheduled_at: at } }));
    assert.equal((await stoa.request(`/api/v1/media/${later.id}`, { token: ada.token, method: "DELETE" })).status, 422, "scheduled statuses use it");
  });
});
