import { createContext, type ComponentChildren } from "preact";
import { useContext } from "preact/hooks";
import type { ApiClient } from "./api/client.ts";
import type { Instance } from "./api/types.ts";
import type { Session, SessionStore } from "./auth/sessions.ts";
import type { WebSettings } from "./settings.ts";

/** Who is using the app, and the client that speaks for them (anonymous when logged out). */
export interface AppSession {
  store: SessionStore;
  session: Session | null;
  client: ApiClient;
  /** The instance of the current account (or of this origin), null until known or when unavailable. */
  instance: Instance | null;
  setStore(store: SessionStore): void;
  /** The account's settings (defaults when logged out or on a server without Stoa's API). */
  settings: WebSettings;
  /** Changes settings on the server; they apply here at once. */
  updateSettings(changes: Partial<WebSettings>): Promise<void>;
}

const SessionContext = createContext<AppSession | null>(null);

export function SessionProvider({ value, children }: { value: AppSession; children: ComponentChildren }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): AppSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}
