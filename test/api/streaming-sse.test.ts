import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";
import { subscriptionTo } from "../support/streaming.ts";

/** Reads server-sent events from a response body until `count` events have arrived. */
function eventReader(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const events: { event: string; data: string }[] = [];
  const next = async (count: number) => {
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) throw new Error("stream ended");
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split("\n").filter((l) => !l.startsWith(":"));
        if (lines.length === 0) continue;
        const field = (name: string) => lines.filter((l) => l.startsWith(`${name}: `)).map((l) => l.slice(name.length + 2)).join("\n");
        events.push({ event: field("event"), data: field("data") });
      }
    }
    return events.slice(0, count);
  };
  return { next, cancel: () => reader.cancel() };
}


describe("streaming API over server-sent events", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
    await json(await stoa.request(`/api/v1/accounts/${ada.accountId}/follow`, { token: bob.token, method: "POST" }));
    await stoa.drain();
  });
  after(() => stoa.close());

  it("sends home updates and notifications to the user stream", async () => {
    const subscribed = subscriptionTo(stoa, `user:${bob.accountId}`);
    const response = await stoa.request("/api/v1/streaming/user", { token: bob.token });
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type")!, /text\/event-stream/);
    const stream = eventReader(response);
    await subscribed;
    const status = await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "hi @bob" } }));
    await stoa.drain();
    const events = await stream.next(2);
    const update = events.find((e) => e.event === "update")!;
    assert.equal(JSON.parse(update.data).id, status.id);
    const notification = events.find((e) => e.event === "notification")!;
    assert.equal(JSON.parse(notification.data).type, "mention");
    await stream.cancel();
  });

  it("sends public posts anonymously, with deletes as bare ids", async () => {
    const subscribed = subscriptionTo(stoa, "timeline:public:local");
    const stream = eventReader(await stoa.request("/api/v1/streaming/public/local"));
    await subscribed;
    const status = await json(await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "for everyone" } }));
    await stoa.drain();
    await json(await stoa.request(`/api/v1/statuses/${status.id}`, { token: ada.token, method: "DELETE" }));
    await stoa.drain();
    const [update, deleted] = await stream.next(2);
    assert.equal(update!.event, "update");
    assert.deepEqual(deleted, { event: "delete", data: status.id });
    await stream.cancel();
  });

  it("refuses what it cannot stream", async () => {
    await json(await stoa.request("/api/v1/streaming/user"), 401);
    await json(await stoa.request("/api/v1/streaming/user", { token: "wrong" }), 401);
    await json(await stoa.request("/api/v1/streaming/hashtag"), 400);
    await json(await stoa.request("/api/v1/streaming?stream=everything"), 400);
    await json(await stoa.request("/api/v1/streaming/list?list=12345", { token: ada.token }), 404);
  });
});
