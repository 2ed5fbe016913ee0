import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";
import { readBallotFile } from "../../src/governance/ballot-file.ts";
import { count } from "../../src/governance/methods/registry.ts";
import { bulkVoters, closeNow, scopeId, type Voter } from "./support.ts";

/** Runs tasks with at most `limit` in flight (as many clients at once). */
async function concurrently(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < tasks.length) await tasks[next++]!();
  }));
}

/** A small deterministic generator, so a failure replays. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("governance: 1,000 voters voting, changing votes and delegating at once", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let voters: Voter[];
  let finance: string;
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    await stoa.ctx.sql`insert into gov_memberships (account_id, status) values (${ada.accountId}, 'member')`;
    voters = await bulkVoters(stoa, "v", 1000, { member: true });
    finance = await scopeId(stoa, "functional", "finance");
  });
  after(() => stoa.close());

  it("counts every accepted ballot once, with delegated weight, refuses votes after close, and publishes a file that recounts", { timeout: 600_000 }, async () => {
    const p = await json(await stoa.request("/api/stoa/v1/proposals", {
      token: ada.token,
      json: { title: "Budget 2027", text: "Approve the budget.", scope_id: finance, method: "majority", method_config: { options: ["yes", "no"] }, participation: "liquid" },
    }));
    await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/deliberation`, { token: ada.token, method: "POST" }));
    await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/vote`, { token: ada.token, json: { closes_at: new Date(Date.now() + 3_600_000).toISOString() } }));

    const rand = random(20261128);
    const pick = (n: number) => Math.floor(rand() * n);
    const vote = (v: Voter, choice: string) => stoa.request(`/api/stoa/v1/proposals/${p.id}/ballot`, { token: v.token, json: { ballot: { choice } } });
    const delegate = (v: Voter, trustee: Voter, scope?: string) => stoa.request("/api/stoa/v1/delegations", { token: v.token, json: { trustee_id: trustee.accountId, scope_id: scope } });
    const revoke = (v: Voter, scope?: string) => stoa.request(`/api/stoa/v1/delegations${scope ? `?scope_id=${scope}` : ""}`, { token: v.token, method: "DELETE" });

    // The model the result is checked against, built from the plan, not from Stoa's answers.
    const finalChoice = new Map<string, string>();
    const globalTo = new Map<string, string>();
    const financeTo = new Map<string, string>();
    const tasks: (() => Promise<void>)[] = [];
    const ok = async (response: Promise<Response>) => void (await json(await response));
    for (let i = 0; i < 1000; i++) {
      const v = voters[i]!;
      if (i < 500) {
        // Direct voters: vote, change their mind, some also keep a delegation their vote overrides.
        const first = rand() < 0.5 ? "yes" : "no";
        const last = rand() < 0.6 ? "yes" : "no";
        finalChoice.set(v.accountId, last);
        const also = i % 10 === 0 ? voters[500 + pick(400)]! : null;
        if (also) globalTo.set(v.accountId, also.accountId);
        tasks.push(async () => {
          await ok(vote(v, first));
          if (also) await ok(delegate(v, also));
          await ok(vote(v, last));
        });
      } else if (i < 900) {
        // Delegators: to anyone (chains, loops and dead ends arise), global and per area, some revoked and redone.
        const globalTrustee = voters[pick(1000)]!;
        const areaTrustee = rand() < 0.4 ? voters[pick(1000)]! : null;
        const revokeFirst = i % 7 === 0;
        const self = (t: Voter | null) => t?.accountId === v.accountId;
        if (!self(globalTrustee)) globalTo.set(v.accountId, globalTrustee.accountId);
        if (areaTrustee && !self(areaTrustee)) financeTo.set(v.accountId, areaTrustee.accountId);
        tasks.push(async () => {
          if (revokeFirst) {
            await ok(delegate(v, voters[(i + 1) % 1000]!));
            await ok(revoke(v));
          }
          if (self(globalTrustee)) await json(await delegate(v, globalTrustee), 422);
          else await ok(delegate(v, globalTrustee));
          if (areaTrustee && self(areaTrustee)) await json(await delegate(v, areaTrustee, finance), 422);
          else if (areaTrustee) await ok(delegate(v, areaTrustee, finance));
        });
      }
      // 900..999 neither vote nor delegate until the close (below).
    }
    // Interleave the three kinds of work so they really overlap.
    const shuffled = tasks.map((t) => [rand(), t] as const).sort((a, b) => a[0] - b[0]).map(([, t]) => t);
    await concurrently(shuffled, 24);

    // Late voters race the close, ten at a time: before it, while it runs, and after it. Each
    // ballot is either counted or refused, never lost.
    const late = voters.slice(900, 1000);
    const lateVote = async (v: Voter) => {
      const r = await vote(v, "no");
      return { v, status: r.status, body: await r.json() };
    };
    const lateAnswers: Awaited<ReturnType<typeof lateVote>>[] = [];
    let closing: Promise<void> | undefined;
    for (let batch = 0; batch < 10; batch++) {
      if (batch === 3) closing = closeNow(stoa, p.id);
      if (batch === 7) await closing;
      lateAnswers.push(...(await Promise.all(late.slice(batch * 10, batch * 10 + 10).map(lateVote))));
    }
    await stoa.drain();
    assert.ok(lateAnswers.slice(0, 30).every((a) => a.status === 200), "ballots before the close are accepted");
    assert.ok(lateAnswers.slice(70).every((a) => a.status === 422), "ballots after the close are refused");
    for (const a of lateAnswers) {
      assert.ok(a.status === 200 || (a.status === 422 && /closed/.test(a.body.error)), `late vote answered ${a.status} ${JSON.stringify(a.body)}`);
      if (a.status === 200) finalChoice.set(a.v.accountId, "no");
    }
    const refusedAfter = await Promise.all(voters.slice(0, 20).map((v) => vote(v, "no")));
    assert.ok(refusedAfter.every((r) => r.status === 422), "votes after close are refused");

    const proposal = await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}`));
    assert.equal(proposal.state, "closed");
    const file = await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/ballot_file`));
    assert.equal(file.ballots.length, finalChoice.size, "one ballot per voter: none lost, none counted twice");
    for (const a of lateAnswers) {
      if (a.status === 200) assert.ok(file.ballots.some((b: { receipt: string }) => b.receipt === a.body.receipt_hash), "an accepted late ballot is in the file");
    }

    // Independent weights: follow the most specific delegation until a direct voter; loops and dead ends are lost.
    const expected = { yes: 0, no: 0 };
    let lost = 0;
    for (const v of voters) {
      let at = v.accountId;
      const seen = new Set<string>();
      while (!finalChoice.has(at) && !seen.has(at)) {
        seen.add(at);
        const next = financeTo.get(at) ?? globalTo.get(at);
        if (!next) break;
        at = next;
      }
      const choice = finalChoice.get(at);
      if (choice === "yes" || choice === "no") expected[choice]++;
      else lost++;
    }
    assert.deepEqual(proposal.result.rounds[0].tallies, expected);
    assert.equal(proposal.result.participation.counted, expected.yes + expected.no);
    assert.equal(proposal.result.participation.lost, lost + 1, "ada, the author, neither voted nor delegated");
    assert.deepEqual(proposal.result.winners, expected.yes > expected.no ? ["yes"] : expected.no > expected.yes ? ["no"] : []);

    const recount = readBallotFile(file);
    const { participation: _p, ...published } = proposal.result;
    assert.deepEqual(count(recount.method, recount.input as never), published, "the ballot file recounts to the published result");

    // A delegator sees where the vote went, and the delegate's ballot.
    const delegator = voters.slice(500, 900).find((v) => {
      const to = financeTo.get(v.accountId) ?? globalTo.get(v.accountId);
      return to !== undefined && finalChoice.has(to) && !finalChoice.has(v.accountId);
    })!;
    const mine = await json(await stoa.request(`/api/stoa/v1/proposals/${p.id}/my_vote`, { token: delegator.token }));
    const trustee = financeTo.get(delegator.accountId) ?? globalTo.get(delegator.accountId);
    assert.equal(mine.status, "delegated");
    assert.deepEqual(mine.chain, [trustee]);
    assert.equal(mine.cast_by, trustee);
    assert.deepEqual(mine.ballot, { choice: finalChoice.get(trustee!) });
  });
});
