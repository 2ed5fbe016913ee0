import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";
import { issueToken } from "../../src/oauth/tokens.ts";
import { runAdminCli } from "../../src/cli/admin.ts";

const png = (size: number) => sharp({ create: { width: size, height: size, channels: 4, background: { r: 250, g: 200, b: 0, alpha: 1 } } }).png().toBuffer();

describe("custom emojis", () => {
  let stoa: TestInstance;
  let owner: TestUser;
  let ada: TestUser;
  let adminToken: string;
  before(async () => {
    stoa = await startTestInstance();
    owner = await createUser(stoa, "founder");
    ada = await createUser(stoa, "ada");
    const [app] = await stoa.ctx.sql<{ id: string }[]>`select id from oauth_apps order by id limit 1`;
    adminToken = (await issueToken(stoa.ctx.sql, { appId: app!.id, userId: owner.userId, scopes: ["read", "write", "admin:write"] })).accessToken;
  });
  after(() => stoa.close());

  function upload(token: string, fields: Record<string, string>, image?: Buffer) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    if (image) form.set("image", new Blob([new Uint8Array(image)], { type: "image/png" }), "emoji.png");
    return stoa.request("/api/stoa/v1/admin/custom_emojis", { token, method: "POST", body: form });
  }

  it("lets admins add emojis, processed and served from storage", async () => {
    const emoji = await json(await upload(adminToken, { shortcode: "blobcat", category: "Cats" }, await png(300)));
    assert.equal(emoji.shortcode, "blobcat");
    assert.equal(emoji.category, "Cats");
    assert.equal(emoji.visible_in_picker, true);
    const image = await stoa.request(new URL(emoji.url).pathname);
    assert.equal(image.headers.get("content-type"), "image/webp");
    const meta = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
    assert.deepEqual([meta.width, meta.height], [128, 128], "scaled to emoji size");
    const still = await stoa.request(new URL(emoji.static_url).pathname);
    assert.equal(still.headers.get("content-type"), "image/png");
    assert.deepEqual(await json(await stoa.request("/api/v1/custom_emojis")), [emoji]);
  });

  it("refuses bad emojis and non-admins, changing nothing", async () => {
    assert.equal((await upload(ada.token, { shortcode: "mine" }, await png(32))).status, 403);
    assert.equal((await upload(adminToken, { shortcode: "blobcat" }, await png(32))).status, 422, "taken");
    assert.equal((await upload(adminToken, { shortcode: "a" }, await png(32))).status, 422, "too short");
    assert.equal((await upload(adminToken, { shortcode: "no-dash" }, await png(32))).status, 422);
    assert.equal((await upload(adminToken, { shortcode: "nofile" })).status, 422);
    assert.equal((await upload(adminToken, { shortcode: "notimage" }, Buffer.from("GIF89a but not really"))).status, 422);
    const noise = await sharp(randomBytes(600 * 600 * 3), { raw: { width: 600, height: 600, channels: 3 } }).png().toBuffer();
    assert.ok(noise.length > 256 * 1024);
    assert.equal((await upload(adminToken, { shortcode: "huge" }, noise)).status, 422, "over 256 KB");
    assert.deepEqual((await json(await stoa.request("/api/v1/custom_emojis"))).map((e: { shortcode: string }) => e.shortcode), ["blobcat"]);
  });

  it("fills the emojis of statuses and accounts from :shortcode:", async () => {
    await json(await stoa.request("/api/v1/accounts/update_credentials", { token: ada.token, method: "PATCH", json: { display_name: "Ada :blobcat:" } }));
    const status = await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "hi :blobcat: and :nothing: and a:blobcat:b", spoiler_text: "cats" } }));
    assert.deepEqual(status.emojis.map((e: { shortcode: string }) => e.shortcode), ["blobcat"]);
    assert.equal(status.emojis[0].url, (await json(await stoa.request("/api/v1/custom_emojis")))[0].url);
    assert.deepEqual(status.account.emojis.map((e: { shortcode: string }) => e.shortcode), ["blobcat"]);
    const me = await json(await stoa.request("/api/v1/accounts/verify_credentials", { token: ada.token }));
    assert.equal(me.emojis[0].shortcode, "blobcat");
    const account = await json(await stoa.request(`/api/v1/accounts/${ada.accountId}`));
    assert.equal(account.emojis[0].shortcode, "blobcat");
    const plain = await json(await stoa.request("/api/v1/statuses", { token: owner.token, json: { status: "no emoji here: just colons:" } }));
    assert.deepEqual(plain.emojis, []);
  });

  it("matches a remote author's emojis from their own server", async () => {
    const sql = stoa.ctx.sql;
    const [remote] = await sql<{ id: string }[]>`insert into accounts (username, domain, display_name, uri) values ('zed', 'far.example', 'Zed :blobcat:', 'https://far.example/users/zed') returning id`;
    await sql`insert into custom_emojis (shortcode, domain, image_url, static_url) values ('blobcat', 'far.example', 'https://far.example/e/blobcat.png', 'https://far.example/e/blobcat_s.png')`;
    const [status] = await sql<{ id: string }[]>`insert into statuses (account_id, local, content, visibility, uri) values (${remote!.id}, false, '<p>hello :blobcat:</p>', 'public', 'https://far.example/s/1') returning id`;
    const seen = await json(await stoa.request(`/api/v1/statuses/${status!.id}`));
    assert.deepEqual(seen.emojis.map((e: { url: string }) => e.url), ["https://far.example/e/blobcat.png"], "their blobcat, not ours");
    assert.equal(seen.account.emojis[0].url, "https://far.example/e/blobcat.png");
    const ours = await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "ours :blobcat:" } }));
    assert.match(ours.emojis[0].url, /^http:\/\/stoa\.test\/system\//);
  });

  it("adds emojis from the command line", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "stoa-emoji-"));
    try {
      const file = path.join(dir, "party.png");
      await writeFile(file, await png(64));
      assert.equal(await runAdminCli(stoa.ctx.config, ["add-emoji", "party_parrot", file, "--category", "Fun"]), 0);
      assert.equal(await runAdminCli(stoa.ctx.config, ["add-emoji", "party_parrot", file]), 1, "taken");
      assert.equal(await runAdminCli(stoa.ctx.config, ["add-emoji", "x"]), 2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const list = await json(await stoa.request("/api/v1/custom_emojis"));
    assert.deepEqual(list.map((e: { shortcode: string; category: string }) => [e.shortcode, e.category]), [["blobcat", "Cats"], ["party_parrot", "Fun"]]);
  });

  it("lets admins delete an emoji with its files", async () => {
    const [blobcat] = await json(await stoa.request("/api/v1/custom_emojis"));
    const admin = (method: string, code: string, token = adminToken) => stoa.request(`/api/stoa/v1/admin/custom_emojis/${code}`, { token, method });
    assert.equal((await admin("DELETE", "blobcat", ada.token)).status, 403);
    assert.deepEqual(await json(await admin("DELETE", "blobcat")), {});
    assert.equal((await stoa.request(new URL(blobcat.url).pathname)).status, 404, "the file is gone");
    assert.equal((await stoa.request(new URL(blobcat.static_url).pathname)).status, 404);
    assert.equal((await admin("DELETE", "blobcat")).status, 404);
    const post = await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "gone :blobcat:" } }));
    assert.deepEqual(post.emojis, []);
  });
});
