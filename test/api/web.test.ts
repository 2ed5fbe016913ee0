import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { webRoutes } from "../../src/api/web/static.ts";
import { startTestInstance, type TestInstance } from "../support/instance.ts";

let dist: string;
let stoa: TestInstance;
const indexHtml = "<!doctype html><title>Stoa</title><div id=app></div>";

before(async () => {
  dist = await mkdtemp(path.join(tmpdir(), "stoa-web-dist-"));
  await mkdir(path.join(dist, "assets"));
  await mkdir(path.join(dist, ".vite"));
  await writeFile(path.join(dist, "index.html"), indexHtml);
  await writeFile(path.join(dist, "assets", "index-abc123.js"), "console.log(1)");
  await writeFile(path.join(dist, "favicon.svg"), "<svg/>");
  await writeFile(path.join(dist, ".vite", "manifest.json"), "{}");
  stoa = await startTestInstance();
});
after(async () => {
  await stoa.close();
  await rm(dist, { recursive: true, force: true });
});

test("app routes get the SPA's HTML with a strict content security policy", async () => {
  const web = webRoutes(dist);
  for (const route of ["/", "/home", "/notifications", "/@ada", "/@ada/123456", "/oauth-callback?code=x&state=y"]) {
    const res = await web.request(route);
    assert.equal(res.status, 200, route);
    assert.match(res.headers.get("content-type") ?? "", /text\/html/);
    assert.equal(await res.text(), indexHtml);
    assert.match(res.headers.get("content-security-policy") ?? "", /script-src 'self'/);
    assert.equal(res.headers.get("referrer-policy"), "no-referrer");
    assert.equal(res.headers.get("cache-control"), "no-cache");
  }
});

test("hashed assets are served with their type and cached for good", async () => {
  const res = await webRoutes(dist).request("/assets/index-abc123.js");
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /text\/javascript/);
  assert.match(res.headers.get("cache-control") ?? "", /immutable/);
  const icon = await webRoutes(dist).request("/favicon.svg");
  assert.equal(icon.headers.get("content-type"), "image/svg+xml");
  assert.doesNotMatch(icon.headers.get("cache-control") ?? "", /immutable/);
});

test("server paths, missing files, the manifest and traversal never get the app", async () => {
  const web = webRoutes(dist);
  for (const route of ["/api/v1/nothing", "/oauth/authorize", "/.well-known/webfinger", "/system/x.png", "/health", "/users/ada", "/inbox", "/nodeinfo/2.1",
    "/assets/missing.js", "/.vite/manifest.json", "/%E0%A4%A"]) {
    const res = await web.request(route);
    assert.equal(res.status, 404, route);
  }
  await writeFile(path.join(path.dirname(dist), "secret.txt"), "secret");
  for (const route of ["/%2e%2e/secret.txt", "/..%2fsecret.txt", "/assets/..%2f..%2fsecret.txt"]) {
    const res = await web.request(route);
    assert.doesNotMatch(await res.text(), /secret/, route);
  }
  await rm(path.join(path.dirname(dist), "secret.txt"));
});

test("a server without a built web app says how to build it", async () => {
  const res = await webRoutes(path.join(dist, "nowhere")).request("/home");
  assert.equal(res.status, 503);
  assert.match(await res.text(), /npm run build/);
});

test("in the whole app, API routes win and unknown API paths stay JSON 404s", async () => {
  const unknown = await stoa.request("/api/v1/no_such_endpoint");
  assert.equal(unknown.status, 404);
  assert.deepEqual(await unknown.json(), { error: "Record not found" });
  const instance = await stoa.request("/api/v2/instance");
  assert.equal(instance.status, 200);
  const home = await stoa.request("/home");
  assert.match(home.headers.get("content-type") ?? "", /text\/html/);
  assert.ok([200, 503].includes(home.status), "the app's HTML, or the page saying to build it");
});
