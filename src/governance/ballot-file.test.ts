import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readBallotFile } from "./ballot-file.ts";
import { count, methodNames } from "./methods/registry.ts";
import { InvalidBallotError } from "./methods/types.ts";
import { repoRoot } from "../../test/support/shared-data.ts";

const docExamples = () =>
  [...readFileSync(`${repoRoot}docs/ballot-file.md`, "utf8").matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!));

const refused = (raw: unknown, message: RegExp, override?: string) =>
  assert.throws(() => readBallotFile(raw, override), (e: unknown) => e instanceof InvalidBallotError && message.test(e.message));

describe("ballot file", () => {
  it("every example in docs/ballot-file.md counts, and each family of methods has one", () => {
    const examples = docExamples();
    for (const example of examples) {
      const { method, input } = readBallotFile(example);
      const result = count(method, input as never);
      assert.equal(result.method, method);
      assert.ok(Array.isArray(result.rounds) && result.rounds.length > 0, method);
    }
    const documented = new Set(examples.map((e) => e.method));
    for (const family of [["irv", "stv", "schulze"], ["greedy", "equal-shares", "equal-shares-comparison"]]) {
      assert.ok(family.some((m) => documented.has(m)));
    }
    for (const single of ["majority", "approval", "score", "consent", "quadratic"]) assert.ok(documented.has(single), single);
  });

  it("counts the budgeting example the same with every budgeting method's input", () => {
    const example = docExamples().find((e) => e.method === "equal-shares");
    for (const method of ["greedy", "equal-shares", "equal-shares-comparison"]) {
      const file = readBallotFile(example, method);
      assert.equal(count(file.method, file.input as never).method, method);
    }
    // As the document says: equal shares gives the 45 voters of p3 their share of the money;
    // greedy funds the two most approved; 55 voters prefer greedy's outcome, 45 do not.
    const winners = (method: string) => count(readBallotFile(example, method).method, readBallotFile(example, method).input as never).winners;
    assert.deepEqual(winners("greedy"), ["p1", "p2"]);
    assert.deepEqual(winners("equal-shares"), ["p1", "p3"]);
    assert.deepEqual(winners("equal-shares-comparison"), ["p1", "p2"]);
  });

  it("knows every method of the registry", () => {
    assert.deepEqual(methodNames, ["majority", "approval", "score", "consent", "irv", "stv", "schulze", "quadratic", "greedy", "equal-shares", "equal-shares-comparison"]);
  });

  it("refuses files with a path to the problem", () => {
    refused({ options: ["a"], ballots: [] }, /names no method: pass --method/);
    refused({ method: "borda", options: ["a"], ballots: [] }, /unknown method "borda"/);
    refused({ method: "approval", options: ["a"], ballots: [{ ranking: [["a"]] }] }, /for approval at ballots\.0\.approved/);
    refused({ method: "greedy", budget: 10.5, projects: [{ id: "a", cost: 1 }], ballots: [] }, /at budget/);
    refused({ method: "schulze", options: [], ballots: [] }, /at options/);
    refused({ method: "approval", options: ["a"], ballots: [{ approved: ["a"] }] }, /for irv at ballots\.0\.ranking/, "irv");
  });
});
