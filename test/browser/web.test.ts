/**
 * The web app in real Chromium against a real Stoa server: OAuth login through the server's own
 * pages, posting from compose, the home timeline, switching language, keyboard shortcuts; public
 * pages without JavaScript; timelines, a 1,000-reply thread and search; compose with images,
 * polls and recovered drafts; account settings; live notifications and the management screens.
 * Each screen is checked with axe-core in light and dark themes and photographed at 375 and 1280 px.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import sharp from "sharp";
import { ensureBuilt } from "../../web/scripts/ensure-built.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createUser } from "../support/instance.ts";
import { createStatus } from "../../src/statuses/create.ts";
import { subscriptionTo } from "../support/streaming.ts";

const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOTS = path.resolve("test-output/screenshots");
const skip = existsSync(CHROMIUM) ? false : `Chromium is not installed at ${CHROMIUM} (.ci/run installs it)`;

let server: TestServer;
let browser: Browser;
let axeSource: string;
const pageErrors: string[] = [];

before(async () => {
  if (skip) return;
  await ensureBuilt();
  await mkdir(SCREENSHOTS, { recursive: true });
  axeSource = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  server = await startTestServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Runs axe-core on the page; returns the serious and critical violations, readable. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

async function checkAccessibility(page: Page, screen: string): Promise<void> {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    assert.deepEqual(await seriousViolations(page), [], `${screen} in the ${scheme} theme`);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

async function screenshots(page: Page, screen: string): Promise<void> {
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${screen}-${width}.png`), fullPage: true });
  }
}

test("log in through OAuth, post, read the home timeline, switch language, in real Chromium", { skip }, async () => {
  await createUser(server.stoa, "ada");
  const context = await browser.newContext({ bypassCSP: true, locale: "en-GB", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));

  // Landing, logged out: the instance and its public timeline.
  await page.goto(`${server.url}/`);
  await page.getByRole("heading", { level: 1, name: /Welcome to/ }).waitFor();
  await page.getByRole("heading", { name: "Recent posts on this server" }).waitFor();
  await checkAccessibility(page, "landing");
  await screenshots(page, "landing");

  // Stoa's own login and consent pages, then back through /oauth-callback with PKCE.
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/oauth\/authorize/);
  await page.fill("#login", "ada");
  await page.fill("#password", "correct horse battery");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("button", { name: "Authorize" }).click();
  await page.waitForURL(`${server.url}/home`);
  await page.getByRole("heading", { level: 1, name: "Home" }).waitFor();
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("stoa.sessions.v1") ?? "null"));
  assert.equal(Object.values<{ acct: string }>(stored.sessions)[0]?.acct, "ada");

  // Compose: the counter follows the text; posting shows the post at the top.
  const text = "Hello from the Stoa web app";
  await page.getByRole("textbox", { name: "Write a post" }).fill(text);
  await page.getByText(`${500 - text.length} characters left`).waitFor();
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await page.getByRole("status").filter({ hasText: "Your post is published." }).waitFor();
  await page.locator("article[data-post]", { hasText: text }).waitFor();

  // The server's home timeline has it too, after a reload.
  await server.stoa.drain();
  await page.reload();
  await page.locator("article[data-post]", { hasText: text }).waitFor();
  await checkAccessibility(page, "home");
  await screenshots(page, "home");
  await page.setViewportSize({ width: 1280, height: 900 });

  // Keyboard: j focuses the first post, ? opens the help, Escape closes it.
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("j");
  assert.equal(await page.evaluate(() => document.activeElement?.hasAttribute("data-post")), true);
  await page.keyboard.press("?");
  await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
  await page.keyboard.press("Escape");
  await page.getByRole("dialog").waitFor({ state: "hidden" });

  // A server-rendered public page becomes the app for someone logged in here.
  await page.goto(`${server.url}/@ada`);
  await page.getByRole("link", { name: "Notifications" }).waitFor();
  await page.getByRole("heading", { level: 1, name: "ada" }).waitFor();
  await page.goto(`${server.url}/home`);
  await page.getByRole("heading", { level: 1, name: "Home" }).waitFor();

  // Spanish: the whole interface changes, and the choice is remembered.
  await page.getByLabel("Language", { exact: true }).selectOption("es");
  await page.getByRole("heading", { level: 1, name: "Inicio" }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), "es");
  await page.getByRole("button", { name: "Publicar", exact: true }).waitFor();
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Inicio" }).waitFor();

  assert.deepEqual(pageErrors, []);
  await context.close();
});

test("public pages are rendered by the server and readable without JavaScript, styled under the strict policy", { skip }, async () => {
  const grace = await createUser(server.stoa, "grace");
  const post = async (body: Record<string, unknown>) =>
    (await (await server.stoa.request("/api/v1/statuses", { token: grace.token, json: body })).json()) as { id: string };
  const plain = await post({ status: "Nanoseconds are about a foot of wire" });
  await post({ status: "The bug was a moth", spoiler_text: "Insects" });
  // JavaScript off, the site's own content security policy on (no bypass): what a reader without JS gets.
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cspErrors: string[] = [];
  page.on("console", (message) => { if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text()); });

  const pages = [["public-landing", "/"], ["public-timeline", "/public"], ["public-profile", "/@grace"], ["public-post", `/@grace/${plain.id}`]] as const;
  for (const [screen, path] of pages) {
    const response = await page.goto(`${server.url}${path}`);
    assert.equal(response?.status(), 200, path);
    await page.getByRole("main").waitFor();
    // The inline style applied: the page has the app's paper colour, not the browser's white.
    assert.equal(await page.locator("html").evaluate((el) => getComputedStyle(el).backgroundColor), "rgb(246, 241, 231)", `${path} is styled`);
    await screenshots(page, screen);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  await page.goto(`${server.url}/@grace/${plain.id}`);
  assert.match(await page.title(), /Nanoseconds are about a foot of wire/);
  await page.getByRole("article").getByText("Nanoseconds are about a foot of wire").waitFor();
  // The content warning folds its post with <details>, which needs no script to open.
  await page.goto(`${server.url}/@grace`);
  const hidden = page.getByText("The bug was a moth");
  assert.equal(await hidden.isVisible(), false);
  await page.getByText("Content warning: Insects").click();
  assert.equal(await hidden.isVisible(), true);
  // Plain links lead from one page to the next.
  await page.getByRole("link", { name: "Public timeline" }).click();
  await page.getByRole("heading", { level: 1, name: "Public timeline" }).waitFor();
  assert.deepEqual(cspErrors, []);
  await context.close();

  // axe needs script; logged out, these pages stay server-rendered (the landing becomes the app, checked above).
  const scripted = await browser.newContext({ bypassCSP: true, locale: "en-GB", viewport: { width: 1280, height: 900 } });
  const reader = await scripted.newPage();
  for (const [screen, path] of pages.slice(1)) {
    await reader.goto(`${server.url}${path}`);
    await reader.locator("body[data-enhance]").waitFor();
    await checkAccessibility(reader, screen);
  }
  await scripted.close();
});


/** A context already logged in as `user` on the test server, as the app stores its sessions. */
async function loggedInContext(user: { accountId: string; username: string; token: string }) {
  const context = await browser.newContext({ bypassCSP: true, locale: "en-GB", viewport: { width: 1280, height: 900 } });
  const key = `${server.url}#${user.accountId}`;
  const store = {
    current: key,
    sessions: { [key]: { key, origin: server.url, accountId: user.accountId, acct: user.username, displayName: user.username, avatar: "", accessToken: user.token, scope: "read write follow push" } },
  };
  await context.addInitScript((value) => { localStorage.setItem("stoa.sessions.v1", value); }, JSON.stringify(store));
  return context;
}

test("timelines, a thousand-reply thread, bookmarks, favourites and search, in real Chromium", { skip }, async () => {
  const lin = await createUser(server.stoa, "lin");
  const post = async (body: Record<string, unknown>) =>
    (await (await server.stoa.request("/api/v1/statuses", { token: lin.token, json: body })).json()) as { id: string };
  const root = await post({ status: "A question for the #looms crowd: punched cards or pegs?" });
  // A thousand replies, two hundred threads of five nested ones, through the domain (posting
  // limits would stop a thousand API calls).
  const reply = (text: string, inReplyToId: string) => createStatus(server.stoa.ctx, lin.accountId, {
    text, spoilerText: "", sensitive: false, visibility: "public", language: "en", inReplyToId, mediaIds: [], applicationId: null, idempotencyKey: null, poll: null,
  });
  for (let branch = 0; branch < 200; branch++) {
    let parent = root.id;
    for (let level = 0; level < 5; level++) parent = await reply(`Reply ${branch}.${level}`, parent);
  }
  await server.stoa.request(`/api/v1/statuses/${root.id}/bookmark`, { token: lin.token, method: "POST" });
  await server.stoa.request(`/api/v1/statuses/${root.id}/favourite`, { token: lin.token, method: "POST" });
  await server.stoa.drain();

  const context = await loggedInContext(lin);
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));

  // The thread: its start at once, nested under a thread line, the rest on request.
  await page.goto(`${server.url}/@lin/${root.id}`);
  await page.getByRole("heading", { level: 2, name: "Replies" }).waitFor();
  const replies = page.locator(".thread > li");
  assert.equal(await replies.count(), 40);
  assert.deepEqual(await replies.evaluateAll((items) => items.slice(0, 6).map((li) => li.getAttribute("data-depth"))), ["0", "1", "2", "3", "4", "0"]);
  await page.getByRole("button", { name: "Show 960 more replies" }).click();
  assert.equal(await replies.count(), 80);
  await checkAccessibility(page, "thread");
  await screenshots(page, "thread");
  await page.setViewportSize({ width: 1280, height: 900 });

  // Public timelines start with the newest reply; the others hold only the question.
  for (const [screen, path, heading, text] of [
    ["local", "/public/local", "Local timeline", "Reply 199.4"], ["federated", "/public", "Federated timeline", "Reply 199.4"],
    ["tag", "/tags/looms", "#looms", "punched cards"], ["bookmarks", "/bookmarks", "Bookmarks", "punched cards"], ["favourites", "/favourites", "Favourites", "punched cards"],
  ] as const) {
    await page.goto(`${server.url}${path}`);
    await page.getByRole("heading", { level: 1, name: heading }).waitFor();
    await page.locator("article[data-post]").first().filter({ hasText: text }).waitFor();
    if (screen === "local" || screen === "bookmarks") {
      await checkAccessibility(page, screen);
      await screenshots(page, screen);
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  }

  // Search from the navigation: accounts, hashtags and posts, with the terms in the address.
  await page.getByRole("link", { name: "Search" }).click();
  await page.getByRole("heading", { level: 1, name: "Search and explore" }).waitFor();
  await page.getByRole("searchbox", { name: "Accounts, hashtags or posts" }).fill("lin");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.waitForURL(/\/search\?q=lin$/);
  await page.getByRole("heading", { level: 2, name: "Accounts" }).waitFor();
  await page.getByRole("link", { name: /@lin/ }).first().waitFor();
  await checkAccessibility(page, "search");
  await screenshots(page, "search");

  assert.deepEqual(pageErrors, []);
  await context.close();
});

test("compose: a draft survives a reload, images need descriptions, polls post, in real Chromium", { skip }, async () => {
  const mei = await createUser(server.stoa, "mei");
  const context = await loggedInContext(mei);
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(`${server.url}/home`);
  const textbox = page.getByRole("textbox", { name: "Write a post" });

  // A draft written, then the tab "crashes" (reload): it comes back, content warning included.
  await textbox.fill("Weaving notes, half written");
  await page.getByRole("button", { name: "Add a content warning" }).click();
  await page.getByRole("textbox", { name: "Content warning" }).fill("Long thread");
  await page.reload();
  await page.getByText("Your unfinished post was recovered.").waitFor();
  assert.equal(await textbox.inputValue(), "Weaving notes, half written");
  assert.equal(await page.getByRole("textbox", { name: "Content warning" }).inputValue(), "Long thread");
  await page.getByRole("button", { name: "Discard it" }).click();
  assert.equal(await textbox.inputValue(), "");

  // An image without a description: the reminder stops the post until one is written.
  const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: "#9a3d1f" } }).png().toBuffer();
  await textbox.fill("The loom at the museum");
  await page.getByLabel("Attach images").setInputFiles({ name: "loom.png", mimeType: "image/png", buffer: png });
  const description = page.getByRole("textbox", { name: "Description of image 1" });
  await description.waitFor();
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await page.getByRole("alert").filter({ hasText: "1 image has no description." }).waitFor();
  await checkAccessibility(page, "compose-media");
  await screenshots(page, "compose-media");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("button", { name: "Add descriptions" }).click();
  await description.fill("A wooden Jacquard loom with a chain of punched cards");
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await page.getByRole("status").filter({ hasText: "Your post is published." }).waitFor();

  // A poll of three choices, answered more than once, running for a day.
  await page.getByRole("button", { name: "Add a poll" }).click();
  await textbox.fill("Which loom first?");
  await page.getByRole("textbox", { name: "Choice 1" }).fill("Jacquard");
  await page.getByRole("textbox", { name: "Choice 2" }).fill("Draw loom");
  await page.getByRole("button", { name: "Add a choice" }).click();
  await page.getByRole("textbox", { name: "Choice 3" }).fill("Backstrap");
  await page.getByRole("checkbox", { name: "Allow several answers" }).check();
  await checkAccessibility(page, "compose-poll");
  await screenshots(page, "compose-poll");
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await page.getByRole("status").filter({ hasText: "Your post is published." }).waitFor();

  const posted = await (await server.stoa.request(`/api/v1/accounts/${mei.accountId}/statuses`, { token: mei.token })).json() as
    { content: string; media_attachments: { description: string }[]; poll: { multiple: boolean; options: { title: string }[] } | null }[];
  assert.deepEqual(posted[0]!.poll?.options.map((o) => o.title), ["Jacquard", "Draw loom", "Backstrap"]);
  assert.equal(posted[0]!.poll?.multiple, true);
  assert.equal(posted[1]!.media_attachments[0]?.description, "A wooden Jacquard loom with a chain of punched cards");
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("stoa.draft")).length), 0, "posting clears the draft");
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test("settings are stored in the account and take effect on another device: hiding counts, in real Chromium", { skip }, async () => {
  const noor = await createUser(server.stoa, "noor");
  const fan = await createUser(server.stoa, "fan");
  const post = (await (await server.stoa.request("/api/v1/statuses", { token: noor.token, json: { status: "Counting is optional" } })).json()) as { id: string };
  await server.stoa.request(`/api/v1/statuses/${post.id}/favourite`, { token: fan.token, method: "POST" });
  const favourite = (page: Page) => page.locator("article[data-post]").first().getByRole("button", { name: /Favourite/ });

  const laptop = await loggedInContext(noor);
  const page = await laptop.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(`${server.url}/@noor/${post.id}`);
  await favourite(page).getByText("1").waitFor();

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
  await checkAccessibility(page, "settings");
  await screenshots(page, "settings");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("checkbox", { name: "Hide counts" }).check();
  await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
  const stored = (await (await server.stoa.request("/api/stoa/v1/settings", { token: noor.token })).json()) as { hide_counts: boolean };
  assert.equal(stored.hide_counts, true);
  await laptop.close();

  // Another device, nothing in its storage but the login: the setting came with the account.
  const phone = await loggedInContext(noor);
  const other = await phone.newPage();
  await other.goto(`${server.url}/@noor/${post.id}`);
  await other.getByRole("link", { name: "Settings" }).waitFor();
  await other.waitForFunction(() => document.querySelector("article[data-post] .count") === null);
  await other.getByRole("link", { name: "Settings" }).click();
  assert.equal(await other.getByRole("checkbox", { name: "Hide counts" }).isChecked(), true);
  assert.equal(await other.getByRole("checkbox", { name: "Remind me to describe images" }).isChecked(), true, "the alt-text reminder is on by default");
  assert.deepEqual(pageErrors, []);
  await phone.close();
});

test("live notifications, follow requests, muted accounts, lists and filters, in real Chromium", { skip }, async () => {
  const ola = await createUser(server.stoa, "ola");
  const pia = await createUser(server.stoa, "pia");
  const quinn = await createUser(server.stoa, "quinn");
  await server.stoa.request("/api/v1/accounts/update_credentials", { token: ola.token, method: "PATCH", form: { locked: "true" } });
  await server.stoa.request(`/api/v1/accounts/${ola.accountId}/follow`, { token: pia.token, method: "POST" });
  await server.stoa.request(`/api/v1/accounts/${quinn.accountId}/mute`, { token: ola.token, method: "POST" });
  await server.stoa.drain();

  const context = await loggedInContext(ola);
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));

  // A mention arrives while the notifications are open: it appears without a reload.
  const subscribed = subscriptionTo(server.stoa, `user:${ola.accountId}`);
  await page.goto(`${server.url}/notifications`);
  await subscribed;
  await page.getByText("pia asked to follow you").waitFor();
  await server.stoa.request("/api/v1/statuses", { token: pia.token, json: { status: "@ola thanks for the loom photos" } });
  await server.stoa.drain();
  await page.getByText("pia mentioned you").waitFor();
  await page.getByRole("status").filter({ hasText: "1 new notification" }).waitFor();
  await checkAccessibility(page, "notifications-live");
  await screenshots(page, "notifications-live");
  await page.setViewportSize({ width: 1280, height: 900 });

  // Follow requests: accept Pia's.
  await page.goto(`${server.url}/follow_requests`);
  await page.getByRole("heading", { level: 1, name: "Follow requests" }).waitFor();
  await checkAccessibility(page, "follow-requests");
  await page.getByRole("button", { name: "Accept: @pia" }).click();
  await page.getByText("Accept: done for pia.").waitFor();
  assert.deepEqual(await (await server.stoa.request("/api/v1/follow_requests", { token: ola.token })).json(), []);

  // Muted: unmute Quinn.
  await page.goto(`${server.url}/mutes`);
  await page.getByRole("button", { name: "Unmute: @quinn" }).click();
  await page.getByText("Unmute: done for quinn.").waitFor();
  assert.deepEqual(await (await server.stoa.request("/api/v1/mutes", { token: ola.token })).json(), []);

  // Lists, reached from the settings screen: make one and open its timeline.
  await page.goto(`${server.url}/settings`);
  await page.getByRole("link", { name: "Lists" }).click();
  await page.getByRole("textbox", { name: "Name of a new list" }).fill("Weavers");
  await page.getByRole("button", { name: "Create list" }).click();
  await page.getByRole("link", { name: "Weavers" }).waitFor();
  await checkAccessibility(page, "lists");
  await screenshots(page, "lists");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("link", { name: "Weavers" }).click();
  await page.getByRole("heading", { level: 1, name: "List: Weavers" }).waitFor();

  // Filters: a word kept behind a warning in home and public timelines and threads.
  await page.goto(`${server.url}/filters`);
  await page.getByRole("textbox", { name: "Word or phrase to filter" }).fill("spoilers");
  await page.getByRole("button", { name: "Add filter" }).click();
  await page.getByRole("button", { name: "Delete the filter spoilers" }).waitFor();
  await checkAccessibility(page, "filters");
  await screenshots(page, "filters");
  const filters = (await (await server.stoa.request("/api/v2/filters", { token: ola.token })).json()) as { title: string; context: string[]; filter_action: string }[];
  assert.deepEqual(filters.map((f) => [f.title, [...f.context].sort(), f.filter_action]), [["spoilers", ["home", "public", "thread"], "warn"]]);
  assert.deepEqual(pageErrors, []);
  await context.close();
});
