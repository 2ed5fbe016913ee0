import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import https from "node:https";
import tls from "node:tls";
import type { AddressInfo } from "node:net";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";
import { makeTestPki } from "./support/tls.ts";
import { resolveRemoteAccount } from "../../src/federation/remote-accounts.ts";
import { fetchPolicy } from "../../src/federation/safe-fetch.ts";

/** Actor documents shaped as Mastodon sends them, keyed by path on the fixture host. */
function actorDocument(base: string, username: string, overrides: Record<string, unknown> = {}) {
  const id = `${base}/users/${username}`;
  return {
    "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1", {
      manuallyApprovesFollowers: "as:manuallyApprovesFollowers", toot: "http://joinmastodon.org/ns#",
      discoverable: "toot:discoverable", indexable: "toot:indexable", schema: "http://schema.org#",
      PropertyValue: "schema:PropertyValue", value: "schema:value",
    }],
    id, type: "Person", preferredUsername: username, name: "Bob Remote",
    summary: '<p>Hello<script>alert(1)</script> <a href="javascript:x()">there</a></p>',
    url: `${base}/@${username}`, inbox: `${id}/inbox`, outbox: `${id}/outbox`, followers: `${id}/followers`,
    endpoints: { sharedInbox: `${base}/inbox` }, manuallyApprovesFollowers: true, discoverable: true, indexable: false,
    icon: { type: "Image", mediaType: "image/png", url: `${base}/avatar.png` },
    attachment: [{ type: "PropertyValue", name: "Web", value: '<a href="https://bob.example" onclick="x()">bob.example</a>' }],
    publicKey: { id: `${id}#main-key`, owner: id, publicKeyPem: PUBLIC_KEY },
    ...overrides,
  };
}

const PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
-----END PUBLIC KEY-----`;

describe("remote accounts: WebFinger → actor → stored account", () => {
  let stoa: TestInstance;
  let me: TestUser;
  let server: https.Server;
  let host = "";
  let base = "";
  const documents = new Map<string, unknown>();

  before(async () => {
    const pki = await makeTestPki();
    tls.setDefaultCACertificates([...tls.getCACertificates("default"), pki.caCert]);
    server = https.createServer({ cert: pki.cert, key: pki.key }, (req, res) => {
      const url = new URL(req.url!, base);
      const doc = url.pathname === "/.well-known/webfinger" ? documents.get(`wf:${url.searchParams.get("resource")}`) : documents.get(url.pathname);
      if (doc === undefined) return res.writeHead(404).end();
      res.writeHead(200, { "content-type": url.pathname.startsWith("/.well-known") ? "application/jrd+json" : "application/activity+json" });
      res.end(JSON.stringify(doc));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    base = `https://${host}`;
    const finger = (user: string, actorPath = `/users/${user}`) =>
      documents.set(`wf:acct:${user}@${host}`, { subject: `acct:${user}@${host}`, links: [{ rel: "self", type: "application/activity+json", href: `${base}${actorPath}` }] });
    for (const user of ["bob", "carol"]) {
      finger(user);
      documents.set(`/users/${user}`, actorDocument(base, user));
    }
    finger("mallory", "/users/bob"); // WebFinger points at someone else's actor
    finger("eve");
    documents.set("/users/eve", actorDocument("https://elsewhere.example", "eve")); // id on another origin

    stoa = await startTestInstance({ STOA_ALLOW_PRIVATE_ADDRESSES: "1" });
    me = await createUser(stoa, "me");
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await stoa.close();
  });

  const remoteCount = async () => (await stoa.ctx.sql<{ n: number }[]>`select count(*)::int as n from accounts where domain is not null`)[0]!.n;

  it("refuses loopback hosts unless STOA_ALLOW_PRIVATE_ADDRESSES is set", async () => {
    assert.equal(await resolveRemoteAccount(stoa.ctx, `bob@${host}`, fetchPolicy({ allowPrivateAddresses: false })), undefined);
    assert.equal(await remoteCount(), 0);
  });

  it("looks up user@host: stores the account with sanitized profile, keys and endpoints", async () => {
    const account = await json(await stoa.request(`/api/v1/accounts/lookup?acct=bob@${host}`));
    assert.equal(account.acct, `bob@${host}`);
    assert.equal(account.username, "bob");
    assert.equal(account.display_name, "Bob Remote");
    assert.equal(account.locked, true);
    assert.equal(account.url, `${base}/@bob`);
    assert.equal(account.avatar, `${base}/avatar.png`);
    assert.equal(account.note, "<p>Hello there</p>");
    assert.deepEqual(account.fields.map((f: { name: string; value: string }) => [f.name, f.value]),
      [["Web", '<a href="https://bob.example/" rel="nofollow noopener noreferrer" target="_blank">bob.example</a>']]);
    const [row] = await stoa.ctx.sql<{ uri: string; inboxUrl: string; sharedInboxUrl: string; publicKeyPem: string; indexable: boolean }[]>`
      select uri, inbox_url, shared_inbox_url, public_key_pem, indexable from accounts where id = ${account.id}`;
    assert.deepEqual({ ...row, publicKeyPem: row!.publicKeyPem.trim() }, {
      uri: `${base}/users/bob`, inboxUrl: `${base}/users/bob/inbox`, sharedInboxUrl: `${base}/inbox`, publicKeyPem: PUBLIC_KEY, indexable: false,
    });
    const again = await json(await stoa.request(`/api/v1/accounts/lookup?acct=@BOB@${host}`));
    assert.equal(again.id, account.id, "a second lookup finds the same row");
  });

  it("refuses handles that do not round-trip and actors whose id is on another origin", async () => {
    const before = await remoteCount();
    assert.equal((await stoa.request(`/api/v1/accounts/lookup?acct=mallory@${host}`)).status, 404);
    assert.equal((await stoa.request(`/api/v1/accounts/lookup?acct=eve@${host}`)).status, 404);
    assert.equal((await stoa.request(`/api/v1/accounts/lookup?acct=nobody@${host}`)).status, 404);
    assert.equal(await remoteCount(), before);
  });

  it("search with resolve=true finds an unknown remote handle, only when signed in", async () => {
    const anonymous = await json(await stoa.request(`/api/v2/search?q=carol@${host}&resolve=true&type=accounts`));
    assert.deepEqual(anonymous.accounts, []);
    const result = await json(await stoa.request(`/api/v2/search?q=@carol@${host}&resolve=true&type=accounts`, { token: me.token }));
    assert.deepEqual(result.accounts.map((a: { acct: string }) => a.acct), [`carol@${host}`]);
  });
});
