import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { pabulibRule, pabulibToBudget, parsePabulib } from "./pabulib.ts";
import { sharedData } from "../../../test/support/shared-data.ts";
import { InvalidBallotError } from "./types.ts";

const sample = [
  "META",
  "key;value",
  "budget;100",
  "vote_type;approval",
  "rule;greedy",
  "PROJECTS",
  "project_id;cost;name;selected",
  '1;60;"Park; with ""trees""";1',
  '2;50;"Two',
  'lines";0',
  "VOTES",
  "voter_id;vote;age",
  "v1;1,2;30",
  "v2;2;",
  "v3;;",
  "",
].join("\r\n");

describe("pabulib .pb reader", () => {
  it("reads sections, quoted fields with ; and doubled quotes, and line breaks in quotes", () => {
    const file = parsePabulib(sample);
    assert.equal(pabulibRule(file), "greedy");
    assert.equal(file.projects[0]!.name, 'Park; with "trees"');
    assert.equal(file.projects[1]!.name, "Two\r\nlines");
    assert.equal(file.votes.length, 3);
    assert.equal(file.votes[0]!.age, "30");
  });

  it("builds budget input from id, cost and votes only (never the selected column)", () => {
    const input = pabulibToBudget(parsePabulib(sample));
    assert.equal(input.budget, 100);
    assert.deepEqual(input.projects.map((p) => Object.keys(p).sort()), [["cost", "id", "name"], ["cost", "id", "name"]]);
    assert.deepEqual(input.ballots.map((b) => b.approved), [["1", "2"], ["2"], []]);
  });

  it("reads a real file: Świecie 2023", () => {
    const file = parsePabulib(readFileSync(sharedData("budgeting", "Poland_Swiecie_2023.pb"), "utf8"));
    assert.equal(file.meta.num_votes, String(file.votes.length));
    assert.equal(file.meta.num_projects, String(file.projects.length));
    assert.equal(file.meta.rule, "equalshares/add1");
  });

  it("refuses malformed files with a clear message", () => {
    const refuses = (text: string, pattern: RegExp) =>
      assert.throws(() => pabulibToBudget(parsePabulib(text)), (e: unknown) => e instanceof InvalidBallotError && pattern.test(e.message));
    refuses("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n", /missing VOTES section/);
    refuses("hello\nMETA", /data before the META section/);
    refuses(sample.replace("budget;100", "budget;lots"), /META budget is not a number/);
    refuses(`${sample}v4;"1`, /unterminated quoted field/);
    refuses(sample.replace("v2;2;", "v2;2;;extra"), /VOTES row 2 has 4 fields, header has 3/);
    refuses(sample.replace("vote_type;approval", "vote_type;ordinal"), /vote_type "ordinal" is not supported/);
  });
});
