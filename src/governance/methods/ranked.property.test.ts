import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { instantRunoff } from "./irv.ts";
import { schulze } from "./schulze.ts";
import { scottishStv } from "./stv.ts";
import type { RankedBallot } from "./types.ts";

const OPTIONS = ["a", "b", "c", "d", "e"];

/** A ballot ranking a random non-empty prefix of a random permutation, one option per rank. */
const strictBallot = fc
  .tuple(fc.shuffledSubarray(OPTIONS, { minLength: 1 }), fc.integer({ min: 1, max: 5 }))
  .map(([order, weight]): RankedBallot => ({ ranking: order.map((o) => [o]), weight }));

/** A ballot that may rank options equally and leave some out. */
const tiedBallot = fc
  .tuple(fc.shuffledSubarray(OPTIONS), fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), fc.integer({ min: 1, max: 5 }))
  .map(([order, joins, weight]): RankedBallot => {
    const ranking: string[][] = [];
    order.forEach((o, i) => (i > 0 && joins[i] ? ranking[ranking.length - 1]!.push(o) : ranking.push([o])));
    return { ranking, weight };
  });

/** The option that beats every other pairwise, by an independent count, if any. */
function condorcetWinner(ballots: RankedBallot[]): string | undefined {
  const rank = (b: RankedBallot, o: string) => {
    const g = b.ranking.findIndex((group) => group.includes(o));
    return g < 0 ? Infinity : g;
  };
  const prefer = (x: string, y: string) => ballots.reduce((sum, b) => sum + (rank(b, x) < rank(b, y) ? (b.weight ?? 1) : 0), 0);
  return OPTIONS.find((x) => OPTIONS.every((y) => x === y || prefer(x, y) > prefer(y, x)));
}

describe("ranked methods: properties", () => {
  it("a majority of first preferences wins instant-runoff in round 1", () => {
    fc.assert(
      fc.property(fc.array(strictBallot, { maxLength: 30 }), fc.constantFrom(...OPTIONS), (others, favourite) => {
        const othersWeight = others.reduce((sum, b) => sum + b.weight!, 0);
        const majority: RankedBallot = { ranking: [[favourite]], weight: othersWeight + 1 };
        const result = instantRunoff({ options: OPTIONS, ballots: [...others, majority] });
        assert.deepEqual(result.winners, [favourite]);
        assert.equal(result.rounds.length, 1);
      }),
    );
  });

  it("a Condorcet winner wins Schulze (ties and unranked options allowed)", () => {
    fc.assert(
      fc.property(fc.array(tiedBallot, { minLength: 1, maxLength: 25 }), (ballots) => {
        const winner = condorcetWinner(ballots);
        fc.pre(winner !== undefined);
        const result = schulze({ options: OPTIONS, ballots });
        assert.equal(result.winners[0], winner);
        assert.equal(result.tied, false);
      }),
    );
  });

  it("results do not depend on the order of the ballots", () => {
    fc.assert(
      fc.property(
        fc.array(strictBallot, { minLength: 1, maxLength: 25 }).chain((ballots) => fc.tuple(fc.constant(ballots), fc.shuffledSubarray(ballots, { minLength: ballots.length }))),
        ([ballots, shuffled]) => {
          assert.deepEqual(instantRunoff({ options: OPTIONS, ballots: shuffled }), instantRunoff({ options: OPTIONS, ballots }));
          assert.deepEqual(schulze({ options: OPTIONS, ballots: shuffled }), schulze({ options: OPTIONS, ballots }));
          assert.deepEqual(scottishStv({ options: OPTIONS, ballots: shuffled, seats: 2 }), scottishStv({ options: OPTIONS, ballots, seats: 2 }));
        },
      ),
    );
  });

  it("STV fills every seat and never elects more than the seats", () => {
    fc.assert(
      fc.property(fc.array(strictBallot, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 4 }), (ballots, seats) => {
        const result = scottishStv({ options: OPTIONS, ballots, seats });
        assert.equal(result.winners.length, seats);
        assert.equal(new Set(result.winners).size, seats);
      }),
    );
  });
});
