/** `GET/PATCH /api/stoa/v1/settings`: defaults, partial changes that persist, validation, scopes. */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startTestInstance, createUser, json, type TestInstance, type TestUser } from "../support/instance.ts";

let stoa: TestInstance;
let ada: TestUser;

const DEFAULTS = {
  hide_counts: false, quiet_hours_start: null, quiet_hours_end: null, notification_batching: "off", boost_link_prompt: true,
  harsh_reply_prompt: true, alt_text_reminder: true, require_alt_text: false, language: null, theme: "system",
};

before(async () => {
  stoa = await startTestInstance();
  ada = await createUser(stoa, "ada");
});
after(async () => stoa.close());

const patch = (body: unknown, token = ada.token) => stoa.request("/api/stoa/v1/settings", { token, method: "PATCH", json: body });

test("a new account reads the healthy defaults", async () => {
  assert.deepEqual(await json(await stoa.request("/api/stoa/v1/settings", { token: ada.token })), DEFAULTS);
});

test("PATCH changes what it names, keeps the rest, and the change persists", async () => {
  const changed = await json(await patch({ hide_counts: true, quiet_hours_start: "22:00", quiet_hours_end: "07:30", theme: "dark" }));
  assert.deepEqual(changed, { ...DEFAULTS, hide_counts: true, quiet_hours_start: "22:00", quiet_hours_end: "07:30", theme: "dark" });
  await json(await patch({ require_alt_text: true, language: "pt-BR" }));
  assert.deepEqual(await json(await stoa.request("/api/stoa/v1/settings", { token: ada.token })), {
    ...DEFAULTS, hide_counts: true, quiet_hours_start: "22:00", quiet_hours_end: "07:30", theme: "dark", require_alt_text: true, language: "pt-BR",
  });
  // Form bodies work too, as Mastodon clients send them.
  const form = await json(await stoa.request("/api/stoa/v1/settings", { token: ada.token, method: "PATCH", form: { notification_batching: "three_a_day", boost_link_prompt: "false" } }));
  assert.equal(form.notification_batching, "three_a_day");
  assert.equal(form.boost_link_prompt, false);
  await json(await patch({ boost_link_prompt: true }));
});

test("settings live beside Mastodon's preferences without disturbing them", async () => {
  const bob = await createUser(stoa, "bob");
  await json(await stoa.request("/api/v1/accounts/update_credentials", { token: bob.token, method: "PATCH", form: { "source[privacy]": "unlisted" } }));
  await json(await patch({ hide_counts: true }, bob.token));
  const prefs = await json(await stoa.request("/api/v1/preferences", { token: bob.token }));
  assert.equal(prefs["posting:default:visibility"], "unlisted");
  assert.equal((await json(await stoa.request("/api/stoa/v1/settings", { token: bob.token }))).hide_counts, true);
  assert.equal((await json(await stoa.request("/api/stoa/v1/settings", { token: ada.token }))).theme, "dark", "each person has their own");
});

test("bad input is a 422 naming the field and changes nothing", async () => {
  const before = await json(await stoa.request("/api/stoa/v1/settings", { token: ada.token }));
  for (const [body, field] of [
    [{ theme: "neon" }, "theme"], [{ hide_counts: "maybe" }, "hide_counts"], [{ quiet_hours_start: "25:00", quiet_hours_end: "07:00" }, "quiet_hours_start"],
    [{ quiet_hours_start: "22:00" }, "quiet_hours_end"], [{ quiet_hours_start: null, quiet_hours_end: "07:00" }, "quiet_hours_end"],
    [{ language: "xx" }, "language"], [{ unknown_setting: true }, "params"], [{ theme: "light", require_alt_text: 7 }, "require_alt_text"],
  ] as const) {
    const body422 = await json(await patch(body), 422);
    assert.ok(field in body422.details || field === "params" && Object.keys(body422.details).length > 0, `${JSON.stringify(body)} → ${JSON.stringify(body422)}`);
  }
  assert.deepEqual(await json(await stoa.request("/api/stoa/v1/settings", { token: ada.token })), before);
});

test("without a token the settings are refused", async () => {
  await json(await stoa.request("/api/stoa/v1/settings"), 401);
  await json(await stoa.request("/api/stoa/v1/settings", { method: "PATCH", json: { theme: "light" } }), 401);
});
