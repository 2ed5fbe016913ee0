import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { htmlToText, keywordMatches, matchFilters } from "./match.ts";

describe("filter matching", () => {
  it("matches whole words case-insensitively in any script", () => {
    assert.equal(keywordMatches("I love Cats.", "cat", true), false);
    assert.equal(keywordMatches("I love Cats.", "cats", true), true);
    assert.equal(keywordMatches("I love Cats.", "cat", false), true);
    assert.equal(keywordMatches("Política y más", "política", true), true);
    assert.equal(keywordMatches("apolítica", "política", true), false);
    assert.equal(keywordMatches("a+b (c)", "a+b", false), true, "keywords are literal, not patterns");
    assert.equal(keywordMatches("anything", "  ", false), false);
  });

  it("reports keyword and status matches per filter", () => {
    const filters = [
      { id: "1", action: "warn" as const, keywords: [{ keyword: "spoiler", wholeWord: true }], statusIds: [] },
      { id: "2", action: "hide" as const, keywords: [], statusIds: ["42"] },
    ];
    assert.deepEqual(matchFilters(filters, "42", "no spoilers here"), [{ filterId: "2", action: "hide", keywordMatches: null, statusMatches: ["42"] }]);
    assert.deepEqual(matchFilters(filters, "7", "big spoiler!").map((m) => m.keywordMatches), [["spoiler"]]);
  });

  it("turns rendered HTML into text", () => {
    assert.equal(htmlToText("<p>a &amp; b<br>c</p><p>d</p>"), "a & b\nc\nd\n");
  });
});
