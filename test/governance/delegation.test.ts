import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { json, startTestInstance, type TestInstance } from "../support/instance.ts";
import { bulkVoters, closeNow, scopeId, type Voter } from "./support.ts";

describe("governance: liquid delegation through the API", () => {
  let stoa: TestInstance;
  let v: Voter[];
  let finance: string;
  before(async () => {
    stoa = await startTestInstance();
    v = await bulkVoters(stoa, "m", 8, { member: true });
    finance = await scopeId(stoa, "functional", "finance");
  });
  after(() => stoa.close());

  const delegate = async (from: Voter, to: Voter, scope?: string) => json(await stoa.request("/api/stoa/v1/delegations", { token: from.token, json: { trustee_id: to.accountId, scope_id: scope } }));
  async function liquidVote(cap?: number): Promise<string> {
    const p = await json(await stoa.request("/api/stoa/v1/proposals", { token: v[0]!.token, json: { title: "x", text: "t", scope_id: finance, method: "majority", method_config: { options: ["yes", "no"] }, participation: "liquid", delegate_cap: cap } }));
    await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/deliberation`, { token: v[0]!.token, method: "POST" }));
    await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/vote`, { token: v[0]!.token, json: { closes_at: new Date(Date.now() + 3_600_000).toISOString() } }));
    return p.id;
  }
  const myVote = async (id: string, who: Voter) => json(await stoa.request(`/api/stoa/v1/proposals/${id}/my_vote`, { token: who.token }));
  const vote = async (id: string, who: Voter, choice: string) => json(await stoa.request(`/api/stoa/v1/proposals/${id}/ballot`, { token: who.token, json: { ballot: { choice } } }));

  it("follows chains, prefers the area delegation, lets a direct vote override, loses loops, and caps weight", async () => {
    const [a, b, c, d, e, f, g] = v.slice(1) as Voter[];
    await delegate(a!, b!); // global: a → b
    await delegate(a!, c!, finance); // the area delegation wins for a finance vote: a → c
    await delegate(c!, d!); // c → d (transitive)
    await delegate(e!, f!);
    await delegate(f!, e!); // e ⇄ f: a loop, lost
    await delegate(g!, d!);
    const id = await liquidVote(3);
    await vote(id, d!, "yes");
    await vote(id, b!, "no");

    const fromA = await myVote(id, a!);
    assert.deepEqual({ status: fromA.status, chain: fromA.chain, cast_by: fromA.cast_by, scope_id: fromA.scope_id, ballot: fromA.ballot },
      { status: "delegated", chain: [c!.accountId, d!.accountId], cast_by: d!.accountId, scope_id: finance, ballot: { choice: "yes" } });
    assert.equal((await myVote(id, e!)).status, "loop");

    // c votes directly: that overrides c's own delegation, and a's weight now stops at c.
    await vote(id, c!, "no");
    assert.deepEqual((await myVote(id, a!)).chain, [c!.accountId]);
    await vote(id, c!, "yes");
    // Revoking at any moment before the close: g's weight leaves d.
    await json(await stoa.request("/api/stoa/v1/delegations", { token: g!.token, method: "DELETE" }));
    await delegate(g!, c!);

    await closeNow(stoa, id);
    const result = await json(await stoa.request(`/api/stoa/v1/proposals/${id}/result`));
    // c carries c, a, g = 3 (the cap); d carries d = 1; b = 1. e, f loop; v0 (author) did nothing.
    assert.deepEqual(result.rounds[0].tallies, { yes: 4, no: 1 });
    assert.deepEqual(result.participation, { electorate: 8, ballots: 3, counted: 5, lost: 3, capped: 0 });
  });

  it("drops the weight above the cap as not voting", async () => {
    const [d, a, b, c] = await bulkVoters(stoa, "n", 4, { member: true });
    for (const who of [a, b, c]) await delegate(who!, d!);
    const id = await liquidVote(2);
    await vote(id, d!, "yes");
    await closeNow(stoa, id);
    const result = await json(await stoa.request(`/api/stoa/v1/proposals/${id}/result`));
    assert.equal(result.rounds[0].tallies.yes, 2);
    assert.equal(result.participation.capped, 2);
  });
});
