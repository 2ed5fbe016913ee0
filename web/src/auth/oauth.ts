import { createClient } from "../api/client.ts";
import type { Account, OAuthApplication, Token } from "../api/types.ts";
import { addSession, type KeyValueStorage, type SessionStore } from "./sessions.ts";
import { challengeFor, randomToken } from "./pkce.ts";

const SCOPES = "read write follow push";
const APPS_KEY = "stoa.apps.v1";
const PENDING_KEY = "stoa.oauth.pending";

/** What survives the round trip through the authorization page (in sessionStorage). */
interface PendingLogin {
  state: string;
  verifier: string;
  origin: string;
  clientId: string;
  clientSecret: string;
  returnTo: string;
}

/** The callback this app registers: the same on every instance it logs in to. */
export function redirectUri(): string {
  return `${location.origin}/oauth-callback`;
}

/** Accepts `stoa.example`, `https://stoa.example/` or a full URL; returns its origin. */
export function normalizeOrigin(input: string): string {
  const trimmed = input.trim();
  return new URL(/^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`).origin;
}

/** Registers this web app on an instance once, and remembers the credentials per instance. */
async function appFor(origin: string, storage: KeyValueStorage): Promise<OAuthApplication> {
  const known = JSON.parse(storage.getItem(APPS_KEY) ?? "{}") as Record<string, OAuthApplication & { redirect: string }>;
  const cached = known[origin];
  if (cached && cached.redirect === redirectUri()) return cached;
  const app = await createClient(origin).post<OAuthApplication>("/api/v1/apps", {
    client_name: "Stoa web", redirect_uris: redirectUri(), scopes: SCOPES, website: location.origin,
  });
  storage.setItem(APPS_KEY, JSON.stringify({ ...known, [origin]: { client_id: app.client_id, client_secret: app.client_secret, redirect: redirectUri() } }));
  return app;
}

/** Starts authorization code + PKCE on an instance: leaves the page for its login form. */
export async function startLogin(origin: string, returnTo = "/home"): Promise<void> {
  const app = await appFor(origin, localStorage);
  const pending: PendingLogin = { state: randomToken(), verifier: randomToken(), origin, clientId: app.client_id, clientSecret: app.client_secret, returnTo };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL("/oauth/authorize", origin);
  url.search = new URLSearchParams({
    response_type: "code", client_id: app.client_id, redirect_uri: redirectUri(), scope: SCOPES, state: pending.state,
    code_challenge: await challengeFor(pending.verifier), code_challenge_method: "S256",
  }).toString();
  location.assign(url.toString());
}

/** Why a callback could not complete, for a message the person can act on. */
export type CallbackProblem = "denied" | "state" | "exchange";

/** Completes the login on /oauth-callback: checks state, redeems the code, stores the session. */
export async function finishLogin(params: URLSearchParams): Promise<{ store: SessionStore; returnTo: string } | { problem: CallbackProblem }> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? "null") as PendingLogin | null;
  sessionStorage.removeItem(PENDING_KEY);
  if (params.get("error")) return { problem: "denied" };
  const code = params.get("code");
  if (!pending || !code || params.get("state") !== pending.state) return { problem: "state" };
  try {
    const token = await createClient(pending.origin).post<Token>("/oauth/token", {
      grant_type: "authorization_code", code, redirect_uri: redirectUri(), client_id: pending.clientId,
      client_secret: pending.clientSecret, code_verifier: pending.verifier, scope: SCOPES,
    });
    const me = await createClient(pending.origin, token.access_token).get<Account>("/api/v1/accounts/verify_credentials");
    const store = addSession(localStorage, {
      origin: pending.origin, accountId: me.id, acct: me.acct, displayName: me.display_name || me.username,
      avatar: me.avatar_static || me.avatar, accessToken: token.access_token, scope: token.scope,
    });
    return { store, returnTo: pending.returnTo.startsWith("/") ? pending.returnTo : "/home" };
  } catch {
    return { problem: "exchange" };
  }
}

/** Revokes the token on its instance; the caller forgets the session either way. */
export async function revoke(origin: string, accessToken: string): Promise<void> {
  const known = JSON.parse(localStorage.getItem(APPS_KEY) ?? "{}") as Record<string, OAuthApplication>;
  const app = known[origin];
  if (!app) return;
  await createClient(origin).post("/oauth/revoke", { client_id: app.client_id, client_secret: app.client_secret, token: accessToken }).catch(() => undefined);
}
