import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

describe("scheduled statuses", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
  });
  after(() => stoa.close());

  it("schedules, lists, moves, and publishes once when the time comes", async () => {
    const scheduled = await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "Good morning", scheduled_at: inMinutes(60) } }));
    assert.equal(scheduled.params.text, "Good morning");
    assert.ok(scheduled.scheduled_at);
    assert.equal((await json(await stoa.request(`/api/v1/accounts/${ada.accountId}/statuses`))).length, 0, "not published yet");
    const moved = await json(await stoa.request(`/api/v1/scheduled_statuses/${scheduled.id}`, { token: ada.token, method: "PUT", json: { scheduled_at: inMinutes(120) } }));
    assert.equal(new Date(moved.scheduled_at).getTime() > Date.now() + 100 * 60_000, true);
    assert.equal((await json(await stoa.request("/api/v1/scheduled_statuses", { token: ada.token }))).length, 1);

    // Time passes: the row and both its jobs (original and moved) fall due; it is published once.
    await stoa.ctx.sql`update scheduled_statuses set scheduled_at = now() - interval '1 second'`;
    await stoa.ctx.sql`update jobs set run_at = now() where kind = 'statuses.publish_scheduled'`;
    await stoa.drain();
    const published = await json(await stoa.request(`/api/v1/accounts/${ada.accountId}/statuses`));
    assert.deepEqual(published.map((s: { content: string }) => s.content), ["<p>Good morning</p>"]);
    assert.deepEqual(await json(await stoa.request("/api/v1/scheduled_statuses", { token: ada.token })), []);
  });

  it("cancels, and refuses times too soon", async () => {
    const scheduled = await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "Maybe later", scheduled_at: inMinutes(30) } }));
    await json(await stoa.request(`/api/v1/scheduled_statuses/${scheduled.id}`, { token: ada.token, method: "DELETE" }));
    assert.equal((await stoa.request(`/api/v1/scheduled_statuses/${scheduled.id}`, { token: ada.token })).status, 404);
    assert.equal((await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "too soon", scheduled_at: inMinutes(1) } })).status, 422);
    assert.equal((await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "bad date", scheduled_at: "tomorrow" } })).status, 422);
  });
});
