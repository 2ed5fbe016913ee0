/**
 * A second, independent Mastodon client library (megalodon, mastodon flavour) drives a fresh
 * instance over HTTP and WebSocket: what two libraries agree on, Mastodon apps rely on.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import generator, { type Entity, type MegalodonInterface } from "megalodon";
import { startTestServer, type TestServer } from "../support/server.ts";
import { subscriptionTo } from "../support/streaming.ts";

const REDIRECT = "https://client.example/callback";
const SCOPES = ["read", "write", "follow", "push"];

describe("megalodon against Stoa", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());


  /** Registers an app and an account with it, returning the app and the account's token. */
  async function register(username: string) {
    const client = generator("mastodon", server.url);
    const app = await client.registerApp("megalodon test", { scopes: SCOPES, redirect_uris: REDIRECT });
    // megalodon has no client_credentials grant: the app token comes straight from /oauth/token.
    const appToken = await fetch(`${server.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "client_credentials", client_id: app.client_id, client_secret: app.client_secret, scope: SCOPES.join(" ") }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const asApp = generator("mastodon", server.url, appToken.access_token);
    const registered = await asApp.registerAccount(username, `${username}@example.test`, "a long enough password", true, "en");
    return { app, token: registered.data.access_token };
  }

  /** Logs in through the authorization pages megalodon's URL points at, as a person in a browser would. */
  async function authorize(authUrl: string, login: string): Promise<string> {
    const fields = Object.fromEntries(new URL(authUrl).searchParams);
    const post = (form: Record<string, string>, cookie?: string) => fetch(`${server.url}/oauth/authorize`, {
      method: "POST", redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams({ ...fields, ...form }).toString(),
    });
    const consent = await post({ decision: "login", login, password: "a long enough password" });
    assert.equal(consent.status, 200);
    const cookie = consent.headers.get("set-cookie")!.split(";")[0]!;
    const csrf = (await consent.text()).match(/name="csrf" value="([^"]+)"/)![1]!;
    const approved = await post({ decision: "approve", csrf }, cookie);
    assert.equal(approved.status, 302);
    return new URL(approved.headers.get("location")!).searchParams.get("code")!;
  }

  it("registers an app, logs in with an authorization code, posts, follows, interacts and is notified", async () => {
    const alice = await register("alice");
    const code = await authorize(alice.app.url!, "alice@example.test");
    const anonymous = generator("mastodon", server.url);
    const token = await anonymous.fetchAccessToken(alice.app.client_id, alice.app.client_secret, code, REDIRECT);
    assert.ok(token.access_token);
    const asAlice: MegalodonInterface = generator("mastodon", server.url, token.access_token);
    assert.equal((await asAlice.verifyAccountCredentials()).data.username, "alice");

    const bobToken = (await register("bob")).token;
    const asBob = generator("mastodon", server.url, bobToken);
    const bobAccount = (await asBob.verifyAccountCredentials()).data;
    assert.equal((await asAlice.followAccount(bobAccount.id)).data.following, true);

    const posted = (await asBob.postStatus("Hello from #megalodon", { visibility: "public" })).data as Entity.Status;
    assert.match(posted.content, /Hello from/);
    await server.stoa.drain();
    const home = (await asAlice.getHomeTimeline({ limit: 10 })).data;
    assert.deepEqual(home.map((s) => s.id), [posted.id]);

    assert.equal((await asAlice.favouriteStatus(posted.id)).data.favourited, true);
    const boost = (await asAlice.reblogStatus(posted.id)).data;
    assert.equal(boost.reblog?.id, posted.id);
    await server.stoa.drain();
    const notifications = (await asBob.getNotifications()).data;
    assert.deepEqual(new Set(notifications.map((n) => n.type)), new Set(["follow", "favourite", "reblog"]));
    assert.ok(notifications.every((n) => n.account?.username === "alice"));
  });

  it("streams a notification to the user stream", async () => {
    const carol = await register("carol");
    const dave = await register("dave");
    const asCarol = generator("mastodon", server.url, carol.token);
    const carolAccount = (await asCarol.verifyAccountCredentials()).data;
    const subscribed = subscriptionTo(server.stoa, `user:${carolAccount.id}`);
    const stream = await asCarol.userStreaming();
    try {
      const received = new Promise<Entity.Notification>((resolve, reject) => {
        stream.on("notification", resolve);
        stream.on("error", reject);
      });
      await subscribed; // the server has registered the stream: the event can't be missed
      await generator("mastodon", server.url, dave.token).followAccount(carolAccount.id);
      await server.stoa.drain();
      const notification = await received;
      assert.equal(notification.type, "follow");
      assert.equal(notification.account?.username, "dave");
    } finally {
      stream.stop();
    }
  });
});
