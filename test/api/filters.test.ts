import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

describe("filters v2", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
    await json(await stoa.request(`/api/v1/accounts/${bob.accountId}/follow`, { token: ada.token, method: "POST" }));
  });
  after(() => stoa.close());

  it("warns on matching keywords in the right contexts and hides with hide filters", async () => {
    const warn = await json(await stoa.request("/api/v2/filters", { token: ada.token, json: {
      title: "Spoilers", context: ["home"], filter_action: "warn", keywords_attributes: [{ keyword: "finale", whole_word: true }],
    } }));
    assert.deepEqual(warn.keywords.map((k: { keyword: string }) => k.keyword), ["finale"]);
    await json(await stoa.request("/api/v2/filters", { token: ada.token, json: {
      title: "No crypto", context: ["home", "public"], filter_action: "hide", keywords_attributes: [{ keyword: "crypto", whole_word: false }],
    } }));
    const spoiler = await json(await stoa.request("/api/v1/statuses", { token: bob.token, json: { status: "The finale was wild" } }));
    const coin = await json(await stoa.request("/api/v1/statuses", { token: bob.token, json: { status: "Buy cryptocoins now" } }));
    await stoa.drain();
    const home = await json(await stoa.request("/api/v1/timelines/home", { token: ada.token }));
    assert.deepEqual(home.map((s: { id: string }) => s.id), [spoiler.id], "hidden statuses are left out");
    assert.equal(home[0].filtered[0].filter.title, "Spoilers");
    assert.deepEqual(home[0].filtered[0].keyword_matches, ["finale"]);
    const thread = await json(await stoa.request(`/api/v1/statuses/${coin.id}`, { token: ada.token }));
    assert.deepEqual(thread.filtered, [], "filters apply in their contexts only");
  });

  it("updates keywords, deletes filters, and refuses bad input", async () => {
    const filter = await json(await stoa.request("/api/v2/filters", { token: ada.token, json: {
      title: "Temp", context: ["public"], keywords_attributes: [{ keyword: "one" }, { keyword: "two" }],
    } }));
    const [one] = filter.keywords;
    const updated = await json(await stoa.request(`/api/v2/filters/${filter.id}`, { token: ada.token, method: "PUT", json: {
      title: "Renamed", keywords_attributes: [{ id: one.id, _destroy: true }, { keyword: "three" }],
    } }));
    assert.equal(updated.title, "Renamed");
    assert.equal(updated.filter_action, "warn");
    const hiding = await json(await stoa.request(`/api/v2/filters/${filter.id}`, { token: ada.token, method: "PUT", json: { filter_action: "hide" } }));
    const [two] = hiding.keywords;
    const kept = await json(await stoa.request(`/api/v2/filters/${filter.id}`, { token: ada.token, method: "PUT", json: {
      title: "Kept", keywords_attributes: [{ id: two.id, whole_word: false }],
    } }));
    assert.equal(kept.filter_action, "hide", "an update keeps the action it was not sent");
    const renamedKeyword = await json(await stoa.request(`/api/v2/filters/${filter.id}`, { token: ada.token, method: "PUT", json: {
      keywords_attributes: [{ id: two.id, keyword: "deux" }],
    } }));
    assert.equal(renamedKeyword.keywords[0].whole_word, false, "a keyword update keeps whole_word when not sent");
    assert.deepEqual(updated.keywords.map((k: { keyword: string }) => k.keyword), ["two", "three"]);
    assert.equal((await stoa.request(`/api/v2/filters/${filter.id}`, { token: bob.token })).status, 404);
    assert.equal((await stoa.request("/api/v2/filters", { token: ada.token, json: { title: "x", context: ["nowhere"] } })).status, 422);
    assert.equal((await stoa.request("/api/v2/filters", { token: ada.token, json: { title: "", context: ["home"] } })).status, 422);
    await json(await stoa.request(`/api/v2/filters/${filter.id}`, { token: ada.token, method: "DELETE" }));
    assert.equal((await stoa.request(`/api/v2/filters/${filter.id}`, { token: ada.token })).status, 404);
  });
});
