import { test } from "node:test";
import assert from "node:assert/strict";
import type { Status } from "../api/types.ts";
import { MAX_DEPTH, threadRows } from "./thread-tree.ts";

let clock = 0;
function reply(id: string, to: string | null): Status {
  clock++;
  return { id, in_reply_to_id: to, created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, clock)).toISOString() } as Status;
}

test("replies read depth first, siblings oldest first, each with its depth", () => {
  const a = reply("a", "root");
  const b = reply("b", "root");
  const a1 = reply("a1", "a");
  const a1x = reply("a1x", "a1");
  const rows = threadRows("root", [b, a1x, a1, a]);
  assert.deepEqual(rows.map((r) => [r.status.id, r.depth]), [["a", 0], ["a1", 1], ["a1x", 2], ["b", 0]]);
  assert.ok(rows.every((r) => !r.gap));
});

test("a reply whose parent is missing is kept, marked as a gap, at the top level", () => {
  const rows = threadRows("root", [reply("x", "elsewhere"), reply("y", "x")]);
  assert.deepEqual(rows.map((r) => [r.status.id, r.depth, r.gap]), [["x", 0, true], ["y", 1, false]]);
});

test("a chain a thousand replies deep neither overflows the stack nor indents past the cap", () => {
  const chain: Status[] = [];
  for (let i = 0; i < 1000; i++) chain.push(reply(`c${i}`, i === 0 ? "root" : `c${i - 1}`));
  const rows = threadRows("root", chain);
  assert.equal(rows.length, 1000);
  assert.equal(rows[999]!.status.id, "c999");
  assert.equal(Math.max(...rows.map((r) => r.depth)), MAX_DEPTH);
});
