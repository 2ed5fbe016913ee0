import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";
import { admit, scopeId } from "./support.ts";

describe("governance: bad ballots, ineligible voters and self-delegation are 422s that change nothing", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  let dan: TestUser;
  let global: string;
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
    dan = await createUser(stoa, "dan");
    await admit(stoa, ada.accountId, bob.accountId);
    global = await scopeId(stoa, "geographic", "global");
  });
  after(() => stoa.close());

  async function openProposal(method: string, config: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<string> {
    const p = await json(await stoa.request("/api/stoa/v1/proposals", { token: ada.token, json: { title: method, text: "t", scope_id: global, method, method_config: config, ...extra } }));
    await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/deliberation`, { token: ada.token, method: "POST" }));
    await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/vote`, { token: ada.token, json: { closes_at: new Date(Date.now() + 3_600_000).toISOString(), ...(extra.opens_at ? { opens_at: extra.opens_at } : {}) } }));
    return p.id;
  }
  async function assertRefused(proposalId: string, user: TestUser, ballot: unknown, message: RegExp): Promise<void> {
    const body = await json(await stoa.request(`/api/stoa/v1/proposals/${proposalId}/ballot`, { token: user.token, json: { ballot } }), 422);
    assert.match(body.error, message);
    const [stored] = await stoa.ctx.sql<{ ballots: number; voters: number }[]>`
      select (select count(*)::int from gov_ballots where proposal_id = ${proposalId}) as ballots,
             (select count(*)::int from gov_voters where proposal_id = ${proposalId}) as voters`;
    assert.deepEqual(stored, { ballots: 0, voters: 0 }, "nothing stored");
  }

  it("refuses ballots that are not valid for the method", async () => {
    const schulze = await openProposal("schulze", { options: ["a", "b", "c"] });
    await assertRefused(schulze, bob, { ranking: [["a"], ["a", "b"]] }, /ranked twice/);
    await assertRefused(schulze, bob, { ranking: [["a"], ["z"]] }, /unknown option "z"/);
    await assertRefused(schulze, bob, { ranking: "a > b" }, /ranking/);
    await assertRefused(schulze, bob, "a", /ballot must be an object/);
    const irv = await openProposal("irv", { options: ["a", "b"] });
    await assertRefused(irv, bob, { ranking: [["b"], ["b"]] }, /ranked twice/);
    const score = await openProposal("score", { options: ["a", "b"], min: 0, max: 5 });
    await assertRefused(score, bob, { scores: { a: 7 } }, /out of range/);
    await assertRefused(score, bob, { scores: { c: 1 } }, /unknown option "c"/);
    const quadratic = await openProposal("quadratic", { options: ["a", "b"], credits: 9 });
    await assertRefused(quadratic, bob, { votes: { a: 3, b: 1 } }, /over the budget of 9/);
    const approval = await openProposal("approval", { options: ["a", "b"] });
    await assertRefused(approval, bob, { approved: ["a", "x"] }, /unknown option "x"/);
    const majority = await openProposal("majority", { options: ["yes", "no"] });
    await assertRefused(majority, bob, { choice: "maybe" }, /unknown option "maybe"/);
    const consent = await openProposal("consent", {});
    await assertRefused(consent, bob, { position: "meh" }, /position/);
    const budget = await openProposal("equal-shares", { budget: 100, projects: [{ id: "p", cost: 60 }, { id: "q", cost: 50 }] });
    await assertRefused(budget, bob, { approved: ["p", "p"] }, /approved twice/);
    await assertRefused(budget, bob, { approved: ["r"] }, /unknown option "r"/);
    // The same proposals take a good ballot.
    await json(await stoa.request(`/api/stoa/v1/proposals/${quadratic}/ballot`, { token: bob.token, json: { ballot: { votes: { a: 2, b: 2 } } } }));
    await json(await stoa.request(`/api/stoa/v1/proposals/${budget}/ballot`, { token: bob.token, json: { ballot: { approved: ["p", "q"] } } }));
  });

  it("refuses methods and settings that cannot be counted when the proposal is made", async () => {
    const make = (method: string, config: unknown) => stoa.request("/api/stoa/v1/proposals", { token: ada.token, json: { title: "x", text: "t", scope_id: global, method, method_config: config } });
    await json(await make("borda", { options: ["a"] }), 422);
    await json(await make("score", { options: ["a", "b"] }), 422);
    await json(await make("schulze", { options: ["a", "a"] }), 422);
    await json(await make("stv", { options: ["a", "b"], seats: 0 }), 422);
    await json(await stoa.request("/api/stoa/v1/proposals", { token: ada.token, json: { title: "x", text: "t", scope_id: global, method: "majority", method_config: { options: ["y", "n"] }, participation: "liquid", secret: true } }), 422);
    const [drafts] = await stoa.ctx.sql<{ n: number }[]>`select count(*)::int as n from gov_proposals where title = 'x'`;
    assert.equal(drafts!.n, 0);
  });

  it("refuses ineligible voters: another sphere, outside the scope, or before the opening", async () => {
    const members = await openProposal("majority", { options: ["yes", "no"] });
    await assertRefused(members, dan, { choice: "yes" }, /not eligible/);

    const france = await scopeId(stoa, "geographic", "FR");
    const bretagne = await json(await stoa.request("/api/stoa/v1/scopes", { token: (await createUser(stoa, "geo", { role: "admin" })).token, json: { level: "region", code: "FR-BRE", name: "Bretagne", parent_id: france } }));
    const p = await json(await stoa.request("/api/stoa/v1/proposals", { token: ada.token, json: { title: "fr", text: "t", scope_id: france, method: "majority", method_config: { options: ["yes", "no"] } } }));
    await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/deliberation`, { token: ada.token, method: "POST" }));
    await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/vote`, { token: ada.token, json: { closes_at: new Date(Date.now() + 3_600_000).toISOString() } }));
    await assertRefused(p.id, bob, { choice: "yes" }, /not eligible/);
    await json(await stoa.request("/api/stoa/v1/home_scopes", { token: bob.token, method: "PUT", json: { scope_ids: [bretagne.id] } }));
    await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/ballot`, { token: bob.token, json: { ballot: { choice: "yes" } } }));

    const later = await openProposal("majority", { options: ["yes", "no"] }, { opens_at: new Date(Date.now() + 600_000).toISOString() });
    await assertRefused(later, bob, { choice: "yes" }, /not open/);
  });

  it("refuses self-delegation and delegation outside functional scopes, changing nothing", async () => {
    const finance = await scopeId(stoa, "functional", "finance");
    await json(await stoa.request("/api/stoa/v1/delegations", { token: bob.token, json: { trustee_id: ada.accountId, scope_id: finance } }));
    const before = await json(await stoa.request("/api/stoa/v1/delegations", { token: bob.token }));
    const selfGlobal = await json(await stoa.request("/api/stoa/v1/delegations", { token: bob.token, json: { trustee_id: bob.accountId } }), 422);
    assert.match(selfGlobal.error, /yourself/);
    await json(await stoa.request("/api/stoa/v1/delegations", { token: bob.token, json: { trustee_id: bob.accountId, scope_id: finance } }), 422);
    await json(await stoa.request("/api/stoa/v1/delegations", { token: bob.token, json: { trustee_id: ada.accountId, scope_id: global } }), 422);
    await json(await stoa.request("/api/stoa/v1/delegations", { token: bob.token, json: { trustee_id: "12345" } }), 422);
    assert.deepEqual(await json(await stoa.request("/api/stoa/v1/delegations", { token: bob.token })), before);
    const received = await json(await stoa.request("/api/stoa/v1/delegations", { token: ada.token }));
    assert.deepEqual(received.received.map((d: { truster_id: string }) => d.truster_id), [bob.accountId]);
    await json(await stoa.request("/api/stoa/v1/delegations?scope_id=" + finance, { token: bob.token, method: "DELETE" }));
    await json(await stoa.request("/api/stoa/v1/delegations?scope_id=" + finance, { token: bob.token, method: "DELETE" }), 404);
  });

  it("answers garbage sent to any documented operation without a 500", async () => {
    const owner = await createUser(stoa, "boss", { role: "owner" });
    const doc = await json(await stoa.request("/api/stoa/v1/openapi.json"));
    const [voting] = await stoa.ctx.sql<{ id: string }[]>`select id from gov_proposals where state = 'voting' and method = 'schulze' limit 1`;
    const wrong = (schema: { type?: string }) => (schema.type === "string" ? 12 : schema.type === "array" ? "x" : schema.type === "object" ? [1] : "not-a-number");
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, { type?: string }> } }> } }>>)) {
      for (const [verb, op] of Object.entries(ops)) {
        const properties = op.requestBody?.content["application/json"]!.schema.properties ?? {};
        const bodies = [{}, Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, wrong(v)])), { ballot: { ranking: [[{}]] }, method_config: { options: "x" } }];
        for (const param of ["x", "1", "99999999999999999999", voting!.id]) {
          for (const body of bodies) {
            const response = await stoa.request(`/api/stoa/v1${path.replace(/\{\w+\}/g, param)}`, { token: owner.token, method: verb.toUpperCase(), ...(verb === "get" ? {} : { json: body }) });
            assert.notEqual(response.status, 500, `${verb} ${path} with ${param} and ${JSON.stringify(body)}: ${await response.text()}`);
          }
        }
      }
    }
  });
});
