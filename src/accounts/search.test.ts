import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { prefixQuery } from "./search.ts";

describe("prefixQuery", () => {
  it("turns words into prefix terms joined with and", () => {
    assert.equal(prefixQuery("Ada Love"), "ada:* & love:*");
    assert.equal(prefixQuery("ada_lovelace"), "ada:* & lovelace:*");
    assert.equal(prefixQuery("Élodie"), "élodie:*");
  });

  it("drops tsquery operators and yields null when nothing searchable remains", () => {
    assert.equal(prefixQuery("a & b | !c:*"), "a:* & b:* & c:*");
    assert.equal(prefixQuery("&|!():* "), null);
    assert.equal(prefixQuery(""), null);
  });

  it("keeps at most eight words", () => {
    assert.equal(prefixQuery("a b c d e f g h i j")!.split(" & ").length, 8);
  });
});
