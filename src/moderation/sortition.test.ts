import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { compareIds, drawOrder } from "./sortition.ts";

const ids = Array.from({ length: 20 }, (_, i) => String(110_000_000_000_000_000n + BigInt(i * 7919)));

describe("jury draw", () => {
  it("is reproducible from its seed and independent of the order the ids come in", () => {
    const seed = "9f2c".repeat(16);
    const a = drawOrder(seed, ids, 5);
    assert.equal(a.length, 5);
    assert.equal(new Set(a).size, 5);
    assert.deepEqual(drawOrder(seed, [...ids].reverse(), 5), a);
    assert.notDeepEqual(drawOrder("another seed", ids, 5), a);
  });

  it("keeps earlier jurors when more are drawn (replacements come next, in order)", () => {
    const seed = "replacement";
    const five = drawOrder(seed, ids, 5);
    assert.deepEqual(drawOrder(seed, ids, 8).slice(0, 5), five);
  });

  it("draws everyone when fewer are eligible than seats, and nobody from an empty list", () => {
    assert.deepEqual(drawOrder("s", ids.slice(0, 3), 5).sort(compareIds), ids.slice(0, 3));
    assert.deepEqual(drawOrder("s", [], 5), []);
  });

  it("matches the published test vector (docs/transparency-log.md, checked by an independent implementation)", () => {
    assert.deepEqual(drawOrder("stoa", ["1", "2", "3", "4", "5", "6", "7"], 7), ["2", "3", "7", "5", "6", "4", "1"]);
  });

  it("gives every eligible member the same chance (chi-square, fixed seeds)", () => {
    const trials = 4000;
    const seats = 5;
    const counts = new Map(ids.map((id) => [id, 0]));
    const firstSeat = new Map(ids.map((id) => [id, 0]));
    for (let t = 0; t < trials; t++) {
      const seed = createHash("sha256").update(`fixed-seed-${t}`).digest("hex");
      const jury = drawOrder(seed, ids, seats);
      for (const id of jury) counts.set(id, counts.get(id)! + 1);
      firstSeat.set(jury[0]!, firstSeat.get(jury[0]!)! + 1);
    }
    const chiSquare = (observed: number[], expected: number) => observed.reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
    // 19 degrees of freedom: the 0.1% critical value is 43.82.
    assert.ok(chiSquare([...counts.values()], (trials * seats) / ids.length) < 43.82, `juror counts ${[...counts.values()].join(",")}`);
    assert.ok(chiSquare([...firstSeat.values()], trials / ids.length) < 43.82, `first-seat counts ${[...firstSeat.values()].join(",")}`);
  });
});
