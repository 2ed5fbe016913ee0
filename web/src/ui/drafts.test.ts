import { test } from "node:test";
import assert from "node:assert/strict";
import { clearDraft, draftKey, readDraft, saveDraft, type Draft } from "./drafts.ts";

function memoryStorage() {
  const map = new Map<string, string>();
  return { map, getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
}

const draft = (text: string): Draft => ({
  text, warning: null, visibility: "public", language: "en", media: [], poll: null, inReplyToId: null, savedAt: "2026-11-28T00:00:00Z",
});

test("each account keeps its own draft, recovered as saved", () => {
  const storage = memoryStorage();
  saveDraft(storage, "https://a.example#1", draft("half a thought"));
  saveDraft(storage, "https://b.example#1", draft("another account's"));
  assert.equal(readDraft(storage, "https://a.example#1")?.text, "half a thought");
  assert.equal(readDraft(storage, "https://b.example#1")?.text, "another account's");
  assert.equal(readDraft(storage, "https://a.example#2"), null);
});

test("an empty draft is forgotten rather than saved; posting clears it", () => {
  const storage = memoryStorage();
  saveDraft(storage, "k", draft("something"));
  saveDraft(storage, "k", draft("   "));
  assert.equal(storage.map.has(draftKey("k")), false);
  saveDraft(storage, "k", { ...draft(""), poll: { options: ["yes", ""], expiresIn: 86400, multiple: false } });
  assert.ok(readDraft(storage, "k")?.poll);
  clearDraft(storage, "k");
  assert.equal(readDraft(storage, "k"), null);
});

test("a damaged or foreign entry reads as no draft, and a full storage does not throw", () => {
  const storage = memoryStorage();
  storage.setItem(draftKey("k"), "{not json");
  assert.equal(readDraft(storage, "k"), null);
  storage.setItem(draftKey("k"), JSON.stringify({ text: 3 }));
  assert.equal(readDraft(storage, "k"), null);
  const full = { ...storage, setItem: () => { throw new Error("QuotaExceededError"); } };
  assert.doesNotThrow(() => saveDraft(full, "k", draft("text")));
});
