/**
 * Logged-in accounts, kept in localStorage so that several accounts on several instances
 * live side by side: each is keyed by instance origin + account id, one of them is current.
 */
export interface Session {
  key: string;
  origin: string;
  accountId: string;
  acct: string;
  displayName: string;
  avatar: string;
  accessToken: string;
  scope: string;
}

export interface SessionStore {
  current: string | null;
  sessions: Record<string, Session>;
}

/** The minimal Storage surface used here, so tests can pass a Map-backed one. */
export type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const STORAGE_KEY = "stoa.sessions.v1";

/** The key of one account on one instance. */
export function sessionKey(origin: string, accountId: string): string {
  return `${new URL(origin).origin}#${accountId}`;
}

/** Reads the stored sessions; a missing or damaged entry reads as none. */
export function readSessions(storage: KeyValueStorage): SessionStore {
  try {
    const parsed = JSON.parse(storage.getItem(STORAGE_KEY) ?? "null") as SessionStore | null;
    if (parsed && typeof parsed === "object" && parsed.sessions && typeof parsed.sessions === "object") {
      const current = parsed.current && parsed.sessions[parsed.current] ? parsed.current : null;
      return { current, sessions: parsed.sessions };
    }
  } catch {
    // Damaged JSON: start again rather than lock the person out of the app.
  }
  return { current: null, sessions: {} };
}

function write(storage: KeyValueStorage, store: SessionStore): SessionStore {
  storage.setItem(STORAGE_KEY, JSON.stringify(store));
  return store;
}

/** Adds (or refreshes) an account and makes it the current one. */
export function addSession(storage: KeyValueStorage, session: Omit<Session, "key">): SessionStore {
  const store = readSessions(storage);
  const key = sessionKey(session.origin, session.accountId);
  return write(storage, { current: key, sessions: { ...store.sessions, [key]: { ...session, key } } });
}

/** Makes another stored account the current one. */
export function switchSession(storage: KeyValueStorage, key: string): SessionStore {
  const store = readSessions(storage);
  if (!store.sessions[key]) return store;
  return write(storage, { ...store, current: key });
}

/** Forgets an account; the current one moves to any remaining account. */
export function removeSession(storage: KeyValueStorage, key: string): SessionStore {
  const store = readSessions(storage);
  const sessions = { ...store.sessions };
  delete sessions[key];
  const current = store.current === key ? (Object.keys(sessions)[0] ?? null) : store.current;
  return write(storage, { current, sessions });
}

/** The current account, if any. */
export function currentSession(store: SessionStore): Session | null {
  return store.current ? (store.sessions[store.current] ?? null) : null;
}
