import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import sharp from "sharp";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

function image(width: number, height: number, format: "png" | "jpeg" = "png") {
  const base = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } });
  return format === "jpeg"
    ? base.jpeg().withExif({ IFD0: { Copyright: "Secret Place", ImageDescription: "taken at home" } }).toBuffer()
    : base.png().toBuffer();
}

function form(file: Buffer, name: string, fields: Record<string, string> = {}) {
  const body = new FormData();
  body.set("file", new Blob([new Uint8Array(file)]), name);
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  return body;
}

describe("media attachments", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
  });
  after(() => stoa.close());

  it("processes an upload in the background, strips metadata, and attaches it with alt text", async () => {
    const jpeg = await image(1200, 800, "jpeg");
    assert.ok((await sharp(jpeg).metadata()).exif, "the fixture carries EXIF");
    const accepted = await stoa.request("/api/v2/media", { token: ada.token, method: "POST", body: form(jpeg, "photo.jpg", { description: "A warm orange field", focus: "0.5,-0.25" }) });
    assert.equal(accepted.status, 202);
    const pending = await accepted.json();
    assert.equal(pending.url, null);
    assert.equal((await stoa.request(`/api/v1/media/${pending.id}`, { token: ada.token })).status, 206);
    await stoa.drain();
    const ready = await json(await stoa.request(`/api/v1/media/${pending.id}`, { token: ada.token }));
    assert.equal(ready.type, "image");
    assert.equal(ready.description, "A warm orange field");
    assert.deepEqual(ready.meta.focus, { x: 0.5, y: -0.25 });
    assert.equal(ready.meta.original.width, 1200);
    assert.equal(ready.meta.small.width, 640);
    assert.ok(ready.blurhash.length >= 6);

    const stored = await stoa.request(new URL(ready.url).pathname);
    assert.equal(stored.headers.get("content-type"), "image/webp");
    const bytes = Buffer.from(await stored.arrayBuffer());
    assert.equal((await sharp(bytes).metadata()).exif, undefined, "EXIF is gone from the stored file");

    const updated = await json(await stoa.request(`/api/v1/media/${ready.id}`, { token: ada.token, method: "PUT", json: { description: "An orange field at dusk" } }));
    assert.equal(updated.description, "An orange field at dusk");
    const status = await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "Look", media_ids: [ready.id] } }));
    assert.equal(status.media_attachments[0].id, ready.id);
    assert.equal(status.media_attachments[0].description, "An orange field at dusk");
    assert.equal((await stoa.request(`/api/v1/media/${ready.id}`, { token: ada.token, method: "PUT", json: { description: "late" } })).status, 404, "attached media is frozen");
  });

  it("processes synchronously on v1", async () => {
    const res = await json(await stoa.request("/api/v1/media", { token: ada.token, method: "POST", body: form(await image(50, 40), "a.png") }));
    assert.ok(res.url);
    assert.equal(res.meta.original.width, 50);
  });

  it("refuses what is not an image, pixel bombs, and others' media", async () => {
    const [before] = await stoa.ctx.sql`select count(*)::int as n from media_attachments`;
    const text = await stoa.request("/api/v2/media", { token: ada.token, method: "POST", body: form(Buffer.from("just text, honestly"), "fake.png") });
    assert.equal(text.status, 422);
    const bomb = await stoa.request("/api/v2/media", { token: ada.token, method: "POST", body: form(await image(6000, 6000), "big.png") });
    assert.equal(bomb.status, 422);
    assert.match((await bomb.json()).error, /dimensions/);
    const noFile = await stoa.request("/api/v2/media", { token: ada.token, json: { description: "nothing" } });
    assert.equal(noFile.status, 422);
    const badFocus = await stoa.request("/api/v2/media", { token: ada.token, method: "POST", body: form(await image(10, 10), "a.png", { focus: "3,0" }) });
    assert.equal(badFocus.status, 422);
    const [afterwards] = await stoa.ctx.sql`select count(*)::int as n from media_attachments`;
    assert.equal(afterwards!.n, before!.n);

    const mine = await json(await stoa.request("/api/v1/media", { token: ada.token, method: "POST", body: form(await image(10, 10), "a.png") }));
    assert.equal((await stoa.request(`/api/v1/media/${mine.id}`, { token: bob.token })).status, 404);
    assert.equal((await stoa.request("/api/v1/statuses", { token: bob.token, json: { status: "stolen", media_ids: [mine.id] } })).status, 422);
    // URL parsing folds "../" away, so traversal can only arrive percent-encoded under /system.
    assert.equal((await stoa.request("/system/..%2F..%2Fetc%2Fpasswd")).status, 404);
    assert.equal((await stoa.request("/system/media_attachments/..%2F..%2F..%2Fetc%2Fpasswd")).status, 404);
  });
});
