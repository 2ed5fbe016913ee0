import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ApiError } from "../lib/errors.ts";
import { normalizeDomain } from "./domain-blocks.ts";

describe("normalizeDomain", () => {
  it("lower-cases and strips URLs down to the host", () => {
    assert.equal(normalizeDomain(" Example.COM ", "stoa.test"), "example.com");
    assert.equal(normalizeDomain("https://Social.Example/@someone", "stoa.test"), "social.example");
    assert.equal(normalizeDomain("localhost:3000", "stoa.test"), "localhost:3000");
  });

  it("refuses what is not a host name, and the server's own domain", () => {
    for (const bad of ["", "two words", "-bad.example", "a..b", "x".repeat(254), "<script>", "stoa.test", "STOA.test"]) {
      assert.throws(() => normalizeDomain(bad, "stoa.test"), (e) => e instanceof ApiError && e.status === 422, bad);
    }
  });
});
