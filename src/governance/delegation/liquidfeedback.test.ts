/**
 * The LiquidFeedback core v2.2.4 scenario (test.sql), counted by our delegation resolution
 * and Schulze method and compared with what LiquidFeedback itself computed on PostgreSQL.
 * Not checked: `multistage_majority` (this policy does not use it for eligibility).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { sharedData } from "../../../test/support/shared-data.ts";
import { resolveDelegations, type Delegation } from "./resolve.ts";
import { schulze } from "../methods/schulze.ts";
import type { RankedBallot } from "../methods/types.ts";

interface LfInitiative {
  [field: string]: unknown;
  id: number;
  issue_id: number;
  admitted: boolean;
  supporter_count: number;
  satisfied_supporter_count: number;
  direct_majority: boolean | null;
  indirect_majority: boolean | null;
  better_than_status_quo: boolean | null;
  reverse_beat_path: boolean | null;
  eligible: boolean | null;
  winner: boolean | null;
}

interface LfVector {
  members: number[];
  memberships: { area_id: number; member_id: number }[];
  delegations: { truster: number; trustee: number; scope: "unit" | "area"; unit_id: number | null; area_id: number | null }[];
  issues: { id: number; area_id: number; population: number; voter_count: number; status_quo_schulze_rank: number; state: string }[];
  initiatives: LfInitiative[];
  supporters: { member_id: number; initiative_id: number }[];
  suggestion_opinions: { initiative_id: number; member_id: number; degree: number; fulfilled: boolean }[];
  policy: { issue_quorum_num: number; issue_quorum_den: number; initiative_quorum_num: number; initiative_quorum_den: number };
  ballots: { issue_id: number; member_id: number; initiative_id: number; grade: number }[];
  expected_direct_voters: { issue_id: number; member_id: number; weight: number }[];
  expected_delegating_voters: { issue_id: number; member_id: number; weight: number; scope: string; delegate_chain: number[] }[];
  expected_battles: { issue_id: number; winner: number | null; loser: number | null; count: number }[];
  expected_population_full_freeze: { issue_id: number; member_id: number; weight: number }[];
}

const lf = JSON.parse(readFileSync(sharedData("voting", "liquidfeedback", "lf_v224_test_vector.json"), "utf8")) as LfVector;
const SQ = "status quo";
const id = (n: number | null) => (n === null ? SQ : String(n));
const delegations: Delegation[] = lf.delegations.map((d) => ({
  truster: id(d.truster),
  trustee: id(d.trustee),
  scope: d.scope === "unit" ? `unit:${d.unit_id}` : `area:${d.area_id}`,
}));
const scopePathOf = (issueId: number) => ["unit:1", `area:${lf.issues.find((i) => i.id === issueId)!.area_id}`];
const initiativesOf = (issueId: number) => lf.initiatives.filter((i) => i.issue_id === issueId);

function votingOf(issueId: number) {
  const directVoters = [...new Set(lf.ballots.filter((b) => b.issue_id === issueId).map((b) => id(b.member_id)))];
  return resolveDelegations({ members: lf.members.map(id), delegations, scopePath: scopePathOf(issueId), directVoters });
}

/** Interested members: area members and supporters of the issue's initiatives (LF "population"). */
function populationOf(issueId: number) {
  const issue = lf.issues.find((i) => i.id === issueId)!;
  const initiativeIds = new Set(initiativesOf(issueId).map((i) => i.id));
  const interested = new Set([
    ...lf.memberships.filter((m) => m.area_id === issue.area_id).map((m) => id(m.member_id)),
    ...lf.supporters.filter((s) => initiativeIds.has(s.initiative_id)).map((s) => id(s.member_id)),
  ]);
  return resolveDelegations({ members: lf.members.map(id), delegations, scopePath: scopePathOf(issueId), directVoters: interested });
}

/** Graded ballots → rankings: higher grade first, ungraded initiatives tie with the status quo (grade 0). */
function rankedBallotsOf(issueId: number, options: string[], weights: Map<string, number>): RankedBallot[] {
  return [...weights].map(([member, weight]) => {
    const grades = new Map(options.map((o) => [o, 0]));
    for (const b of lf.ballots) if (b.issue_id === issueId && id(b.member_id) === member && grades.has(id(b.initiative_id))) grades.set(id(b.initiative_id), b.grade);
    const levels = [...new Set(grades.values())].sort((a, b) => b - a);
    return { ranking: levels.map((g) => options.filter((o) => grades.get(o) === g)), weight };
  });
}

for (const issue of lf.issues) {
  describe(`LiquidFeedback issue ${issue.id} (area ${issue.area_id})`, () => {
    it("direct voters' weights: delegation scopes, transitive chains, overrides, loops", () => {
      const voting = votingOf(issue.id);
      const expected = lf.expected_direct_voters.filter((v) => v.issue_id === issue.id);
      assert.deepEqual(new Map(expected.map((v) => [id(v.member_id), v.weight])), voting.weights);
      assert.equal(voting.counted, issue.voter_count);
      assert.equal(voting.counted + voting.lost, lf.members.length);
    });

    it("delegating voters: where each vote goes, its scope and the weight passing through", () => {
      const voting = votingOf(issue.id);
      for (const expected of lf.expected_delegating_voters.filter((v) => v.issue_id === issue.id)) {
        const vote = voting.chainOf(id(expected.member_id))!;
        assert.equal(vote.status, "delegated", `member ${expected.member_id}`);
        assert.deepEqual(vote.chain, expected.delegate_chain.map(id), `member ${expected.member_id}`);
        assert.equal(vote.scope, `${expected.scope}:${expected.scope === "unit" ? 1 : issue.area_id}`);
        assert.equal(vote.weight, expected.weight, `member ${expected.member_id}`);
      }
      const delegating = lf.members.filter((m) => voting.chainOf(id(m))!.status === "delegated").map(id);
      assert.deepEqual(delegating, lf.expected_delegating_voters.filter((v) => v.issue_id === issue.id).map((v) => id(v.member_id)));
    });

    it("population and quorum: supporters weighted by delegation, admission of initiatives", () => {
      const population = populationOf(issue.id);
      const expected = lf.expected_population_full_freeze.filter((p) => p.issue_id === issue.id);
      assert.deepEqual(population.weights, new Map(expected.map((p) => [id(p.member_id), p.weight])));
      assert.equal(population.counted, issue.population);
      const { policy } = lf;
      let issueQuorumReached = false;
      for (const initiative of initiativesOf(issue.id)) {
        const supporters = lf.supporters.filter((s) => s.initiative_id === initiative.id).map((s) => id(s.member_id));
        const unsatisfied = new Set(lf.suggestion_opinions.filter((o) => o.initiative_id === initiative.id && o.degree === 2 && !o.fulfilled).map((o) => id(o.member_id)));
        const weightOf = (members: string[]) => members.reduce((sum, m) => sum + (population.weights.get(m) ?? 0), 0);
        assert.equal(weightOf(supporters), initiative.supporter_count);
        const satisfied = weightOf(supporters.filter((m) => !unsatisfied.has(m)));
        assert.equal(satisfied, initiative.satisfied_supporter_count);
        if (supporters.length && weightOf(supporters) * policy.issue_quorum_den >= policy.issue_quorum_num * issue.population) issueQuorumReached = true;
        const admitted = satisfied * policy.initiative_quorum_den >= policy.initiative_quorum_num * issue.population;
        assert.equal(admitted, initiative.admitted, `initiative ${initiative.id}`);
      }
      assert.ok(issueQuorumReached);
    });

    it("pairwise counts, Schulze ranks with the status quo, eligibility and winner", () => {
      const admitted = initiativesOf(issue.id).filter((i) => i.admitted);
      const options = [...admitted.map((i) => id(i.id)), SQ];
      const result = schulze({ options, ballots: rankedBallotsOf(issue.id, options, votingOf(issue.id).weights), statusQuo: SQ });
      const d = result.pairwise as Record<string, Record<string, number>>;
      for (const battle of lf.expected_battles.filter((b) => b.issue_id === issue.id)) {
        assert.equal(d[id(battle.winner)]![id(battle.loser)], battle.count, `${battle.winner} over ${battle.loser}`);
      }
      const rankOf = new Map((result.ranking as string[][]).flatMap((group, g) => group.map((o) => [o, g + 1] as const)));
      assert.equal(result.statusQuoRank, issue.status_quo_schulze_rank);
      const p = result.strongestPaths as Record<string, Record<string, number>>;
      for (const initiative of admitted) {
        const o = id(initiative.id);
        const positive = d[o]![SQ]!;
        const negative = d[SQ]![o]!;
        const flags = {
          positive_votes: positive,
          negative_votes: negative,
          schulze_rank: rankOf.get(o),
          direct_majority: positive * 2 > positive + negative,
          indirect_majority: p[o]![SQ]! > 0, // a beat path to the status quo: each link a strict majority
          better_than_status_quo: rankOf.get(o)! < rankOf.get(SQ)!,
          worse_than_status_quo: rankOf.get(o)! > rankOf.get(SQ)!,
          reverse_beat_path: p[SQ]![o]! > 0,
        };
        const expected = Object.fromEntries(Object.keys(flags).map((k) => [k, initiative[k]]));
        assert.deepEqual(flags, expected, `initiative ${initiative.id}`);
      }
      // Policy: no_reverse_beat_path, multistage majority allowed. Winner: best eligible by rank.
      const eligible = admitted.filter((i) => i.direct_majority && i.indirect_majority && i.better_than_status_quo && !i.reverse_beat_path);
      const winner = result.winners.find((o) => eligible.some((i) => id(i.id) === o));
      const expectedWinner = admitted.find((i) => i.winner === true);
      assert.equal(winner, expectedWinner ? id(expectedWinner.id) : undefined);
      assert.equal(issue.state, expectedWinner ? "finished_with_winner" : "finished_without_winner");
      assert.deepEqual(eligible.map((i) => i.eligible), eligible.map(() => true));
    });
  });
}
