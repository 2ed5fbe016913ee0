import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { WebSocket } from "ws";
import { createUser, json, type TestUser } from "../support/instance.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

interface Event {
  stream: string[];
  event: string;
  payload: string;
}

/** Opens a streaming connection and collects its events. */
async function connect(server: TestServer, query: string, protocol?: string) {
  const events: Event[] = [];
  const ws = new WebSocket(`${server.url.replace("http", "ws")}/api/v1/streaming?${query}`, protocol ? [protocol] : undefined);
  const waiters: (() => void)[] = [];
  ws.on("message", (data) => {
    events.push(JSON.parse(String(data)));
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const next = (count: number) =>
    new Promise<Event[]>((resolve) => {
      const check = () => (events.length >= count ? resolve(events.slice(0, count)) : waiters.push(check));
      check();
    });
  return { ws, events, next };
}

describe("streaming API", () => {
  let server: TestServer;
  let ada: TestUser;
  let bob: TestUser;
  before(async () => {
    server = await startTestServer();
    ada = await createUser(server.stoa, "ada");
    bob = await createUser(server.stoa, "bob");
    await server.stoa.ctx.sql`insert into follows (account_id, target_account_id) values (${bob.accountId}, ${ada.accountId})`;
  });
  after(() => server.close());

  it("delivers home updates and notifications on the user stream, rendered for the viewer", async () => {
    const bobStream = await connect(server, `stream=user&access_token=${bob.token}`);
    const status = await json(await server.stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "Hello @bob" } }));
    await server.stoa.drain();
    const events = await bobStream.next(2);
    const byEvent = Object.fromEntries(events.map((e) => [e.event, e]));
    assert.deepEqual(byEvent.update!.stream, ["user"]);
    assert.equal(JSON.parse(byEvent.update!.payload).id, status.id);
    const notification = JSON.parse(byEvent.notification!.payload);
    assert.equal(notification.type, "mention");
    assert.equal(notification.status.id, status.id);
    await json(await server.stoa.request(`/api/v1/statuses/${status.id}`, { token: ada.token, method: "PUT", json: { status: "Hello again @bob" } }));
    await server.stoa.drain();
    const updated = (await bobStream.next(3))[2]!;
    assert.equal(updated.event, "status.update");
    assert.match(JSON.parse(updated.payload).content, /Hello again/);
    bobStream.ws.close();
  });

  it("streams public statuses anonymously and deletes them, via subscribe messages and the protocol header token", async () => {
    const anon = await connect(server, "");
    anon.ws.send(JSON.stringify({ type: "subscribe", stream: "public:local" }));
    // ada follows bob, so bob's post reaches her user channel; her notification-only stream must skip it.
    await server.stoa.ctx.sql`insert into follows (account_id, target_account_id) values (${ada.accountId}, ${bob.accountId})`;
    const adaStream = await connect(server, "stream=user:notification", ada.token);
    await new Promise((r) => setImmediate(r));
    const status = await json(await server.stoa.request("/api/v1/statuses", { token: bob.token, json: { status: "Public words" } }));
    await server.stoa.drain();
    const [update] = await anon.next(1);
    assert.deepEqual(update!.stream, ["public:local"]);
    assert.equal(JSON.parse(update!.payload).id, status.id);
    await json(await server.stoa.request(`/api/v1/statuses/${status.id}`, { token: bob.token, method: "DELETE" }));
    await server.stoa.drain();
    const [, deleted] = await anon.next(2);
    assert.equal(deleted!.event, "delete");
    assert.equal(deleted!.payload, status.id);
    assert.equal(adaStream.events.length, 0, "the notification stream carries no timeline updates");
    anon.ws.close();
    adaStream.ws.close();
  });

  it("refuses an invalid token", async () => {
    await assert.rejects(connect(server, "stream=user&access_token=nope"), /401/);
  });

  it("answers the health check", async () => {
    assert.equal(await (await fetch(`${server.url}/api/v1/streaming/health`)).text(), "OK");
  });
});
