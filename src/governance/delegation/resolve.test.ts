import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { resolveDelegations, type Delegation } from "./resolve.ts";

const global = (truster: string, trustee: string): Delegation => ({ truster, trustee, scope: "global" });

describe("resolveDelegations", () => {
  it("follows chains to a direct voter and reports each member's path", () => {
    const result = resolveDelegations({
      members: ["a", "b", "c", "d"],
      delegations: [global("a", "b"), global("b", "c"), global("c", "d")],
      scopePath: ["global"],
      directVoters: ["c"],
    });
    assert.deepEqual(result.weights, new Map([["c", 3]]));
    assert.deepEqual(result.chainOf("a"), { status: "delegated", chain: ["b", "c"], castBy: "c", scope: "global", weight: 1 });
    assert.equal(result.chainOf("b")!.weight, 2);
    assert.deepEqual(result.chainOf("c"), { status: "direct", chain: [], castBy: "c", scope: null, weight: 3 });
    assert.equal(result.chainOf("d")!.status, "abstained");
    assert.equal(result.lost, 1);
  });

  it("gives no vote to loops and dead ends", () => {
    const result = resolveDelegations({
      members: ["a", "b", "c", "x", "y"],
      delegations: [global("a", "b"), global("b", "c"), global("c", "a"), global("x", "y")],
      scopePath: ["global"],
      directVoters: [],
    });
    assert.equal(result.counted, 0);
    assert.equal(result.lost, 5);
    assert.deepEqual(result.chainOf("a"), { status: "loop", chain: ["b", "c"], castBy: null, scope: "global", weight: 0 });
    assert.equal(result.chainOf("x")!.status, "dead-end");
  });

  it("uses the most specific scope and ignores scopes outside the decision", () => {
    const result = resolveDelegations({
      members: ["a", "b", "c", "d"],
      delegations: [global("a", "b"), { truster: "a", trustee: "c", scope: "area:1" }, { truster: "a", trustee: "d", scope: "area:2" }],
      scopePath: ["global", "unit:1", "area:1"],
      directVoters: ["b", "c", "d"],
    });
    assert.equal(result.chainOf("a")!.castBy, "c");
    assert.equal(result.chainOf("a")!.scope, "area:1");
  });

  it("caps the weight a voter may carry; the excess counts as not voting", () => {
    const result = resolveDelegations({
      members: ["a", "b", "c", "d"],
      delegations: [global("a", "d"), global("b", "d"), global("c", "d")],
      scopePath: ["global"],
      directVoters: ["d"],
      maxWeight: 2,
    });
    assert.deepEqual(result.weights, new Map([["d", 2]]));
    assert.equal(result.capped, 2);
    assert.equal(result.counted + result.lost, 4);
  });

  it("ignores revoked delegations (absent) and members who are not listed", () => {
    const result = resolveDelegations({ members: ["a", "b"], delegations: [global("a", "zed")], scopePath: ["global"], directVoters: ["b", "zed"] });
    assert.deepEqual(result.weights, new Map([["b", 1]]));
    assert.equal(result.chainOf("zed"), undefined);
  });

  it("conserves weight: counted + lost = members, and every counted vote reaches a voter", () => {
    const scenario = fc.integer({ min: 1, max: 40 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        links: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.constantFrom("global", "area:1", "area:2")), { maxLength: 3 * n }),
        voters: fc.array(fc.nat(n - 1), { maxLength: n }),
        cap: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ n, links, voters, cap }) => {
        const members = Array.from({ length: n }, (_, i) => `m${i}`);
        const result = resolveDelegations({
          members,
          delegations: links.map(([a, b, scope]) => ({ truster: `m${a}`, trustee: `m${b}`, scope })),
          scopePath: ["global", "area:1"],
          directVoters: voters.map((v) => `m${v}`),
          ...(cap === undefined ? {} : { maxWeight: cap }),
        });
        const sum = [...result.weights.values()].reduce((a, b) => a + b, 0);
        assert.equal(sum, result.counted);
        assert.equal(result.counted + result.lost, n);
        const reaching = members.filter((m) => result.chainOf(m)!.castBy !== null).length;
        assert.equal(result.counted + result.capped, reaching);
      }),
    );
  });
});
