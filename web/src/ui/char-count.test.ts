import { test } from "node:test";
import assert from "node:assert/strict";
import { countCharacters } from "./char-count.ts";

test("plain text counts user-perceived characters", () => {
  assert.equal(countCharacters("hello"), 5);
  assert.equal(countCharacters("olá, café"), 9);
  assert.equal(countCharacters("👨‍👩‍👧"), 1);
});

test("a URL counts 23 characters whatever its length", () => {
  assert.equal(countCharacters("see https://example.com/a/very/long/path?with=query"), 4 + 23);
  assert.equal(countCharacters("https://a.io", 10), 10);
});

test("a remote mention counts its local part only", () => {
  assert.equal(countCharacters("hi @ada@example.social"), "hi @ada".length);
  assert.equal(countCharacters("mail ada@example.social"), "mail ada@example.social".length);
});
