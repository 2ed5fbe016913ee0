/** Test helper: asserts that counting throws an `InvalidBallotError` whose message matches. */
import assert from "node:assert/strict";
import { InvalidBallotError } from "./types.ts";

export function assertInvalid(count: () => unknown, message: RegExp): void {
  assert.throws(count, (error: unknown) => {
    assert.ok(error instanceof InvalidBallotError, `expected InvalidBallotError, got ${String(error)}`);
    assert.match(error.message, message);
    return true;
  });
}
