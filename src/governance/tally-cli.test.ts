import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { readFileSync } from "node:fs";
import { runTallyCli } from "./tally-cli.ts";
import { sharedData } from "../../test/support/shared-data.ts";

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
});
