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

  it("streams a list's posts to its owner, and refuses others' lists", async () => {
    const cat = await createUser(server.stoa, "cat");
    await json(await server.stoa.request(`/api/v1/accounts/${cat.accountId}/follow`, { token: bob.token, method: "POST" }));
    const list = await json(await server.stoa.request("/api/v1/lists", { token: bob.token, json: { title: "Cats" } }));
    await json(await server.stoa.request(`/api/v1/lists/${list.id}/accounts`, { token: bob.token, json: { account_ids: [cat.accountId] } }));
    const stream = await connect(server, `access_token=${bob.token}`);
    stream.ws.send(JSON.stringify({ type: "subscribe", stream: "list", list: list.id }));
    const intruder = await connect(server, `access_token=${ada.token}`);
    intruder.ws.send(JSON.stringify({ type: "subscribe", stream: "list", list: list.id }));
    const [refused] = await intruder.next(1);
    assert.deepEqual(refused, { error: "Permission denied", status: 400 } as unknown);
    await new Promise((r) => setImmediate(r));
    const meow = await json(await server.stoa.request("/api/v1/statuses", { token: cat.token, json: { status: "meow" } }));
    await server.stoa.drain();
    const [update] = await stream.next(1);
    assert.deepEqual(update!.stream, ["list", list.id]);
    assert.equal(JSON.parse(update!.payload).id, meow.id);
    assert.equal(intruder.events.length, 1);
    stream.ws.close();
    intruder.ws.close();
  });

  it("streams direct conversations to their participants and hashtags to anyone", async () => {
    const bobDirect = await connect(server, `stream=direct&access_token=${bob.token}`);
    const tagged = await connect(server, "stream=hashtag&tag=Stoa");
    const dm = await json(await server.stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "@bob psst", visibility: "direct" } }));
    const tagPost = await json(await server.stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "I like #stoa" } }));
    await server.stoa.drain();
    const [conversation] = await bobDirect.next(1);
    assert.equal(conversation!.event, "conversation");
    const entity = JSON.parse(conversation!.payload);
    assert.equal(entity.last_status.id, dm.id);
    assert.deepEqual(entity.accounts.map((a: { username: string }) => a.username), ["ada"]);
    assert.equal(entity.unread, true);
    const [update] = await tagged.next(1);
    assert.deepEqual(update!.stream, ["hashtag", "Stoa"]);
    assert.equal(JSON.parse(update!.payload).id, tagPost.id);
    assert.equal(bobDirect.events.length, 1, "public posts never reach the direct stream");
    bobDirect.ws.close();
    tagged.ws.close();
  });

  it("answers Mastodon's errors for unknown streams and missing tokens", async () => {
    const anon = await connect(server, "");
    anon.ws.send(JSON.stringify({ type: "subscribe", stream: "firehose" }));
    anon.ws.send(JSON.stringify({ type: "subscribe", stream: "user" }));
    anon.ws.send(JSON.stringify({ type: "subscribe", stream: "hashtag" }));
    anon.ws.send("not json");
    const errors = await anon.next(4);
    assert.deepEqual(errors.map((e) => (e as unknown as { error: string }).error).sort(),
      ["Invalid JSON", "Missing access token", "No tag for stream provided", "Unknown stream type"]);
    anon.ws.close();
  });

  it("closes the connection when its token is revoked", async () => {
    const dan = await createUser(server.stoa, "dan");
    await json(await server.stoa.request(`/api/v1/accounts/${ada.accountId}/follow`, { token: dan.token, method: "POST" }));
    const stream = await connect(server, `stream=user&access_token=${dan.token}`);
    const closed = new Promise<number>((resolve) => stream.ws.once("close", (code) => resolve(code)));
    await server.stoa.ctx.sql`update oauth_tokens set revoked_at = now() where user_id = ${dan.userId}`;
    await json(await server.stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "anyone there?" } }));
    await server.stoa.drain();
    assert.equal(await closed, 1008);
    assert.equal(stream.events.length, 0, "nothing is delivered on a revoked token");
  });

  it("refuses an invalid token", async () => {
    await assert.rejects(connect(server, "stream=user&access_token=nope"), /401/);
  });

  it("answers the health check", async () => {
    assert.equal(await (await fetch(`${server.url}/api/v1/streaming/health`)).text(), "OK");
  });
});
