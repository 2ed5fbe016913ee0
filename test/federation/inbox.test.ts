import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import https from "node:https";
import tls from "node:tls";
import type { AddressInfo } from "node:net";
import { signRequest } from "@fedify/fedify";
import { exportSpki } from "@fedify/vocab-runtime";
import { Temporal } from "@js-temporal/polyfill";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";
import { makeTestPki } from "./support/tls.ts";

const AS = "https://www.w3.org/ns/activitystreams";

/** A remote actor we control: its key pair and its document on the fixture host. */
interface Remote {
  id: string;
  keyId: string;
  keys: CryptoKeyPair;
}

describe("inbox: signed Follow and Undo from a remote server, hostile deliveries refused", () => {
  let stoa: TestInstance;
  let alice: TestUser;
  let server: https.Server;
  let base = "";
  const documents = new Map<string, unknown>();
  const received: { path: string; body: any; signed: boolean }[] = [];
  const remotes: Record<string, Remote> = {};

  async function makeRemote(name: string): Promise<Remote> {
    const keys = await crypto.subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"]);
    const id = `${base}/users/${name}`;
    documents.set(`/users/${name}`, {
      "@context": [AS, "https://w3id.org/security/v1"], id, type: "Person", preferredUsername: name,
      inbox: `${id}/inbox`, endpoints: { sharedInbox: `${base}/inbox` },
      publicKey: { id: `${id}#main-key`, owner: id, publicKeyPem: await exportSpki(keys.publicKey) },
    });
    return { id, keyId: `${id}#main-key`, keys };
  }

  before(async () => {
    const pki = await makeTestPki();
    tls.setDefaultCACertificates([...tls.getCACertificates("default"), pki.caCert]);
    server = https.createServer({ cert: pki.cert, key: pki.key }, (req, res) => {
      const url = new URL(req.url!, base);
      if (req.method === "POST") {
        let body = "";
        req.on("data", (c: Buffer) => { body += c.toString(); });
        req.on("end", () => {
          received.push({ path: url.pathname, body: JSON.parse(body), signed: req.headers.signature !== undefined || req.headers["signature-input"] !== undefined });
          res.writeHead(202).end();
        });
        return;
      }
      const doc = documents.get(url.pathname);
      if (doc === undefined) return res.writeHead(404).end();
      res.writeHead(200, { "content-type": "application/activity+json" }).end(JSON.stringify(doc));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    remotes.bob = await makeRemote("bob");
    remotes.mallory = await makeRemote("mallory");
    stoa = await startTestInstance({ STOA_ALLOW_PRIVATE_ADDRESSES: "1" });
    alice = await createUser(stoa, "alice");
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await stoa.close();
  });

  const follow = (actor: Remote, n: number, overrides: Record<string, unknown> = {}) =>
    ({ "@context": AS, id: `${actor.id}#follows/${n}`, type: "Follow", actor: actor.id, object: "http://stoa.test/users/alice", ...overrides });

  async function post(activity: unknown, options: { to?: string;  signer?: Remote; currentTime?: Temporal.Instant; tamper?: (body: string) => string; sign?: boolean } = {}) {
    const body = JSON.stringify(activity);
    let request = new Request(`http://stoa.test${options.to ?? "/users/alice/inbox"}`, { method: "POST", headers: { "content-type": "application/activity+json" }, body });
    if (options.sign !== false) {
      const signer = options.signer ?? remotes.bob!;
      request = await signRequest(request, signer.keys.privateKey, new URL(signer.keyId), options.currentTime ? { currentTime: options.currentTime as never } : {});
    }
    if (options.tamper) request = new Request(request.url, { method: "POST", headers: request.headers, body: options.tamper(body) });
    const response = await stoa.app.request(request);
    await stoa.drain();
    return response.status;
  }

  const state = async () => {
    const [row] = await stoa.ctx.sql<{ follows: number; remotes: number; notifications: number }[]>`
      select (select count(*)::int from follows) as follows,
             (select count(*)::int from accounts where domain is not null) as remotes,
             (select count(*)::int from notifications) as notifications`;
    return row!;
  };
  const nothing = { follows: 0, remotes: 0, notifications: 0 };

  it("refuses an unsigned delivery", async () => {
    assert.equal(await post(follow(remotes.bob!, 1), { sign: false }), 401);
    assert.deepEqual(await state(), nothing);
  });

  it("refuses a valid key of actor A on an activity claiming actor B", async () => {
    assert.equal(await post(follow(remotes.mallory!, 2), { signer: remotes.bob! }), 401);
    assert.deepEqual(await state(), nothing);
  });

  it("refuses a body that does not match the signed digest", async () => {
    const status = await post(follow(remotes.bob!, 3), { tamper: (b) => b.replace("/users/alice", "/users/alice?x") });
    assert.equal(status, 401);
    assert.deepEqual(await state(), nothing);
  });

  it("refuses an expired signature", async () => {
    const hourAgo = Temporal.Now.instant().subtract({ hours: 2 });
    assert.equal(await post(follow(remotes.bob!, 4), { currentTime: hourAgo }), 401);
    assert.deepEqual(await state(), nothing);
  });

  it("ignores an activity whose id is on another origin than its actor", async () => {
    assert.equal(await post(follow(remotes.bob!, 5, { id: "https://elsewhere.example/follows/5" })), 202);
    assert.deepEqual(await state(), nothing);
  });

  it("accepts a signed Follow of an unlocked account: follower stored, Accept delivered, once", async () => {
    assert.equal(await post(follow(remotes.bob!, 6)), 202);
    assert.equal(await post(follow(remotes.bob!, 6)), 202, "a repeated delivery is acknowledged");
    assert.deepEqual(await state(), { follows: 1, remotes: 1, notifications: 1 });
    const followers = await json(await stoa.request(`/api/v1/accounts/${alice.accountId}/followers`, { token: alice.token }));
    assert.deepEqual(followers.map((a: { acct: string }) => a.acct), [`bob@${new URL(base).host}`]);
    const accepts = received.filter((r) => r.body.type === "Accept");
    assert.equal(accepts.length, 1);
    assert.equal(accepts[0]!.path, "/users/bob/inbox");
    assert.equal(accepts[0]!.body.actor, "http://stoa.test/users/alice");
    assert.equal(accepts[0]!.body.object.id, `${remotes.bob!.id}#follows/6`);
  });

  it("Undo of the Follow removes it", async () => {
    assert.equal(await post({ "@context": AS, id: `${remotes.bob!.id}#undo/6`, type: "Undo", actor: remotes.bob!.id, object: follow(remotes.bob!, 6) }), 202);
    assert.equal((await state()).follows, 0);
  });

  it("a locked account: the Follow waits as a request; authorizing sends an Accept naming it", async () => {
    const lena = await createUser(stoa, "lena");
    await stoa.ctx.sql`update accounts set locked = true where id = ${lena.accountId}`;
    const follow = { "@context": AS, id: `${remotes.bob!.id}#follows/lena`, type: "Follow", actor: remotes.bob!.id, object: "http://stoa.test/users/lena" };
    assert.equal(await post(follow, { to: "/users/lena/inbox" }), 202);
    const requests = await json(await stoa.request("/api/v1/follow_requests", { token: lena.token }));
    assert.equal(requests.length, 1);
    assert.equal(received.filter((r) => r.body.type === "Accept" && r.body.actor.endsWith("/lena")).length, 0, "nothing sent before the decision");
    await json(await stoa.request(`/api/v1/follow_requests/${requests[0].id}/authorize`, { token: lena.token, method: "POST" }));
    await stoa.drain();
    const accept = received.find((r) => r.body.type === "Accept" && r.body.actor === "http://stoa.test/users/lena");
    assert.equal(accept?.body.object.id, `${remotes.bob!.id}#follows/lena`);
    assert.equal(accept?.signed, true);
  });

  it("following a remote account sends a signed Follow; its Accept makes the follow; unfollowing sends Undo", async () => {
    const [bob] = await stoa.ctx.sql<{ id: string }[]>`select id from accounts where uri = ${remotes.bob!.id}`;
    const relationship = await json(await stoa.request(`/api/v1/accounts/${bob!.id}/follow`, { token: alice.token, method: "POST" }));
    assert.equal(relationship.requested, true);
    await stoa.drain();
    const sent = received.find((r) => r.body.type === "Follow" && r.body.actor === "http://stoa.test/users/alice");
    assert.ok(sent, "the Follow was delivered");
    assert.equal(sent.signed, true);
    assert.equal(sent.body.object, remotes.bob!.id);
    // Someone else cannot accept on bob's behalf.
    assert.equal(await post({ "@context": AS, id: `${remotes.mallory!.id}#accepts/1`, type: "Accept", actor: remotes.mallory!.id, object: sent.body.id }, { signer: remotes.mallory! }), 202);
    let rel = (await json(await stoa.request(`/api/v1/accounts/relationships?id[]=${bob!.id}`, { token: alice.token })))[0];
    assert.deepEqual([rel.following, rel.requested], [false, true]);
    assert.equal(await post({ "@context": AS, id: `${remotes.bob!.id}#accepts/1`, type: "Accept", actor: remotes.bob!.id, object: sent.body.id }), 202);
    rel = (await json(await stoa.request(`/api/v1/accounts/relationships?id[]=${bob!.id}`, { token: alice.token })))[0];
    assert.deepEqual([rel.following, rel.requested], [true, false]);
    await json(await stoa.request(`/api/v1/accounts/${bob!.id}/unfollow`, { token: alice.token, method: "POST" }));
    await stoa.drain();
    const undo = received.find((r) => r.body.type === "Undo" && r.body.actor === "http://stoa.test/users/alice");
    assert.equal(undo?.body.object.type, "Follow");
    assert.equal(undo?.body.object.object, remotes.bob!.id);
  });

  it("a Create(Note) from a followed account reaches the home timeline, sanitized, once", async () => {
    const [bob] = await stoa.ctx.sql<{ id: string }[]>`select id from accounts where uri = ${remotes.bob!.id}`;
    await json(await stoa.request(`/api/v1/accounts/${bob!.id}/follow`, { token: alice.token, method: "POST" }));
    await stoa.drain();
    const sent = received.filter((r) => r.body.type === "Follow" && r.body.actor === "http://stoa.test/users/alice").at(-1)!;
    await post({ "@context": AS, id: `${remotes.bob!.id}#accepts/2`, type: "Accept", actor: remotes.bob!.id, object: sent.body.id });

    const note = (n: string, overrides: Record<string, unknown> = {}) => ({
      id: `${remotes.bob!.id}/statuses/${n}`, type: "Note", attributedTo: remotes.bob!.id,
      to: [`${AS}#Public`], cc: [`${remotes.bob!.id}/followers`],
      content: '<p>Hi <script>alert(1)</script><a href="javascript:x()">#cats</a></p>',
      tag: [{ type: "Hashtag", name: "#Cats", href: `${base}/tags/cats` }], ...overrides,
    });
    const create = (n: string, object: unknown, actor = remotes.bob!) =>
      // Mastodon's context: Hashtag is not in the ActivityStreams context itself.
      ({ "@context": [AS, { Hashtag: "as:Hashtag", sensitive: "as:sensitive" }], id: `${actor.id}/activities/${n}`, type: "Create", actor: actor.id, object });
    assert.equal(await post(create("1", note("1")), { to: "/inbox" }), 202);
    assert.equal(await post(create("1b", note("1")), { to: "/inbox" }), 202, "the same Note again");
    const home = await json(await stoa.request("/api/v1/timelines/home", { token: alice.token }));
    assert.equal(home.length, 1);
    assert.equal(home[0].uri, `${remotes.bob!.id}/statuses/1`);
    assert.equal(home[0].content, "<p>Hi #cats</p>");
    assert.equal(home[0].visibility, "public");
    assert.equal(home[0].account.acct, `bob@${new URL(base).host}`);
    assert.deepEqual(home[0].tags.map((t: { name: string }) => t.name), ["cats"]);

    const count = async () => (await stoa.ctx.sql<{ n: number }[]>`select count(*)::int as n from statuses where not local`)[0]!.n;
    assert.equal(await post(create("2", note("2", { id: "https://elsewhere.example/statuses/2" })), { to: "/inbox" }), 202);
    assert.equal(await post(create("3", note("3", { attributedTo: remotes.mallory!.id })), { to: "/inbox" }), 202);
    assert.equal(await count(), 1, "objects on another origin or by someone else are not stored");
  });

  it("a remote reply threads under the local status and notifies the mentioned author", async () => {
    const mine = await json(await stoa.request("/api/v1/statuses", { token: alice.token, json: { status: "local root" } }));
    const reply = {
      id: `${remotes.bob!.id}/statuses/reply1`, type: "Note", attributedTo: remotes.bob!.id, inReplyTo: mine.uri,
      to: [`${AS}#Public`], content: '<p><span class="h-card"><a href="http://stoa.test/@alice" class="u-url mention">@alice</a></span> yes</p>',
      tag: [{ type: "Mention", href: "http://stoa.test/users/alice", name: "@alice@stoa.test" }],
    };
    assert.equal(await post({ "@context": AS, id: `${remotes.bob!.id}/activities/r1`, type: "Create", actor: remotes.bob!.id, object: reply }, { to: "/inbox" }), 202);
    const context = await json(await stoa.request(`/api/v1/statuses/${mine.id}/context`, { token: alice.token }));
    assert.deepEqual(context.descendants.map((d: { uri: string }) => d.uri), [reply.id]);
    const notifications = await json(await stoa.request("/api/v1/notifications?types[]=mention", { token: alice.token }));
    assert.equal(notifications[0]?.status.uri, reply.id);
  });

  it("a local post goes out as Create to the remote follower's shared inbox; deleting it sends Delete and leaves 410", async () => {
    const [lena] = await stoa.ctx.sql<{ id: string }[]>`select a.id from accounts a where username = 'lena' and domain is null`;
    const followers = (await stoa.ctx.sql<{ n: number }[]>`select count(*)::int as n from follows where target_account_id = ${lena!.id}`)[0]!.n;
    assert.equal(followers, 1, "bob follows lena (accepted earlier)");
    const lenaUser = await stoa.ctx.sql<{ id: string }[]>`select id from users where account_id = ${lena!.id}`;
    const { issueToken } = await import("../../src/oauth/tokens.ts");
    const { createApp } = await import("../../src/oauth/apps.ts");
    const app = await createApp(stoa.ctx.sql, { name: "t", website: null, redirectUris: ["urn:ietf:wg:oauth:2.0:oob"], scopes: ["read", "write"] });
    const lenaToken = (await issueToken(stoa.ctx.sql, { appId: app.id, userId: lenaUser[0]!.id, scopes: ["read", "write"] })).accessToken;

    const before = received.length;
    const status = await json(await stoa.request("/api/v1/statuses", { token: lenaToken, json: { status: "hello #fediverse" } }));
    await stoa.drain();
    const creates = received.slice(before).filter((r) => r.body.type === "Create");
    assert.equal(creates.length, 1, "one delivery");
    assert.equal(creates[0]!.path, "/inbox", "to the shared inbox");
    assert.equal(creates[0]!.signed, true);
    assert.equal(creates[0]!.body.object.id, status.uri);
    assert.equal(creates[0]!.body.object.content, status.content);
    assert.ok([creates[0]!.body.object.to].flat().some((v: string) => v === "as:Public" || v === `${AS}#Public`), "addressed to the public");

    const note = await json(await stoa.request(`/users/lena/statuses/${status.id}`, { headers: { accept: "application/activity+json" } }));
    assert.equal(note.id, status.uri);
    assert.equal(note.attributedTo, "http://stoa.test/users/lena");

    await json(await stoa.request(`/api/v1/statuses/${status.id}`, { token: lenaToken, method: "DELETE" }));
    await stoa.drain();
    const deletes = received.slice(before).filter((r) => r.body.type === "Delete");
    assert.equal(deletes.length, 1);
    assert.equal(deletes[0]!.body.object.id, status.uri);
    assert.equal(deletes[0]!.body.object.type, "Tombstone");
    assert.equal((await stoa.request(`/users/lena/statuses/${status.id}`, { headers: { accept: "application/activity+json" } })).status, 410);
  });

  it("Delete of someone else's status is ignored; the author's Delete removes it", async () => {
    const uri = `${remotes.bob!.id}/statuses/1`;
    const deleted = async () => (await stoa.ctx.sql<{ deletedAt: Date | null }[]>`select deleted_at from statuses where uri = ${uri}`)[0]!.deletedAt !== null;
    const del = (actor: Remote, n: string) => ({ "@context": AS, id: `${actor.id}#deletes/${n}`, type: "Delete", actor: actor.id, object: { id: uri, type: "Tombstone" } });
    assert.equal(await post(del(remotes.mallory!, "1"), { signer: remotes.mallory!, to: "/inbox" }), 202);
    assert.equal(await deleted(), false, "mallory cannot delete bob's status");
    assert.equal(await post(del(remotes.bob!, "2"), { to: "/inbox" }), 202);
    assert.equal(await deleted(), true);
    const home = await json(await stoa.request("/api/v1/timelines/home", { token: alice.token }));
    assert.ok(!home.some((st: { uri: string }) => st.uri === uri));
  });

  it("refuses a delivery over the size cap before parsing it", async () => {
    const count = async () => (await stoa.ctx.sql<{ n: number }[]>`select count(*)::int as n from statuses`)[0]!.n;
    const before = await count();
    const huge = { "@context": AS, id: `${remotes.bob!.id}/activities/huge`, type: "Create", actor: remotes.bob!.id,
      object: { id: `${remotes.bob!.id}/statuses/huge`, type: "Note", attributedTo: remotes.bob!.id, to: [`${AS}#Public`], content: "x".repeat(2 << 20) } };
    assert.equal(await post(huge, { to: "/inbox" }), 413);
    assert.equal(await count(), before);
  });

  it("Like and Announce of a local status notify its author as favourite and reblog, once each", async () => {
    const mine = await json(await stoa.request("/api/v1/statuses", { token: alice.token, json: { status: "like me" } }));
    const like = { "@context": AS, id: `${remotes.bob!.id}#likes/1`, type: "Like", actor: remotes.bob!.id, object: mine.uri };
    assert.equal(await post(like, { to: "/inbox" }), 202);
    assert.equal(await post({ ...like, id: `${remotes.bob!.id}#likes/1b` }, { to: "/inbox" }), 202);
    const announce = { "@context": AS, id: `${remotes.bob!.id}/statuses/boost1/activity`, type: "Announce", actor: remotes.bob!.id, object: mine.uri, to: [`${AS}#Public`] };
    assert.equal(await post(announce, { to: "/inbox" }), 202);
    const status = await json(await stoa.request(`/api/v1/statuses/${mine.id}`, { token: alice.token }));
    assert.deepEqual([status.favourites_count, status.reblogs_count], [1, 1]);
    const notifications = await json(await stoa.request("/api/v1/notifications?types[]=favourite&types[]=reblog", { token: alice.token }));
    assert.deepEqual(notifications.map((n: { type: string; account: { acct: string } }) => [n.type, n.account.acct]).sort(),
      [["favourite", `bob@${new URL(base).host}`], ["reblog", `bob@${new URL(base).host}`]]);
    const [boost] = await stoa.ctx.sql<{ uri: string; local: boolean }[]>`select uri, local from statuses where reblog_of_id = ${mine.id}`;
    assert.deepEqual({ ...boost }, { uri: announce.id, local: false });

    // Undo by someone else changes nothing; the actor's own Undo withdraws each.
    assert.equal(await post({ "@context": AS, id: `${remotes.mallory!.id}#undo/like`, type: "Undo", actor: remotes.mallory!.id, object: like }, { signer: remotes.mallory!, to: "/inbox" }), 202);
    let counts = await json(await stoa.request(`/api/v1/statuses/${mine.id}`, { token: alice.token }));
    assert.deepEqual([counts.favourites_count, counts.reblogs_count], [1, 1]);
    assert.equal(await post({ "@context": AS, id: `${remotes.bob!.id}#undo/like`, type: "Undo", actor: remotes.bob!.id, object: like }, { to: "/inbox" }), 202);
    assert.equal(await post({ "@context": AS, id: `${remotes.bob!.id}#undo/boost`, type: "Undo", actor: remotes.bob!.id, object: announce }, { to: "/inbox" }), 202);
    counts = await json(await stoa.request(`/api/v1/statuses/${mine.id}`, { token: alice.token }));
    assert.deepEqual([counts.favourites_count, counts.reblogs_count], [0, 0]);
  });

  it("an Update by the author edits the remote status (with history); an Update by anyone else changes nothing", async () => {
    const uri = `${remotes.bob!.id}/statuses/reply1`;
    const content = async () => (await stoa.ctx.sql<{ content: string }[]>`select content from statuses where uri = ${uri}`)[0]!.content;
    const original = await content();
    const edited = (text: string, attributedTo = remotes.bob!.id) => ({ id: uri, type: "Note", attributedTo, to: [`${AS}#Public`], content: `<p>${text}<script>x</script></p>` });
    const update = (actor: Remote, n: string, object: unknown) => ({ "@context": AS, id: `${actor.id}#updates/${n}`, type: "Update", actor: actor.id, object });
    assert.equal(await post(update(remotes.mallory!, "1", edited("forged", remotes.mallory!.id)), { signer: remotes.mallory!, to: "/inbox" }), 202);
    assert.equal(await post(update(remotes.mallory!, "2", edited("forged")), { signer: remotes.mallory!, to: "/inbox" }), 202);
    assert.equal(await content(), original, "mallory cannot edit bob's status");
    assert.equal(await post(update(remotes.bob!, "3", edited("edited")), { to: "/inbox" }), 202);
    assert.equal(await content(), "<p>edited</p>");
    const [row] = await stoa.ctx.sql<{ id: string }[]>`select id from statuses where uri = ${uri}`;
    const history = await json(await stoa.request(`/api/v1/statuses/${row!.id}/history`, { token: alice.token }));
    assert.deepEqual(history.map((h: { content: string }) => h.content), [original, "<p>edited</p>"]);
  });

  it("editing a local post sends Update to remote followers", async () => {
    assert.equal(await post(follow(remotes.bob!, 7)), 202, "bob follows alice again");
    const mine = await json(await stoa.request("/api/v1/statuses", { token: alice.token, json: { status: "first" } }));
    const before = received.length;
    await json(await stoa.request(`/api/v1/statuses/${mine.id}`, { token: alice.token, method: "PUT", json: { status: "second" } }));
    await stoa.drain();
    const updates = received.slice(before).filter((r) => r.body.type === "Update");
    assert.equal(updates.length, 1);
    assert.equal(updates[0]!.body.object.id, mine.uri);
    assert.match(updates[0]!.body.object.content, /second/);
  });

  it("favouriting a remote status sends Like to its author; unfavouriting sends Undo", async () => {
    const [row] = await stoa.ctx.sql<{ id: string }[]>`select id from statuses where uri = ${`${remotes.bob!.id}/statuses/reply1`}`;
    const before = received.length;
    await json(await stoa.request(`/api/v1/statuses/${row!.id}/favourite`, { token: alice.token, method: "POST" }));
    await stoa.drain();
    await json(await stoa.request(`/api/v1/statuses/${row!.id}/unfavourite`, { token: alice.token, method: "POST" }));
    await stoa.drain();
    const sent = received.slice(before).map((r) => [r.body.type, r.body.object?.type ?? r.body.object]);
    assert.deepEqual(sent, [["Like", `${remotes.bob!.id}/statuses/reply1`], ["Undo", "Like"]]);
  });

  it("boosting a remote status sends Announce to its author; unboosting sends Undo", async () => {
    const [row] = await stoa.ctx.sql<{ id: string }[]>`select id from statuses where uri = ${`${remotes.bob!.id}/statuses/reply1`}`;
    const before = received.length;
    const boost = await json(await stoa.request(`/api/v1/statuses/${row!.id}/reblog`, { token: alice.token, method: "POST" }));
    await stoa.drain();
    await json(await stoa.request(`/api/v1/statuses/${row!.id}/unreblog`, { token: alice.token, method: "POST" }));
    await stoa.drain();
    const sent = received.slice(before).map((r) => [r.path, r.body.type, r.body.object?.type ?? r.body.object]);
    assert.deepEqual(sent, [["/inbox", "Announce", `${remotes.bob!.id}/statuses/reply1`], ["/inbox", "Undo", "Announce"]]);
    assert.equal(received.at(-1)!.body.object.id, boost.uri);
  });

  it("blocks both ways: a local block sends Block and ends the follow; a remote Block ends follows here", async () => {
    const [bob] = await stoa.ctx.sql<{ id: string }[]>`select id from accounts where uri = ${remotes.bob!.id}`;
    const follows = async () => (await stoa.ctx.sql<{ n: number }[]>`select count(*)::int as n from follows
      where (account_id, target_account_id) in ((${bob!.id}::bigint, ${alice.accountId}::bigint), (${alice.accountId}::bigint, ${bob!.id}::bigint))`)[0]!.n;
    assert.ok(await follows() > 0, "bob and alice follow each other");
    const before = received.length;
    await json(await stoa.request(`/api/v1/accounts/${bob!.id}/block`, { token: alice.token, method: "POST" }));
    await stoa.drain();
    const blocks = received.slice(before).filter((r) => r.body.type === "Block");
    assert.deepEqual(blocks.map((r) => [r.body.actor, r.body.object]), [["http://stoa.test/users/alice", remotes.bob!.id]]);
    await json(await stoa.request(`/api/v1/accounts/${bob!.id}/unblock`, { token: alice.token, method: "POST" }));
    await stoa.drain();
    assert.equal(received.at(-1)!.body.type, "Undo");
    assert.equal(received.at(-1)!.body.object.type, "Block");

    assert.equal(await post(follow(remotes.bob!, 8)), 202, "bob follows alice again");
    assert.ok(await follows() > 0);
    const block = { "@context": AS, id: `${remotes.bob!.id}#blocks/1`, type: "Block", actor: remotes.bob!.id, object: "http://stoa.test/users/alice" };
    assert.equal(await post(block), 202);
    assert.equal(await follows(), 0);
    const rel = (await json(await stoa.request(`/api/v1/accounts/relationships?id[]=${bob!.id}`, { token: alice.token })))[0];
    assert.equal(rel.blocked_by, true);
  });
});
