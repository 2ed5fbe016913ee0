import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

const AP = "application/activity+json";

describe("federation discovery: WebFinger, host-meta, NodeInfo, actors", () => {
  let stoa: TestInstance;
  let alice: TestUser;
  let bob: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    alice = await createUser(stoa, "alice");
    bob = await createUser(stoa, "bob");
    await stoa.ctx.sql`update accounts set locked = true, display_name = 'Alice', fields = ${stoa.ctx.sql.json([{ name: "Site", value: "x", valueHtml: "<a href=\"https://x.example\">x</a>" }])} where id = ${alice.accountId}`;
  });
  after(() => stoa.close());

  it("answers WebFinger for a local acct and its actor URL, and 404 for strangers", async () => {
    const jrd = await json(await stoa.request("/.well-known/webfinger?resource=acct:alice@stoa.test"));
    assert.equal(jrd.subject, "acct:alice@stoa.test");
    const self = jrd.links.find((l: { rel: string }) => l.rel === "self");
    assert.deepEqual(self, { rel: "self", type: AP, href: "http://stoa.test/users/alice" });
    const byUri = await json(await stoa.request("/.well-known/webfinger?resource=http://stoa.test/users/alice"));
    assert.deepEqual(byUri.aliases, ["acct:alice@stoa.test"], "the actor URL round-trips to the acct");
    assert.equal((await stoa.request("/.well-known/webfinger?resource=acct:nobody@stoa.test")).status, 404);
    assert.equal((await stoa.request("/.well-known/webfinger?resource=acct:alice@elsewhere.example")).status, 404);
  });

  it("serves host-meta pointing at WebFinger", async () => {
    const response = await stoa.request("/.well-known/host-meta");
    assert.match(response.headers.get("content-type")!, /xrd\+xml/);
    assert.match(await response.text(), /template="http:\/\/stoa\.test\/\.well-known\/webfinger\?resource=\{uri\}"/);
  });

  it("serves the Person with RSA and Ed25519 keys, inboxes, collections and profile fields", async () => {
    const actor = await json(await stoa.request("/users/alice", { headers: { accept: AP } }));
    assert.equal(actor.id, "http://stoa.test/users/alice");
    assert.equal(actor.type, "Person");
    assert.equal(actor.preferredUsername, "alice");
    assert.equal(actor.name, "Alice");
    assert.equal(actor.manuallyApprovesFollowers, true);
    assert.equal(actor.discoverable, true);
    assert.equal(actor.inbox, "http://stoa.test/users/alice/inbox");
    assert.equal(actor.endpoints.sharedInbox, "http://stoa.test/inbox");
    assert.equal(actor.followers, "http://stoa.test/users/alice/followers");
    assert.equal(actor.url, "http://stoa.test/@alice");
    assert.match(actor.publicKey.publicKeyPem, /^-----BEGIN PUBLIC KEY-----/);
    assert.equal(actor.publicKey.owner, actor.id);
    const [pem] = await stoa.ctx.sql<{ publicKeyPem: string }[]>`select public_key_pem from accounts where id = ${alice.accountId}`;
    assert.equal(actor.publicKey.publicKeyPem.trim(), pem!.publicKeyPem.trim(), "the stored key, not a new one");
    const multikeys = [actor.assertionMethod].flat();
    assert.ok(multikeys.some((k: { publicKeyMultibase: string }) => k.publicKeyMultibase.startsWith("z6Mk")), "an Ed25519 multikey");
    assert.deepEqual([actor.attachment].flat().map((f: { name: string; value: string }) => [f.name, f.value]), [["Site", "<a href=\"https://x.example\">x</a>"]]);
  });

  it("negotiates /@alice: ActivityPub JSON for servers, the web app for browsers", async () => {
    const actor = await json(await stoa.request("/@alice", { headers: { accept: AP } }));
    assert.equal(actor.id, "http://stoa.test/users/alice");
    const page = await stoa.request("/@alice", { headers: { accept: "text/html" } });
    assert.doesNotMatch(page.headers.get("content-type") ?? "", /activity\+json/);
    assert.equal((await stoa.request("/users/nobody", { headers: { accept: AP } })).status, 404);
  });

  it("publishes NodeInfo 2.1 with real usage figures", async () => {
    const links = await json(await stoa.request("/.well-known/nodeinfo"));
    const href = links.links.find((l: { rel: string }) => l.rel.endsWith("/2.1")).href;
    assert.equal(href, "http://stoa.test/nodeinfo/2.1");
    await json(await stoa.request("/api/v1/statuses", { token: alice.token, json: { status: "hello" } }));
    const info = await json(await stoa.request("/nodeinfo/2.1"));
    assert.equal(info.software.name, "stoa");
    assert.deepEqual(info.protocols, ["activitypub"]);
    assert.equal(info.usage.users.total, 2);
    assert.equal(info.usage.localPosts, 1);
    assert.equal(info.openRegistrations, true);
  });

  it("serves followers and following collections with counts; hidden networks show counts only", async () => {
    await json(await stoa.request(`/api/v1/accounts/${alice.accountId}/follow`, { token: bob.token, method: "POST" }));
    await json(await stoa.request(`/api/v1/follow_requests/${bob.accountId}/authorize`, { token: alice.token, method: "POST" }));
    const get = (path: string) => stoa.request(path, { headers: { accept: AP } }).then((r) => json(r));
    const followers = await get("/users/alice/followers");
    assert.equal(followers.totalItems, 1);
    const page = await get(new URL(followers.first.id ?? followers.first).pathname + new URL(followers.first.id ?? followers.first).search);
    assert.deepEqual([page.orderedItems].flat(), ["http://stoa.test/users/bob"]);
    const following = await get("/users/bob/following");
    assert.equal(following.totalItems, 1);
    const followingPage = await get(new URL(following.first.id ?? following.first).pathname + new URL(following.first.id ?? following.first).search);
    assert.deepEqual([followingPage.orderedItems].flat(), ["http://stoa.test/users/alice"]);
    await stoa.ctx.sql`update accounts set hide_collections = true where id = ${alice.accountId}`;
    const hidden = await get("/users/alice/followers");
    assert.equal(hidden.totalItems, 1);
    const hiddenPage = await get(new URL(hidden.first.id ?? hidden.first).pathname + new URL(hidden.first.id ?? hidden.first).search);
    assert.deepEqual([hiddenPage.orderedItems ?? []].flat(), []);
  });
});
