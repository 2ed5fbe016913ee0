import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";
import { answerQuote } from "../../src/statuses/quotes.ts";

describe("quote posts", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  let cyd: TestUser;
  const events: Record<string, unknown>[] = [];
  before(async () => {
    stoa = await startTestInstance();
    // The seam federation will use: record the events quotes emit.
    for (const event of ["quote.requested", "quote.revoked", "status.updated"]) {
      stoa.ctx.events.on(event, "quotetest", async (payload) => void events.push({ event, ...(payload as object) }));
    }
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
    cyd = await createUser(stoa, "cyd");
  });
  after(() => stoa.close());

  const post = async (user: TestUser, body: Record<string, unknown>, status = 200) =>
    json(await stoa.request("/api/v1/statuses", { token: user.token, json: body }), status);
  const get = async (user: TestUser | null, id: string) => json(await stoa.request(`/api/v1/statuses/${id}`, { token: user?.token }));
  /** The ids of the statuses attached to the user's notifications of `type`, newest first. */
  const notifications = async (user: TestUser, type: string) =>
    (await json(await stoa.request(`/api/v1/notifications?types[]=${type}`, { token: user.token }))).map((n: { status: { id: string } }) => n.status.id);

  it("quotes a public post: accepted, rendered for the viewer, counted and notified", async () => {
    const original = await post(ada, { status: "Worth quoting" });
    assert.deepEqual(original.quote_approval, { automatic: ["public"], manual: [], current_user: "automatic" });
    assert.equal(original.quote, null);
    const quote = await post(bob, { status: "Look at this", quoted_status_id: original.id });
    assert.equal(quote.quote.state, "accepted");
    assert.equal(quote.quote.quoted_status.id, original.id);
    assert.match(quote.quote.quoted_status.content, /Worth quoting/);
    // A quote of a quote is shallow inside the quote.
    const second = await post(cyd, { status: "Quoting the quote", quoted_status_id: quote.id });
    assert.deepEqual(second.quote.quoted_status.quote, { state: "accepted", quoted_status_id: original.id });
    assert.equal((await get(ada, original.id)).quotes_count, 1);
    assert.deepEqual(await notifications(ada, "quote"), [quote.id]);
    const anonymous = await get(null, original.id);
    assert.equal(anonymous.quote_approval.current_user, "unknown");
  });

  it("enforces the quoted author's policy and refuses private and direct posts", async () => {
    const followersOnly = await post(ada, { status: "Followers may quote", quote_approval_policy: "followers" });
    assert.deepEqual(followersOnly.quote_approval.automatic, ["followers"]);
    assert.equal((await get(bob, followersOnly.id)).quote_approval.current_user, "denied");
    assert.equal((await stoa.request("/api/v1/statuses", { token: bob.token, json: { status: "No", quoted_status_id: followersOnly.id } })).status, 403);
    await json(await stoa.request(`/api/v1/accounts/${ada.accountId}/follow`, { token: bob.token, method: "POST" }));
    assert.equal((await get(bob, followersOnly.id)).quote_approval.current_user, "automatic");
    assert.equal((await post(bob, { status: "Now I follow", quoted_status_id: followersOnly.id })).quote.state, "accepted");

    const nobody = await post(ada, { status: "Nobody quotes this", quote_approval_policy: "nobody" });
    assert.deepEqual(nobody.quote_approval, { automatic: [], manual: [], current_user: "automatic" });
    assert.equal((await stoa.request("/api/v1/statuses", { token: cyd.token, json: { status: "No", quoted_status_id: nobody.id } })).status, 403);

    // Bob follows Ada, so he sees her private post, yet may not quote it; she may, and her quote stays private.
    const secret = await post(ada, { status: "Between us", visibility: "private", quote_approval_policy: "public" });
    assert.deepEqual(secret.quote_approval.automatic, [], "private posts are never quotable by others");
    assert.equal((await stoa.request("/api/v1/statuses", { token: bob.token, json: { status: "Leak", quoted_status_id: secret.id } })).status, 403);
    const own = await post(ada, { status: "Me again", quoted_status_id: secret.id, visibility: "public" });
    assert.equal(own.visibility, "private");
    assert.equal(own.quote.state, "accepted");

    const direct = await post(ada, { status: `@bob psst`, visibility: "direct" });
    assert.equal((await stoa.request("/api/v1/statuses", { token: ada.token, json: { status: "x", quoted_status_id: direct.id } })).status, 403);
    // Cyd can't see Ada's private post at all: 404, not 403.
    assert.equal((await stoa.request("/api/v1/statuses", { token: cyd.token, json: { status: "x", quoted_status_id: secret.id } })).status, 404);
    assert.equal((await stoa.request("/api/v1/statuses", { token: cyd.token, json: { status: "x", quoted_status_id: "nope" } })).status, 422);
    const [n] = await stoa.ctx.sql`select count(*)::int as n from statuses where account_id = ${cyd.accountId} and text = 'x'`;
    assert.equal(n!.n, 0, "refused quotes change nothing");
  });

  it("changes the policy, lists and revokes quotes, and hides deleted or blocked quoted posts", async () => {
    const original = await post(ada, { status: "Quotable for now" });
    const updated = await json(await stoa.request(`/api/v1/statuses/${original.id}/interaction_policy`, { token: ada.token, method: "PUT", json: { quote_approval_policy: "nobody" } }));
    assert.deepEqual(updated.quote_approval.automatic, []);
    assert.equal((await stoa.request(`/api/v1/statuses/${original.id}/interaction_policy`, { token: bob.token, method: "PUT", json: { quote_approval_policy: "public" } })).status, 404);
    assert.equal((await stoa.request(`/api/v1/statuses/${original.id}/interaction_policy`, { token: ada.token, method: "PUT", json: { quote_approval_policy: "everyone" } })).status, 422);
    await json(await stoa.request(`/api/v1/statuses/${original.id}/interaction_policy`, { token: ada.token, method: "PUT", json: { quote_approval_policy: "public" } }));

    const q1 = await post(bob, { status: "First quote", quoted_status_id: original.id });
    const q2 = await post(cyd, { status: "Second quote", quoted_status_id: original.id });
    const listed = await json(await stoa.request(`/api/v1/statuses/${original.id}/quotes`, { token: ada.token }));
    assert.deepEqual(listed.map((s: { id: string }) => s.id), [q2.id, q1.id]);
    assert.equal((await stoa.request(`/api/v1/statuses/${original.id}/quotes`, { token: bob.token })).status, 403);

    assert.equal((await stoa.request(`/api/v1/statuses/${original.id}/quotes/${q1.id}/revoke`, { token: bob.token, method: "POST" })).status, 404);
    const revoked = await json(await stoa.request(`/api/v1/statuses/${original.id}/quotes/${q1.id}/revoke`, { token: ada.token, method: "POST" }));
    assert.deepEqual(revoked.quote, { state: "revoked", quoted_status: null });
    await stoa.drain();
    const byName = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.event).localeCompare(String(b.event));
    assert.deepEqual(events.filter((e) => e.statusId === q1.id).sort(byName), [
      { event: "quote.revoked", statusId: q1.id, quotedStatusId: original.id },
      { event: "status.updated", statusId: q1.id },
    ]);
    assert.equal((await get(ada, original.id)).quotes_count, 1);
    assert.deepEqual((await json(await stoa.request(`/api/v1/statuses/${original.id}/quotes`, { token: ada.token }))).map((s: { id: string }) => s.id), [q2.id]);

    await json(await stoa.request(`/api/v1/accounts/${ada.accountId}/block`, { token: cyd.token, method: "POST" }));
    assert.deepEqual((await get(cyd, q2.id)).quote, { state: "blocked_account", quoted_status: null });
    assert.equal((await get(bob, q2.id)).quote.state, "accepted");
    await json(await stoa.request(`/api/v1/statuses/${original.id}`, { token: ada.token, method: "DELETE" }));
    assert.deepEqual((await get(bob, q2.id)).quote, { state: "deleted", quoted_status: null });
  });

  it("keeps a followers-only quote out of sight of a quoted author who can't see it", async () => {
    const eve = await createUser(stoa, "eve");
    const original = await post(eve, { status: "Public thought" });
    const hidden = await post(cyd, { status: "Only my followers see this", quoted_status_id: original.id, visibility: "private" });
    assert.equal(hidden.quote.state, "accepted");
    assert.deepEqual(await notifications(eve, "quote"), [], "no notification whose status she can't open");
    assert.deepEqual(await json(await stoa.request(`/api/v1/statuses/${original.id}/quotes`, { token: eve.token })), []);
    assert.equal((await stoa.request(`/api/v1/statuses/${original.id}/quotes/${hidden.id}/revoke`, { token: eve.token, method: "POST" })).status, 404);
    const [row] = await stoa.ctx.sql`select state from quotes where status_id = ${hidden.id}`;
    assert.equal(row!.state, "accepted");
  });

  it("gives new posts the author's default quote policy", async () => {
    const fay = await createUser(stoa, "fay");
    await json(await stoa.request("/api/v1/accounts/update_credentials", { token: fay.token, method: "PATCH", json: { source: { quote_policy: "followers" } } }));
    assert.deepEqual((await post(fay, { status: "Default policy" })).quote_approval.automatic, ["followers"]);
    assert.deepEqual((await post(fay, { status: "Explicit", quote_approval_policy: "public" })).quote_approval.automatic, ["public"]);
  });

  it("carries the quote through edits (quoted_update) and scheduling", async () => {
    const original = await post(ada, { status: "Before" });
    const quote = await post(bob, { status: "Quoting", quoted_status_id: original.id });
    await json(await stoa.request(`/api/v1/statuses/${original.id}`, { token: ada.token, method: "PUT", json: { status: "After", quote_approval_policy: "followers" } }));
    assert.deepEqual(await notifications(bob, "quoted_update"), [quote.id]);
    const seen = await get(bob, quote.id);
    assert.match(seen.quote.quoted_status.content, /After/);
    assert.deepEqual(seen.quote.quoted_status.quote_approval.automatic, ["followers"]);
    const edited = await json(await stoa.request(`/api/v1/statuses/${quote.id}`, { token: bob.token, method: "PUT", json: { status: "Quoting, edited" } }));
    assert.equal(edited.quote.quoted_status.id, original.id, "an edit keeps the quote");

    const later = new Date(Date.now() + 60 * 60_000).toISOString();
    const scheduled = await post(bob, { status: "Quote later", quoted_status_id: original.id, scheduled_at: later });
    assert.equal(scheduled.params.quoted_status_id, original.id);
    // Ada now lets only followers quote it, and Dee does not follow her: refused at scheduling time.
    const dee = await createUser(stoa, "dee");
    assert.equal((await stoa.request("/api/v1/statuses", { token: dee.token, json: { status: "No", quoted_status_id: original.id, scheduled_at: later } })).status, 403);
    await stoa.ctx.sql`update scheduled_statuses set scheduled_at = now() - interval '1 second' where id = ${scheduled.id}`;
    await stoa.ctx.sql`update jobs set run_at = now() where kind = 'statuses.publish_scheduled'`;
    await stoa.drain();
    const [published] = await stoa.ctx.sql<{ id: string }[]>`select id from statuses where text = 'Quote later'`;
    assert.equal((await get(bob, published!.id)).quote.quoted_status.id, original.id);
  });

  it("answers bad input on the quote endpoints with Mastodon errors, never a 500", async () => {
    const original = await post(ada, { status: "Target" });
    const cases: [string, RequestInit & { json?: unknown }, number][] = [
      ["/api/v1/statuses/abc/quotes", {}, 404],
      ["/api/v1/statuses/1/quotes", {}, 404],
      [`/api/v1/statuses/${original.id}/quotes?limit=x&max_id=zz`, {}, 422],
      [`/api/v1/statuses/${original.id}/quotes/1/revoke`, { method: "POST" }, 404],
      [`/api/v1/statuses/${original.id}/quotes/abc/revoke`, { method: "POST" }, 404],
      [`/api/v1/statuses/${original.id}/interaction_policy`, { method: "PUT", json: {} }, 422],
      [`/api/v1/statuses/${original.id}/interaction_policy`, { method: "PUT", body: "{oops", headers: { "content-type": "application/json" } }, 400],
      ["/api/v1/statuses", { method: "POST", json: { status: "x", quoted_status_id: ["1", "2"] } }, 422],
      ["/api/v1/statuses", { method: "POST", json: { status: "x", quoted_status_id: "99999999999999" } }, 404],
    ];
    for (const [path, init, status] of cases) {
      const response = await stoa.request(path, { token: ada.token, ...init });
      assert.equal(response.status, status, path);
      assert.ok((await response.json()).error, path);
    }
    assert.equal((await stoa.request(`/api/v1/statuses/${original.id}/quotes`)).status, 401);
    assert.equal((await get(ada, original.id)).quote_approval.automatic[0], "public", "nothing changed");
  });

  it("leaves quotes of remote authors pending until federation answers", async () => {
    const [remote] = await stoa.ctx.sql<{ id: string }[]>`
      insert into accounts (username, domain, uri) values ('far', 'remote.test', 'https://remote.test/users/far') returning id`;
    const [remotePost] = await stoa.ctx.sql<{ id: string }[]>`
      insert into statuses (account_id, uri, local, content, visibility) values (${remote!.id}, 'https://remote.test/s/1', false, '<p>far away</p>', 'public') returning id`;
    const quote = await post(bob, { status: "Quoting afar", quoted_status_id: remotePost!.id });
    assert.deepEqual(quote.quote, { state: "pending", quoted_status: null });
    await stoa.drain();
    assert.deepEqual(events.filter((e) => e.statusId === quote.id), [{ event: "quote.requested", statusId: quote.id }]);
    await stoa.ctx.sql.begin((tx) => answerQuote(stoa.ctx, tx, quote.id, "accepted", "https://remote.test/stamps/1"));
    assert.equal((await get(bob, quote.id)).quote.quoted_status.id, remotePost!.id);
    assert.equal((await get(bob, remotePost!.id)).quotes_count, 1);
  });
});
