import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";
import { admit, closeNow, scopeId } from "./support.ts";

describe("governance: notifications", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  let cat: TestUser;
  let dan: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
    cat = await createUser(stoa, "cat");
    dan = await createUser(stoa, "dan");
    await admit(stoa, ada.accountId, bob.accountId, cat.accountId, dan.accountId);
  });
  after(() => stoa.close());

  const events = async (user: TestUser) =>
    (await json(await stoa.request("/api/stoa/v1/notifications", { token: user.token }))).map((n: { event: string }) => n.event).reverse();

  it("tells people in the scope about a proposal and its vote, delegators about their delegate's vote, voters about the result", async () => {
    const finance = await scopeId(stoa, "functional", "finance");
    const france = await scopeId(stoa, "geographic", "FR");
    await json(await stoa.request("/api/stoa/v1/home_scopes", { token: bob.token, method: "PUT", json: { scope_ids: [finance] } }));
    await json(await stoa.request("/api/stoa/v1/home_scopes", { token: dan.token, method: "PUT", json: { scope_ids: [france] } }));
    await json(await stoa.request("/api/stoa/v1/delegations", { token: cat.token, json: { trustee_id: bob.accountId, scope_id: finance } }));

    const p = await json(await stoa.request("/api/stoa/v1/proposals", { token: ada.token, json: { title: "Fees", text: "Lower the fees.", scope_id: finance, method: "majority", method_config: { options: ["yes", "no"] }, participation: "liquid" } }));
    await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/deliberation`, { token: ada.token, method: "POST" }));
    await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/vote`, { token: ada.token, json: { closes_at: new Date(Date.now() + 3_600_000).toISOString() } }));
    await stoa.drain();
    assert.deepEqual(await events(bob), ["proposal", "vote_opened"]);
    assert.deepEqual(await events(dan), [], "France is not in the finance area");

    await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/ballot`, { token: bob.token, json: { ballot: { choice: "yes" } } }));
    await stoa.drain();
    assert.deepEqual(await events(cat), ["delegate_voted"]);
    await closeNow(stoa, p.id);
    await stoa.drain();
    assert.deepEqual(await events(bob), ["proposal", "vote_opened", "vote_closed"]);
    assert.deepEqual(await events(ada), ["vote_closed"], "the author hears the result");

    // A vote opening later is announced at its opening, not before.
    const later = await json(await stoa.request("/api/stoa/v1/proposals", { token: ada.token, json: { title: "Later", text: "Later.", scope_id: finance, method: "majority", method_config: { options: ["yes", "no"] } } }));
    await json(await stoa.request(`/api/stoa/v1/proposals/${later.id}/deliberation`, { token: ada.token, method: "POST" }));
    await json(await stoa.request(`/api/stoa/v1/proposals/${later.id}/vote`, { token: ada.token, json: { opens_at: new Date(Date.now() + 600_000).toISOString(), closes_at: new Date(Date.now() + 3_600_000).toISOString() } }));
    await stoa.drain();
    assert.deepEqual((await events(bob)).slice(3), ["proposal"]);
    await stoa.ctx.sql`update jobs set run_at = now() where kind = 'governance.proposal.open' and payload->>'proposalId' = ${later.id}`;
    await stoa.drain();
    assert.deepEqual((await events(bob)).slice(3), ["proposal", "vote_opened"]);

    // Mastodon apps that ask for type `governance` get them on the proposal's thread; the rest
    // never meet a type they do not know.
    assert.ok((await json(await stoa.request("/api/v1/notifications", { token: cat.token }))).every((n: { type: string }) => n.type !== "governance"));
    const mastodon = await json(await stoa.request("/api/v1/notifications?types[]=governance", { token: cat.token, openapi: false }));
    assert.equal(mastodon[0].type, "governance");
    assert.equal(mastodon[0].status.id, (await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}`))).thread_status_id);
  });
});
