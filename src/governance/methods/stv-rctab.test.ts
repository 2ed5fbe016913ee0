/**
 * RCTab's multi-winner whole-threshold case counted by our STV with 4 decimals (RCTab's
 * `decimalPlacesForVoteArithmetic`). Same quota (Droop, whole), same surplus rule (every paper
 * at value × surplus ÷ votes, truncated), same exclusions. One difference, in reporting only:
 * when the last seats are filled RCTab still transfers their surpluses (its final round); the
 * Scottish rules stop there [52], so its last round has no counterpart here.
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { rctabPath, readCdf } from "./rctab-cvr.fixture.ts";
import { scottishStv } from "./stv.ts";

const dir = "test_set_multi_winner_whole_threshold";

it(`${dir}: every round up to the last seat, with 4-decimal STV`, () => {
  const config = JSON.parse(readFileSync(rctabPath(dir, `${dir}_config.json`), "utf8")) as {
    candidates: { name: string }[];
    rules: { numberOfWinners: string; maxSkippedRanksAllowed: string; decimalPlacesForVoteArithmetic: string; overvoteRule: string };
  };
  const expected = JSON.parse(readFileSync(rctabPath(dir, `${dir}_expected_detailed_report.json`), "utf8")) as {
    results: { tally: Record<string, string>; threshold: string; tallyResults: { elected?: string; eliminated?: string }[] }[];
  };
  const ballots = readCdf(rctabPath(dir, `${dir}_cvr.json`), Number(config.rules.maxSkippedRanksAllowed));
  assert.ok(ballots.every((b) => b.ranking.every((group) => group.length === 1)), "no overvotes in this case");
  const result = scottishStv({
    options: config.candidates.map((c) => c.name),
    ballots,
    seats: Number(config.rules.numberOfWinners),
    decimals: Number(config.rules.decimalPlacesForVoteArithmetic),
  });

  assert.equal(result.quota, Number(expected.results[0]!.threshold));
  const stages = result.rounds.filter((r) => r.tallies);
  const compared = expected.results.slice(0, stages.length);
  assert.equal(compared.length, expected.results.length - 1, "all rounds but RCTab's final surplus round");
  compared.forEach((want, r) => {
    const got = Object.fromEntries(Object.entries(stages[r]!.tallies!).map(([name, v]) => [name, v.toFixed(4)]));
    const wanted = Object.fromEntries(Object.entries(want.tally).map(([name, v]) => [name, Number(v).toFixed(4)]));
    assert.deepEqual(got, wanted, `round ${r + 1}`);
    const elected = want.tallyResults.flatMap((t) => (t.elected ? [t.elected] : []));
    assert.deepEqual([...(stages[r]!.elected ?? [])].sort(), elected.sort(), `round ${r + 1} elected`);
    const eliminated = want.tallyResults.flatMap((t) => (t.eliminated ? [t.eliminated] : []));
    if (eliminated.length) assert.deepEqual(stages[r + 1]!.eliminated, eliminated, `round ${r + 1} eliminated`);
  });
  const rctabWinners = expected.results.flatMap((round) => round.tallyResults.flatMap((t) => (t.elected ? [t.elected] : [])));
  assert.deepEqual(result.winners, rctabWinners);
});
