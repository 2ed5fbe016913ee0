import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";
import { bodiesWithPower, membersOfBody } from "../../src/governance/bodies/bodies.ts";
import { isMember, sphereOf } from "../../src/governance/membership/membership.ts";

describe("governance: scopes, membership, bodies", () => {
  let stoa: TestInstance;
  let owner: TestUser;
  let ada: TestUser;
  let bob: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    owner = await createUser(stoa, "owner", { role: "owner" });
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
  });
  after(() => stoa.close());

  it("seeds the geographic tree with every ISO 3166 country under its continent, and functional areas", async () => {
    const [root] = await json(await stoa.request("/api/stoa/v1/scopes?tree=geographic&parent_id=root"));
    assert.equal(root.code, "global");
    const continents = await json(await stoa.request(`/api/stoa/v1/scopes?parent_id=${root.id}`));
    assert.deepEqual(continents.map((c: { code: string }) => c.code).sort(), ["africa", "antarctica", "asia", "europe", "north-america", "oceania", "south-america"]);
    const [countries] = await stoa.ctx.sql<{ n: number }[]>`select count(*)::int as n from gov_scopes where level = 'country'`;
    assert.equal(countries!.n, 249);
    const [fr] = await stoa.ctx.sql<{ id: string }[]>`select id from gov_scopes where tree = 'geographic' and code = 'FR'`;
    const france = await json(await stoa.request(`/api/stoa/v1/scopes/${fr!.id}`));
    assert.equal(france.name, "France");
    assert.deepEqual(france.path.map((s: { code: string }) => s.code), ["global", "europe", "FR"]);
    const areas = await json(await stoa.request("/api/stoa/v1/scopes?tree=functional"));
    assert.ok(areas.some((a: { code: string }) => a.code === "moderation"));
  });

  it("lets admins add regions and areas with the right parents, and members declare home scopes", async () => {
    const [fr] = await stoa.ctx.sql<{ id: string }[]>`select id from gov_scopes where tree = 'geographic' and code = 'FR'`;
    const region = await json(await stoa.request("/api/stoa/v1/scopes", { token: owner.token, json: { level: "region", code: "FR-BRE", name: "Bretagne", parent_id: fr!.id } }));
    assert.equal(region.parent_id, fr!.id);
    await json(await stoa.request("/api/stoa/v1/scopes", { token: ada.token, json: { level: "region", code: "FR-NOR", name: "Normandie", parent_id: fr!.id } }), 403);
    const [europe] = await stoa.ctx.sql<{ id: string }[]>`select id from gov_scopes where code = 'europe'`;
    await json(await stoa.request("/api/stoa/v1/scopes", { token: owner.token, json: { level: "locality", code: "x", name: "X", parent_id: europe!.id } }), 422);
    await json(await stoa.request("/api/stoa/v1/scopes", { token: owner.token, json: { level: "region", code: "FR-BRE", name: "Again", parent_id: fr!.id } }), 422);
    const area = await json(await stoa.request("/api/stoa/v1/scopes", { token: owner.token, json: { level: "area", code: "design", name: "Design" } }));
    assert.equal(area.tree, "functional");

    const home = await json(await stoa.request("/api/stoa/v1/home_scopes", { token: ada.token, method: "PUT", json: { scope_ids: [region.id, area.id] } }));
    assert.deepEqual(home.map((s: { code: string }) => s.code).sort(), ["FR-BRE", "design"]);
    await json(await stoa.request("/api/stoa/v1/home_scopes", { token: ada.token, method: "PUT", json: { scope_ids: [region.id, "999999"] } }), 422);
    assert.equal((await json(await stoa.request("/api/stoa/v1/home_scopes", { token: ada.token }))).length, 2, "a bad update changes nothing");
  });

  it("takes applications, lets admins admit, and computes spheres", async () => {
    assert.equal(await sphereOf(stoa.ctx.sql, ada.accountId), "outer");
    const applied = await json(await stoa.request("/api/stoa/v1/membership", { token: ada.token, json: { statement: "I care" } }));
    assert.equal(applied.status, "pending");
    await json(await stoa.request("/api/stoa/v1/membership", { token: ada.token, json: {} }), 422);
    await json(await stoa.request(`/api/stoa/v1/membership/applications/${ada.accountId}/admit`, { token: bob.token, method: "POST" }), 403);
    const pending = await json(await stoa.request("/api/stoa/v1/membership/applications", { token: owner.token }));
    assert.deepEqual(pending.map((m: { account_id: string }) => m.account_id), [ada.accountId]);
    const admitted = await json(await stoa.request(`/api/stoa/v1/membership/applications/${ada.accountId}/admit`, { token: owner.token, method: "POST" }));
    assert.equal(admitted.status, "member");
    assert.equal(await isMember(stoa.ctx.sql, ada.accountId), true);
    const mine = await json(await stoa.request("/api/stoa/v1/membership", { token: ada.token }));
    assert.equal(mine.sphere, "inner");
    const [remote] = await stoa.ctx.sql<{ id: string }[]>`insert into accounts (username, domain) values ('eve', 'remote.test') returning id`;
    assert.equal((await json(await stoa.request(`/api/stoa/v1/accounts/${remote!.id}/sphere`))).sphere, "ecosystem");
  });

  it("has the founding bodies, seats members with public history, and lets a board with admit_members admit", async () => {
    const bodies = await json(await stoa.request("/api/stoa/v1/bodies"));
    assert.deepEqual(bodies.map((b: { slug: string }) => b.slug), ["board", "general-assembly", "moderation-council", "appeals"]);
    const board = bodies[0];
    assert.deepEqual(await bodiesWithPower(stoa.ctx.sql, "admit_members"), [board.id]);
    const [bre] = await stoa.ctx.sql<{ id: string }[]>`select id from gov_scopes where code = 'FR-BRE'`;
    assert.deepEqual(await bodiesWithPower(stoa.ctx.sql, "admit_members", bre!.id), [board.id], "a global power covers every scope below");
    const [mod] = await stoa.ctx.sql<{ id: string }[]>`select id from gov_scopes where code = 'moderation'`;
    assert.deepEqual(await bodiesWithPower(stoa.ctx.sql, "moderation", mod!.id), [bodies[2].id]);

    await json(await stoa.request(`/api/stoa/v1/bodies/${board.id}/members`, { token: ada.token, json: { account_id: ada.accountId } }), 403);
    await json(await stoa.request(`/api/stoa/v1/bodies/general-assembly/members`, { token: bob.token, json: { account_id: bob.accountId } }), 403);
    await json(await stoa.request(`/api/stoa/v1/bodies/general-assembly/members`, { token: ada.token, json: { account_id: ada.accountId } }));
    const seat = await json(await stoa.request(`/api/stoa/v1/bodies/board/members`, { token: owner.token, json: { account_id: bob.accountId } }));
    assert.ok(seat.term_ends_at, "a board seat has a term");
    assert.deepEqual(await membersOfBody(stoa.ctx.sql, board.id), [bob.accountId]);
    assert.equal(await sphereOf(stoa.ctx.sql, bob.accountId), "inner", "the board is in the inner sphere");

    // Bob, on the board, may now admit.
    const cat = await createUser(stoa, "cat");
    await json(await stoa.request("/api/stoa/v1/membership", { token: cat.token, json: {} }));
    await json(await stoa.request(`/api/stoa/v1/membership/applications/${cat.accountId}/admit`, { token: bob.token, method: "POST" }));

    await json(await stoa.request(`/api/stoa/v1/bodies/board/members/${bob.accountId}`, { token: bob.token, method: "DELETE" }));
    assert.deepEqual(await membersOfBody(stoa.ctx.sql, board.id), []);
    const history = await json(await stoa.request(`/api/stoa/v1/bodies/board/members?history=true`));
    assert.equal(history.length, 1);
    assert.equal(history[0].left_reason, "resigned");
  });

  it("fills seats only up to the body's size", async () => {
    const [global] = await stoa.ctx.sql<{ id: string }[]>`select id from gov_scopes where code = 'global'`;
    const body = await json(await stoa.request("/api/stoa/v1/bodies", { token: owner.token, json: { slug: "audit", name: "Audit", kind: "auditory", scope_id: global!.id, seats: 1, filling: "appointment", powers: [{ power: "audit", scope_id: global!.id }] } }));
    assert.deepEqual(body.powers, [{ power: "audit", scope_id: global!.id }]);
    await json(await stoa.request(`/api/stoa/v1/bodies/audit/members`, { token: owner.token, json: { account_id: ada.accountId } }));
    await json(await stoa.request(`/api/stoa/v1/bodies/audit/members`, { token: owner.token, json: { account_id: bob.accountId } }), 422);
    await json(await stoa.request("/api/stoa/v1/bodies", { token: owner.token, json: { slug: "bad", name: "Bad", kind: "nope", scope_id: global!.id, filling: "open" } }), 422);
    await json(await stoa.request("/api/stoa/v1/bodies", { token: owner.token, json: { slug: "bad", name: "Bad", kind: "auditory", scope_id: "999", filling: "open" } }), 422);
    await json(await stoa.request("/api/stoa/v1/bodies/99999999999999999999"), 404);
    await json(await stoa.request("/api/stoa/v1/scopes/99999999999999999999"), 404);
    await json(await stoa.request("/api/stoa/v1/bodies/audit/members", { token: owner.token, json: { account_id: "12" } }), 422);
  });

  it("fills a sortition body by lot, reproducibly from the published seed", async () => {
    await json(await stoa.request("/api/stoa/v1/bodies/appeals/sortition", { token: ada.token, json: { seed: "2026-11-28 lottery" } }), 403);
    await json(await stoa.request("/api/stoa/v1/bodies/board/sortition", { token: owner.token, json: { seed: "2026-11-28 lottery" } }), 422);
    const members = await stoa.ctx.sql<{ accountId: string }[]>`select account_id from gov_memberships where status = 'member'`;
    const draw = await json(await stoa.request("/api/stoa/v1/bodies/appeals/sortition", { token: owner.token, json: { seed: "2026-11-28 lottery" } }));
    assert.equal(draw.candidates, members.length);
    // Recomputed here from the rule (sha256 of seed:id, ascending), not with Stoa's code.
    const { createHash } = await import("node:crypto");
    const expected = members.map((m) => m.accountId)
      .map((id) => [createHash("sha256").update(`2026-11-28 lottery:${id}`).digest("hex"), id] as const)
      .sort((a, b) => a[0].localeCompare(b[0])).slice(0, 5).map(([, id]) => id);
    assert.deepEqual(draw.seats.map((s: { account_id: string }) => s.account_id), expected);
  });
});
