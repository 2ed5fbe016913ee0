/**
 * Ranked counting methods and delegation resolution at scale, on synthetic seeded data.
 * Standalone: `node bench/governance-ranked.bench.ts`. Prints one line per figure; the time
 * covers the count only (ballot generation is excluded). Target: each under 2 s.
 */
import { performance } from "node:perf_hooks";
import { instantRunoff } from "../src/governance/methods/irv.ts";
import { scottishStv } from "../src/governance/methods/stv.ts";
import { schulze } from "../src/governance/methods/schulze.ts";
import { resolveDelegations, type Delegation } from "../src/governance/delegation/resolve.ts";
import type { RankedBallot } from "../src/governance/methods/types.ts";

/** Small deterministic PRNG (mulberry32) so every run counts the same ballots. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Ballots ranking `depth` of `options` options: a noisy common preference (option i has
 * popularity ∝ 1/(i+1)) so that counts take many rounds, as real elections do.
 */
function rankedBallots(count: number, options: number, depth: number, seed: number): { options: string[]; ballots: RankedBallot[] } {
  const random = prng(seed);
  const ids = Array.from({ length: options }, (_, i) => `option-${i}`);
  const singletons = ids.map((id) => [id]); // shared rank groups keep memory low
  const ballots: RankedBallot[] = [];
  const keys = new Float64Array(options);
  const order = Array.from({ length: options }, (_, i) => i);
  for (let b = 0; b < count; b++) {
    for (let i = 0; i < options; i++) keys[i] = random() * (1 / (i + 1) + 0.3);
    order.sort((x, y) => keys[y]! - keys[x]!);
    ballots.push({ ranking: order.slice(0, depth).map((i) => singletons[i]!) });
  }
  return { options: ids, ballots };
}

function delegationScenario(members: number, seed: number) {
  const random = prng(seed);
  const ids = Array.from({ length: members }, (_, i) => `member-${i}`);
  const delegations: Delegation[] = [];
  const directVoters: string[] = [];
  const scopes = ["global", "area:1", "area:1/topic:7"];
  for (let i = 0; i < members; i++) {
    const r = random();
    if (r < 0.2) directVoters.push(ids[i]!);
    if (r >= 0.15) {
      const trustee = ids[Math.floor(random() * members)]!;
      delegations.push({ truster: ids[i]!, trustee, scope: scopes[Math.floor(random() * scopes.length)]! });
    }
  }
  return { members: ids, delegations, directVoters, scopePath: scopes };
}

function time(label: string, run: () => unknown): void {
  (globalThis as { gc?: () => void }).gc?.();
  const started = performance.now();
  run();
  const ms = performance.now() - started;
  console.log(`${label}: ${Math.round(ms).toLocaleString("en")} ms`);
}

const irvInput = rankedBallots(1_000_000, 10, 10, 1);
time("irv 1,000,000 ballots × 10 options", () => instantRunoff(irvInput));
irvInput.ballots.length = 0;

const stvInput = rankedBallots(100_000, 20, 8, 2);
time("stv (Scottish) 100,000 ballots × 20 candidates, 5 seats", () => scottishStv({ ...stvInput, seats: 5 }));

const schulzeInput = rankedBallots(100_000, 20, 20, 3);
time("schulze 100,000 ballots × 20 options", () => schulze(schulzeInput));

const delegation = delegationScenario(1_000_000, 4);
time("delegation 1,000,000 members", () => resolveDelegations(delegation));
