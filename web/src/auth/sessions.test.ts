import { test } from "node:test";
import assert from "node:assert/strict";
import { addSession, currentSession, readSessions, removeSession, sessionKey, switchSession, type KeyValueStorage } from "./sessions.ts";

function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

const account = (origin: string, accountId: string, acct: string) => ({
  origin, accountId, acct, displayName: acct, avatar: "", accessToken: `token-${acct}`, scope: "read write",
});

test("several accounts on several instances live side by side, the newest current", () => {
  const storage = memoryStorage();
  addSession(storage, account("https://one.example", "1", "ada"));
  addSession(storage, account("https://two.example", "1", "ada"));
  const store = addSession(storage, account("https://one.example", "2", "bob"));
  assert.equal(Object.keys(store.sessions).length, 3);
  assert.equal(currentSession(readSessions(storage))?.acct, "bob");
  assert.equal(store.current, sessionKey("https://one.example/", "2"));
});

test("switching and removing keep a sensible current account", () => {
  const storage = memoryStorage();
  addSession(storage, account("https://one.example", "1", "ada"));
  addSession(storage, account("https://two.example", "7", "cy"));
  const ada = sessionKey("https://one.example", "1");
  assert.equal(currentSession(switchSession(storage, ada))?.acct, "ada");
  assert.equal(switchSession(storage, "nope").current, ada);
  const after = removeSession(storage, ada);
  assert.equal(currentSession(after)?.acct, "cy");
  assert.equal(removeSession(storage, after.current!).current, null);
});

test("damaged storage reads as logged out", () => {
  const storage = memoryStorage();
  storage.setItem("stoa.sessions.v1", "{not json");
  assert.deepEqual(readSessions(storage), { current: null, sessions: {} });
});
