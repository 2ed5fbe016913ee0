/**
 * A real, published Mastodon client (masto.js) drives a fresh instance over HTTP: the
 * strongest evidence that Mastodon apps work with Stoa. It grows as the API grows.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createOAuthAPIClient, createRestAPIClient, createStreamingAPIClient, type mastodon } from "masto";
import sharp from "sharp";
import { startTestServer, type TestServer } from "../support/server.ts";
import { subscriptionTo } from "../support/streaming.ts";

const OOB = "urn:ietf:wg:oauth:2.0:oob";

describe("masto.js against Stoa", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  const tokens = new Map<string, string>();


  async function signUp(username: string): Promise<mastodon.rest.Client> {
    const anonymous = createRestAPIClient({ url: server.url });
    const app = await anonymous.v1.apps.create({ clientName: "masto test", redirectUris: OOB, scopes: "read write follow push" });
    const oauth = createOAuthAPIClient({ url: server.url });
    const appToken = await oauth.token.create({
      grantType: "client_credentials", clientId: app.clientId!, clientSecret: app.clientSecret!, redirectUri: OOB, scope: "read write follow push",
    });
    const asApp = createRestAPIClient({ url: server.url, accessToken: appToken.accessToken });
    await asApp.v1.accounts.create({ username, email: `${username}@example.test`, password: "a long enough password", agreement: true, locale: "en" });
    // Log in again with the password grant, as command-line clients do.
    const token = await oauth.token.create({
      grantType: "password", clientId: app.clientId!, clientSecret: app.clientSecret!, redirectUri: OOB,
      username, password: "a long enough password", scope: "read write follow push",
    });
    tokens.set(username, token.accessToken);
    return createRestAPIClient({ url: server.url, accessToken: token.accessToken });
  }

  it("registers, follows, posts, reads the home timeline page by page, interacts and deletes", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const me = await alice.v1.accounts.verifyCredentials();
    assert.equal(me.username, "alice");
    const bobAccount = await bob.v1.accounts.verifyCredentials();

    const relationship = await alice.v1.accounts.$select(bobAccount.id).follow();
    assert.equal(relationship.following, true);

    const posted: string[] = [];
    for (let i = 0; i < 5; i++) posted.push((await bob.v1.statuses.create({ status: `Post ${i} from #masto` })).id);
    await server.stoa.drain();

    const pages: string[][] = [];
    for await (const page of alice.v1.timelines.home.list({ limit: 2 })) {
      pages.push(page.map((s) => s.id));
      if (pages.length === 5) break;
    }
    assert.deepEqual(pages.flat(), [...posted].reverse(), "the paginator walks the whole timeline through Link headers");

    const target = posted[4]!;
    assert.equal((await alice.v1.statuses.$select(target).favourite()).favourited, true);
    const boost = await alice.v1.statuses.$select(target).reblog();
    assert.equal(boost.reblog?.id, target);
    const reply = await alice.v1.statuses.create({ status: `@bob nice`, inReplyToId: target });
    const context = await bob.v1.statuses.$select(target).context.fetch();
    assert.deepEqual(context.descendants.map((s) => s.id), [reply.id]);

    const notifications = await bob.v1.notifications.list();
    assert.deepEqual(new Set(notifications.map((n) => n.type)), new Set(["follow", "favourite", "reblog", "mention"]));

    const removed = await alice.v1.statuses.$select(reply.id).remove();
    assert.equal(removed.text, "@bob nice");
    await assert.rejects(bob.v1.statuses.$select(reply.id).fetch(), (error: Error & { statusCode?: number }) => error.statusCode === 404);
  });

  it("receives a notification over the streaming API", async () => {
    const dora = await signUp("dora");
    const erin = await signUp("erin");
    const doraAccount = await dora.v1.accounts.verifyCredentials();
    const subscribed = subscriptionTo(server.stoa, `user:${doraAccount.id}`);
    const streaming = createStreamingAPIClient({
      streamingApiUrl: server.url.replace("http", "ws"), accessToken: tokens.get("dora")!, implementation: WebSocket,
    });
    // masto 7 types `user` as the notification resource; at run time it is the user resource.
    const subscription = (streaming.user as unknown as mastodon.streaming.UserResource).notification.subscribe();
    const received = (async () => {
      for await (const event of subscription) {
        if (event.event === "notification") return event.payload;
      }
      return null;
    })();
    await subscribed; // the server has registered the stream: the event can't be missed
    await erin.v1.accounts.$select(doraAccount.id).follow();
    await server.stoa.drain();
    const notification = await received;
    assert.equal(notification?.type, "follow");
    assert.equal(notification?.account.username, "erin");
    subscription.unsubscribe();
    streaming.close();
  });

  it("uploads an image with alt text and posts it", async () => {
    const frank = await signUp("frank");
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#c87828" } }).png().toBuffer();
    const media = await frank.v2.media.create({ file: new Blob([new Uint8Array(png)], { type: "image/png" }), description: "An orange square" });
    await server.stoa.drain();
    const status = await frank.v1.statuses.create({ status: "With a picture", mediaIds: [media.id] });
    assert.equal(status.mediaAttachments[0]?.description, "An orange square");
    assert.equal(status.mediaAttachments[0]?.type, "image");
    assert.ok(status.mediaAttachments[0]?.url);
  });

  it("posts a poll and votes in it", async () => {
    const gail = await signUp("gail");
    const hugo = await signUp("hugo");
    const status = await gail.v1.statuses.create({ status: "Which season?", poll: { options: ["Spring", "Autumn"], expiresIn: 3600 } });
    const voted = await hugo.v1.polls.$select(status.poll!.id).votes.create({ choices: [1] });
    assert.deepEqual(voted.ownVotes, [1]);
    assert.equal(voted.options[1]?.votesCount, 1);
  });

  it("surfaces Stoa's errors as Mastodon errors", async () => {
    const carol = await signUp("carol");
    await assert.rejects(
      carol.v1.statuses.create({ status: "x".repeat(600) }),
      (error: Error & { statusCode?: number }) => error.statusCode === 422 && /character limit/.test(error.message),
    );
  });
});
