import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

describe("markers", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
  });
  after(() => stoa.close());

  it("saves both timelines and counts versions up", async () => {
    assert.deepEqual(await json(await stoa.request("/api/v1/markers?timeline[]=home", { token: ada.token })), {});
    const first = await json(await stoa.request("/api/v1/markers", { token: ada.token, json: { home: { last_read_id: "100" }, notifications: { last_read_id: "200" } } }));
    assert.equal(first.home.last_read_id, "100");
    assert.equal(first.home.version, 1);
    assert.equal(first.notifications.last_read_id, "200");
    const second = await json(await stoa.request("/api/v1/markers", { token: ada.token, form: { "home[last_read_id]": "150" } }));
    assert.deepEqual(Object.keys(second), ["home"]);
    assert.equal(second.home.version, 2);
    const both = await json(await stoa.request("/api/v1/markers?timeline[]=home&timeline[]=notifications", { token: ada.token }));
    assert.equal(both.home.last_read_id, "150");
    assert.equal(both.notifications.version, 1);
    assert.ok(!Number.isNaN(Date.parse(both.home.updated_at)));
    assert.deepEqual(await json(await stoa.request("/api/v1/markers?timeline[]=home", { token: bob.token })), {}, "markers are per account");
  });

  it("refuses bad input and changes nothing", async () => {
    await json(await stoa.request("/api/v1/markers", { token: ada.token, json: { home: { last_read_id: "abc" } } }), 422);
    await json(await stoa.request("/api/v1/markers?timeline[]=public", { token: ada.token }), 422);
    await json(await stoa.request("/api/v1/markers"), 401);
    const markers = await json(await stoa.request("/api/v1/markers?timeline[]=home", { token: ada.token }));
    assert.equal(markers.home.last_read_id, "150");
  });
});
