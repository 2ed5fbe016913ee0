/**
 * Server-rendered public pages through the HTTP app: the landing, the public timeline, a
 * profile and a post — readable HTML with their metadata, only public posts, escaped user text,
 * the reader's language, the 30 KB budget, and ActivityPub requests left to federation.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { PAGE_BUDGET } from "../../src/api/web/public-pages.ts";
import { startTestInstance, createUser, json, type TestInstance, type TestUser } from "../support/instance.ts";


let stoa: TestInstance;
let ada: TestUser;
let publicPost: { id: string };
let privatePost: { id: string };
let warnedPost: { id: string };

async function post(user: TestUser, body: Record<string, unknown>): Promise<{ id: string }> {
  return json(await stoa.request("/api/v1/statuses", { token: user.token, json: body }));
}

async function page(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; res: Response }> {
  const res = await stoa.request(path, { headers });
  return { status: res.status, body: await res.text(), res };
}

function meta(body: string, attribute: "name" | "property", key: string): string | undefined {
  return new RegExp(`<meta ${attribute}="${key}" content="([^"]*)">`).exec(body)?.[1];
}

before(async () => {
  stoa = await startTestInstance();
  ada = await createUser(stoa, "ada");
  await json(await stoa.request("/api/v1/accounts/update_credentials", {
    token: ada.token, method: "PATCH", form: { display_name: "Ada <script>alert(1)</script>", note: "Counting engines & poems." },
  }));
  publicPost = await post(ada, { status: "The analytical engine weaves algebraic patterns" });
  privatePost = await post(ada, { status: "Only for my followers", visibility: "private" });
  warnedPost = await post(ada, { status: "Spoilers about the ending", spoiler_text: "Book ending" });
});
after(async () => stoa.close());

test("a post's page: readable HTML, its metadata, an ActivityPub alternate, within budget", async () => {
  const { status, body, res } = await page(`/@ada/${publicPost.id}`);
  assert.equal(status, 200);
  assert.match(res.headers.get("content-type") ?? "", /text\/html/);
  assert.match(body, /^<!doctype html><html lang="en"/);
  assert.match(body, /<title>Ada &lt;script&gt;alert\(1\)&lt;\/script&gt;: “The analytical engine weaves algebraic patterns”<\/title>/);
  assert.equal(meta(body, "name", "description"), "The analytical engine weaves algebraic patterns");
  assert.equal(meta(body, "property", "og:type"), "article");
  assert.equal(meta(body, "property", "og:url"), `http://stoa.test/@ada/${publicPost.id}`);
  assert.match(body, new RegExp(`<link rel="alternate" type="application/activity\\+json" href="http://stoa.test/users/ada/statuses/${publicPost.id}">`));
  assert.match(body, /<p>The analytical engine weaves algebraic patterns<\/p>/);
  assert.doesNotMatch(body, /<script>alert/, "the display name is escaped");
  assert.ok(Buffer.byteLength(body) <= PAGE_BUDGET, `${Buffer.byteLength(body)} bytes`);
});

test("a post behind a content warning stays folded without JavaScript, and says so in its description", async () => {
  const { body } = await page(`/@ada/${warnedPost.id}`);
  assert.match(body, /<details class="warning"><summary>Content warning: Book ending<\/summary><div class="content"><p>Spoilers about the ending<\/p>/);
  assert.equal(meta(body, "name", "description"), "Content warning: Book ending");
});

test("private posts, posts under another name, reblogs and unknown ids are 404 pages that reveal nothing", async () => {
  const grace = await createUser(stoa, "grace");
  const boost = await json<{ id: string }>(await stoa.request(`/api/v1/statuses/${publicPost.id}/reblog`, { token: grace.token, method: "POST" }));
  for (const path of [`/@ada/${privatePost.id}`, `/@grace/${publicPost.id}`, `/@grace/${boost.id}`, "/@ada/999999999", "/@nobody", "/@nobody/1"]) {
    const { status, body } = await page(path);
    assert.equal(status, 404, path);
    assert.match(body, /<title>This page does not exist\.<\/title>/, path);
    assert.doesNotMatch(body, /Only for my followers/, path);
  }
});

test("a profile's page: header, bio, counts, public posts only, OpenGraph profile", async () => {
  const { status, body } = await page("/@ada");
  assert.equal(status, 200);
  assert.match(body, /<title>Ada &lt;script&gt;alert\(1\)&lt;\/script&gt; \(@ada\)<\/title>/);
  assert.equal(meta(body, "name", "description"), "Counting engines &amp; poems.");
  assert.equal(meta(body, "property", "og:type"), "profile");
  assert.match(body, /<link rel="alternate" type="application\/activity\+json" href="http:\/\/stoa.test\/users\/ada">/);
  assert.match(body, /<h1 class="title">Ada &lt;script&gt;/);
  assert.match(body, /<li>3 posts<\/li>/);
  assert.match(body, /The analytical engine/);
  assert.doesNotMatch(body, /Only for my followers/);
  assert.ok(Buffer.byteLength(body) <= PAGE_BUDGET);
});

test("ActivityPub requests for the same URLs are left to federation, not answered with a public page", async () => {
  for (const path of ["/@ada", `/@ada/${publicPost.id}`]) {
    const body = await (await stoa.request(path, { headers: { accept: "application/activity+json" } })).text();
    assert.doesNotMatch(body, /og:type/, path);
  }
});

test("the public timeline pages through older posts with plain links, each page within budget", async () => {
  const bob = await createUser(stoa, "bob");
  // 480-character posts: twenty of them would not fit 30 KB, so pages hold fewer and link on.
  const long = "Long public words for the budget check. ".repeat(12).trim();
  for (let i = 0; i < 24; i++) await post(bob, { status: `${long} #${i}` });
  const seen: string[] = [];
  let path: string | undefined = "/public";
  let pages = 0;
  while (path) {
    const { status, body } = await page(path);
    assert.equal(status, 200, path);
    assert.ok(Buffer.byteLength(body) <= PAGE_BUDGET, `${path}: ${Buffer.byteLength(body)} bytes`);
    const ids = [...body.matchAll(/<a class="time" href="\/@\w+\/(\d+)">/g)].map((m) => m[1]!);
    assert.ok(ids.length > 0 && ids.length <= 20, `${path}: ${ids.length} posts`);
    seen.push(...ids);
    path = /<a class="button" href="(\/public\?max_id=\d+)" rel="next">Show older posts<\/a>/.exec(body)?.[1];
    pages++;
  }
  assert.ok(pages >= 2, "long posts spread over several pages");
  // Bob's 24 and Ada's two public ones (the one behind a warning included), each once; the private one never.
  assert.equal(seen.length, 26);
  assert.equal(new Set(seen).size, 26);
  assert.ok(!seen.includes(privatePost.id));
  assert.equal((await page("/public?max_id=nonsense")).status, 200, "a bad cursor reads as the first page");
});

test("the landing describes the instance with its recent local posts, in the reader's language", async () => {
  const { body } = await page("/", { "accept-language": "es-ES,es;q=0.9,en;q=0.5" });
  assert.match(body, /<html lang="es"/);
  assert.match(body, /<h1 class="title">Te damos la bienvenida a Stoa<\/h1>/);
  assert.match(body, /Normas de esta comunidad/);
  assert.equal((body.match(/<article /g) ?? []).length, 10);
  assert.equal(meta(body, "property", "og:site_name"), "Stoa");
  assert.ok(Buffer.byteLength(body) <= PAGE_BUDGET);
});

test("the inline style is allowed by its hash and nothing else inline is", async () => {
  const { body, res } = await page("/@ada");
  const style = /<style>([\s\S]*?)<\/style>/.exec(body)![1]!;
  const hash = createHash("sha256").update(style).digest("base64");
  const csp = res.headers.get("content-security-policy") ?? "";
  assert.match(csp, /script-src 'self';/);
  assert.ok(csp.includes(`style-src 'self' 'sha256-${hash}'`), csp);
  assert.doesNotMatch(body, /<script>/);
});
