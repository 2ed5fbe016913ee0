import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { sharedData } from "../../../test/support/shared-data.ts";
import { parseBlt } from "./blt.ts";
import { scottishStv } from "./stv.ts";
import { InvalidBallotError, type TallyRound } from "./types.ts";

/** One "Action:" block of a Droop reference report. */
interface ReportAction {
  action: string;
  subject: string;
  /** Votes of every candidate not yet defeated, as printed (5 decimals). */
  votes: Record<string, string>;
  nonTransferable: string;
  residual: string;
}

function readReport(file: string): { quota: string; actions: ReportAction[] } {
  const text = readFileSync(sharedData("voting", "scottish-stv", file), "utf8");
  const quota = /Quota: (\S+)/.exec(text)![1]!;
  const actions = text.split(/^Action: /m).slice(1).map((block): ReportAction => {
    const [head, ...lines] = block.split("\n");
    const [action, subject = ""] = head!.split(/: (.*)/s);
    const votes: Record<string, string> = {};
    for (const line of lines) {
      const m = /^\t(Elected|Hopeful|Pending): +(.+) \((\d+\.\d{5})\)$/.exec(line);
      if (m) votes[m[2]!] = m[3]!;
    }
    const figure = (label: string) => new RegExp(`${label}: (\\S+)`).exec(block)?.[1] ?? "";
    return { action: action!.trim(), subject: subject.replace(/ \(\d+\.\d+\)$/, "").trim(), votes, nonTransferable: figure("Nontransferable votes"), residual: figure("Residual") };
  });
  return { quota, actions };
}

const fixed = (n: unknown) => (n as number).toFixed(5);
/** Droop prints names with runs of spaces collapsed (Canal's BLT has "Ellen   Hurcombe"). */
const asPrinted = (name: unknown) => String(name).replace(/ {2,}/g, " ");
const STAGE_ACTIONS: Record<string, string> = {
  "first-preferences": "Begin Count",
  surplus: "Surplus transferred",
  exclusion: "Transfer defeated",
};

const wards = readdirSync(sharedData("voting", "scottish-stv")).filter((f) => f.endsWith(".expected-report.txt"));

describe("scottishStv: Glasgow City Council 2007 wards against the reference counts", () => {
  assert.equal(wards.length, 10);
  for (const report of wards) {
    const ward = report.replace(".expected-report.txt", "");
    it(`${ward}: quota, every stage to 5 decimals, elected set`, () => {
      const election = parseBlt(readFileSync(sharedData("voting", "scottish-stv", `${ward}.blt`), "utf8"));
      const result = scottishStv(election);
      const expected = readReport(report);
      assert.equal(fixed(result.quota), expected.quota);

      const stages = result.rounds.filter((r) => r.action !== "elect-remaining");
      const reportStages = expected.actions.filter((a) => Object.values(STAGE_ACTIONS).includes(a.action));
      assert.equal(stages.length, reportStages.length, "number of stages");
      stages.forEach((stage: TallyRound, i) => {
        const want = reportStages[i]!;
        const where = `${ward} stage ${i + 1} (${want.action} ${want.subject})`;
        assert.equal(STAGE_ACTIONS[stage.action as string], want.action, where);
        if (stage.action === "surplus") assert.equal(asPrinted(stage.candidate), want.subject, where);
        if (stage.action === "exclusion") assert.deepEqual(stage.eliminated!.map(asPrinted), [want.subject], where);
        const got = Object.fromEntries(Object.entries(stage.tallies!).map(([name, v]) => [asPrinted(name), fixed(v)]));
        assert.deepEqual(got, want.votes, where);
        assert.equal(fixed(stage.nonTransferable), want.nonTransferable, `${where}: non-transferable`);
        assert.equal(fixed(stage.residual), want.residual, `${where}: residual`);
      });

      const complete = expected.actions.find((a) => a.action === "Count Complete")!;
      const electedInReport = Object.keys(complete.votes);
      assert.deepEqual(result.winners.map(asPrinted).sort(), [...electedInReport].sort());
      assert.equal(result.winners.length, election.seats);
    });
  }
});

describe("scottishStv: statutory tie-breaks", () => {
  const read = (file: string) => parseBlt(readFileSync(sharedData("voting", "scottish-stv", file), "utf8"));

  it("weak-defeat: a tie for exclusion is broken by the most recent stage where they differed", () => {
    const result = scottishStv(read("weak-defeat.blt"));
    // Stage 2: A's paper makes B = C = 3; at stage 1 B had 2, C had 3, so B is excluded.
    const exclusions = result.rounds.filter((r) => r.action === "exclusion");
    assert.deepEqual(exclusions.map((r) => r.eliminated), [["A"], ["B"], ["C"]]);
    assert.equal(exclusions[1]!.tieBreak, "earlier-stage");
    assert.deepEqual(result.winners, ["E", "D"]);
  });

  it("weak-surplus: candidates equal at every stage are separated by the pre-drawn lot", () => {
    const election = read("weak-surplus.blt");
    const byDefault = scottishStv(election);
    assert.deepEqual([...byDefault.winners].sort(), ["A", "B", "C", "D"]);
    const tie = byDefault.rounds.find((r) => r.tieBreak === "lot")!;
    assert.deepEqual(tie.eliminated, ["F"]); // E and F tied at 3 throughout; F is last on the paper
    const reversed = scottishStv({ ...election, lot: ["F", "E"] });
    assert.deepEqual(reversed.rounds.find((r) => r.tieBreak === "lot")!.eliminated, ["E"]);
  });

  it("skips withdrawn candidates and rejects malformed input", () => {
    const result = scottishStv({ options: ["a", "b", "c"], ballots: [{ ranking: [["a"], ["b"]], weight: 3 }, { ranking: [["c"]], weight: 2 }], seats: 1, withdrawn: ["a"] });
    assert.deepEqual(result.winners, ["b"]);
    assert.throws(() => scottishStv({ options: ["a"], ballots: [{ ranking: [["a"]], weight: 0.5 }], seats: 1 }), InvalidBallotError);
    assert.throws(() => scottishStv({ options: ["a", "b"], ballots: [{ ranking: [["a", "b"]] }], seats: 1 }), InvalidBallotError);
    assert.throws(() => scottishStv({ options: ["a"], ballots: [], seats: 0 }), InvalidBallotError);
  });
});
