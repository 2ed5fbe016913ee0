import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { readFileSync } from "node:fs";
import { runTallyCli } from "./tally-cli.ts";
import { sharedData } from "../../test/support/shared-data.ts";
import { officialBudgets, sortedIds } from "./methods/budget.fixture.ts";

async function tempFile(name: string, content: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "tally-")), name);
  await writeFile(file, content);
  return file;
}

async function tally(args: string[]) {
  let output = "";
  const code = await runTallyCli(args, (s) => (output += s));
  return { code, result: output ? JSON.parse(output) : null };
}

describe("stoa tally", () => {
  it("recounts a JSON ballot file with the method it names", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "tally-"));
    const file = path.join(dir, "ballots.json");
    // Condorcet winner b: a majority prefers b to a and b to c.
    await writeFile(file, JSON.stringify({
      method: "schulze",
      options: ["a", "b", "c"],
      ballots: [
        { ranking: [["a"], ["b"], ["c"]], weight: 4 },
        { ranking: [["b"], ["c"], ["a"]], weight: 3 },
        { ranking: [["c"], ["b"], ["a"]], weight: 2 },
      ],
    }));
    const { code, result } = await tally([file]);
    assert.equal(code, 0);
    assert.equal(result.method, "schulze");
    assert.equal(result.winners[0], "b");
    // IRV eliminates c first; its 2 ballots go to b, which then beats a 5 to 4.
    const irv = await tally([file, "--method", "irv"]);
    assert.equal(irv.result.method, "irv");
    assert.equal(irv.result.winners[0], "b");
  });

  it("counts a real BLT election with Scottish STV", async () => {
    const blt = sharedData("voting", "scottish-stv", "Calton-2007.blt");
    const report = readFileSync(sharedData("voting", "scottish-stv", "Calton-2007.expected-report.txt"), "utf8");
    const expected = [...new Set([...report.matchAll(/Elected:\s+(.+?) \(/g)].map((m) => m[1]!))].sort();
    const { code, result } = await tally([blt]);
    assert.equal(code, 0);
    assert.equal(result.method, "stv");
    assert.deepEqual([...result.winners].sort(), expected);
    assert.ok(result.rounds.length > 1);
  });

  it("refuses bad input with exit code 2", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "tally-"));
    const file = path.join(dir, "bad.json");
    await writeFile(file, JSON.stringify({ method: "schulze", options: ["a"], ballots: [{ ranking: [["zzz"]] }] }));
    assert.equal((await tally([file])).code, 2, "unknown option");
    await writeFile(file, "{nope");
    assert.equal((await tally([file])).code, 2, "not JSON");
    assert.equal((await tally([path.join(dir, "missing.json")])).code, 2, "missing file");
    await writeFile(file, JSON.stringify({ options: ["a"], ballots: [] }));
    assert.equal((await tally([file])).code, 2, "no method");
  });

  for (const official of officialBudgets()) {
    it(`recounts ${official.file} by the rule its META names`, async () => {
      const { code, result } = await tally([sharedData("budgeting", official.file)]);
      assert.equal(code, 0);
      assert.equal(result.method, "equal-shares");
      assert.deepEqual(sortedIds(result.winners), sortedIds(official.expected_selected));
      assert.equal(result.spent, official.spent);
      assert.equal(result.rounds.length, official.expected_selected.length);
    });
  }

  it("recounts a .pb file with --method, and never reads its selected column", async () => {
    const [official] = officialBudgets();
    const original = readFileSync(sharedData("budgeting", official!.file), "utf8");
    // Flip every official 0/1 in PROJECTS: a recount that peeked would change.
    const [head, rest] = original.split(/\nVOTES\r?\n/) as [string, string];
    const flipped = head.replace(/;([01]);/g, (_, v: string) => `;${v === "1" ? "0" : "1"};`);
    assert.notEqual(flipped, head);
    const file = await tempFile("flipped.pb", `${flipped}\nVOTES\n${rest}`);
    const recount = await tally([file]);
    assert.deepEqual(sortedIds(recount.result.winners), sortedIds(official!.expected_selected));

    const greedy = await tally([file, "--method", "greedy"]);
    assert.equal(greedy.code, 0);
    assert.equal(greedy.result.method, "greedy");
    assert.ok(greedy.result.spent <= official!.budget);
    const comparison = await tally([file, "--method", "equal-shares-comparison"]);
    assert.equal(comparison.result.method, "equal-shares-comparison");
    assert.ok(["greedy", "equal-shares"].includes(comparison.result.chosen));
  });

  it("recounts JSON ballot files of the non-ranked methods", async () => {
    const budget = await tempFile("budget.json", JSON.stringify({
      method: "equal-shares",
      budget: 100,
      projects: [{ id: "a", cost: 50 }, { id: "b", cost: 50 }, { id: "c", cost: 50 }],
      ballots: [{ approved: ["a", "b"], weight: 6 }, { approved: ["c"], weight: 4 }],
    }));
    assert.deepEqual((await tally([budget])).result.winners, ["a", "c"]);
    assert.deepEqual((await tally([budget, "--method", "greedy"])).result.winners, ["a", "b"]);
    const consent = await tempFile("consent.json", JSON.stringify({
      method: "consent",
      ballots: [{ position: "agree", weight: 9 }, { position: "block" }],
    }));
    const blocked = await tally([consent]);
    assert.equal(blocked.code, 0);
    assert.equal(blocked.result.outcome, "blocked");
    assert.deepEqual(blocked.result.winners, []);
  });

  it("refuses bad input of the non-ranked methods with exit code 2", async () => {
    const pb = sharedData("budgeting", "Netherlands_Assen_2024.pb");
    assert.equal((await tally([pb, "--method", "schulze"])).code, 2, "ranked method on a budget");
    assert.equal((await tally([pb, "--method", "nope"])).code, 2, "unknown method");
    assert.equal((await tally([])).code, 2, "no file");
    const overBudget = await tempFile("qv.json", JSON.stringify({ method: "quadratic", options: ["a"], credits: 4, ballots: [{ votes: { a: 3 } }] }));
    assert.equal((await tally([overBudget])).code, 2, "over budget");
    const noRule = await tempFile("norule.pb", "META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\nv1;1\n");
    assert.equal((await tally([noRule])).code, 2, ".pb without a rule nor --method");
    assert.equal((await tally([noRule, "--method", "greedy"])).code, 0, "--method supplies the rule");
  });
});
