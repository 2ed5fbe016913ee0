import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance } from "../support/instance.ts";

describe("instance metadata", () => {
  let stoa: TestInstance;
  before(async () => {
    stoa = await startTestInstance({ STOA_REGISTRATIONS: "approval" });
    await createUser(stoa, "founder");
    await stoa.ctx.sql`insert into rules (text, hint, position) values ('Be kind', 'Argue with ideas, not people', 1)`;
  });
  after(() => stoa.close());

  it("serves v2 with true limits, the streaming URL and a Mastodon-compatible version", async () => {
    const instance = await json(await stoa.request("/api/v2/instance"));
    assert.equal(instance.domain, "stoa.test");
    assert.match(instance.version, /^4\.5\.0 \(compatible; Stoa /);
    assert.equal(instance.api_versions.mastodon, 7, "API version 7 announces quote posts");
    assert.equal(instance.configuration.urls.streaming, "ws://stoa.test");
    assert.equal(instance.configuration.statuses.max_characters, 500);
    assert.equal(instance.configuration.statuses.max_media_attachments, 4);
    assert.deepEqual(instance.registrations, { enabled: true, approval_required: true, reason_required: true, message: null, url: null });
    assert.equal(instance.contact.account.username, "founder", "the owner is the contact");
    assert.deepEqual(instance.rules.map((r: { text: string }) => r.text), ["Be kind"]);
  });

  it("serves v1, rules and custom emojis", async () => {
    const v1 = await json(await stoa.request("/api/v1/instance"));
    assert.equal(v1.uri, "stoa.test");
    assert.equal(v1.urls.streaming_api, "ws://stoa.test");
    assert.equal(v1.stats.user_count, 1);
    assert.equal(v1.approval_required, true);
    const rules = await json(await stoa.request("/api/v1/instance/rules"));
    assert.equal(rules[0].hint, "Argue with ideas, not people");
    assert.deepEqual(await json(await stoa.request("/api/v1/custom_emojis")), []);
  });
});
