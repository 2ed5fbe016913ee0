import { Hono, type Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppContext } from "../../context.ts";
import { checkCredentials } from "../../accounts/login.ts";
import { findAppByClientId, OOB_REDIRECT, type OAuthApp } from "../../oauth/apps.ts";
import { createAuthorizationCode, issueToken, redeemAuthorizationCode, refreshToken, revokeToken, type IssuedToken } from "../../oauth/tokens.ts";
import { sha256, safeEqual } from "../../lib/crypto.ts";
import { readParams } from "../http/params.ts";
import { authenticate, scopeRequired, tokenRequired, viewerId } from "../http/auth.ts";
import { findAccount } from "../../accounts/queries.ts";
import { serializeAccount } from "./entities/account.ts";
import { parseScopes, withinScopes, TOP_SCOPES, GRANULAR_SCOPES } from "../http/scopes.ts";
import type { Env } from "../http/env.ts";
import { serializeToken } from "./entities/token.ts";
import { codePage, consentPage, errorPage, loginPage, type AuthorizeFields } from "./oauth-page.ts";

const SESSION_COOKIE = "stoa_session";

/** OAuth 2 endpoints: authorization (login + consent page), token, revoke, server metadata. */
export function oauthRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();

  app.get("/.well-known/oauth-authorization-server", (c) => c.json({
    issuer: `${ctx.config.origin}/`,
    service_documentation: "https://docs.joinmastodon.org/",
    authorization_endpoint: `${ctx.config.origin}/oauth/authorize`,
    token_endpoint: `${ctx.config.origin}/oauth/token`,
    revocation_endpoint: `${ctx.config.origin}/oauth/revoke`,
    userinfo_endpoint: `${ctx.config.origin}/oauth/userinfo`,
    app_registration_endpoint: `${ctx.config.origin}/api/v1/apps`,
    scopes_supported: [...TOP_SCOPES, ...GRANULAR_SCOPES],
    response_types_supported: ["code"],
    response_modes_supported: ["query", "fragment", "form_post"],
    code_challenge_methods_supported: ["S256"],
    grant_types_supported: ["authorization_code", "password", "client_credentials", "refresh_token"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
  }));

  app.get("/oauth/authorize", async (c) => {
    const checked = await checkAuthorizeRequest(ctx, await readParams(c));
    if ("error" in checked) return c.html(errorPage(checked.error), 400);
    const session = await sessionUser(ctx, c);
    if (!session || c.req.query("force_login") === "true") return c.html(loginPage(checked.app.name, checked.fields));
    return c.html(consentPage(checked.app.name, session.username, checked.scopes, checked.fields, csrfFor(getCookie(c, SESSION_COOKIE)!)));
  });

  app.post("/oauth/authorize", async (c) => {
    const params = await readParams(c);
    const checked = await checkAuthorizeRequest(ctx, params);
    if ("error" in checked) return c.html(errorPage(checked.error), 400);
    const { app: client, fields, scopes } = checked;
    if (params.decision === "login") {
      const login = await checkCredentials(ctx.sql, String(params.login ?? ""), String(params.password ?? ""));
      if (!login) return c.html(loginPage(client.name, fields, "Invalid login or password."), 401);
      const session = await issueToken(ctx.sql, { appId: null, userId: login.userId, scopes: ["read"] });
      setCookie(c, SESSION_COOKIE, session.accessToken, {
        httpOnly: true, sameSite: "Lax", path: "/oauth", secure: ctx.config.origin.startsWith("https:"), maxAge: 60 * 60 * 24 * 14,
      });
      const user = await sessionUserByToken(ctx, session.accessToken);
      return c.html(consentPage(client.name, user!.username, scopes, fields, csrfFor(session.accessToken)));
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    const session = await sessionUser(ctx, c);
    if (!session || !cookie || !safeEqual(String(params.csrf ?? ""), csrfFor(cookie))) {
      return c.html(loginPage(client.name, fields, "Your session expired. Please log in again."), 403);
    }
    if (params.decision !== "approve") return c.redirect(withQuery(fields.redirect_uri, { error: "access_denied", state: fields.state }));
    const code = await createAuthorizationCode(ctx.sql, {
      appId: client.id, userId: session.userId, redirectUri: fields.redirect_uri, scopes,
      codeChallenge: fields.code_challenge || null, codeChallengeMethod: fields.code_challenge ? fields.code_challenge_method || "S256" : null,
    });
    if (fields.redirect_uri === OOB_REDIRECT) return c.html(codePage(code));
    return c.redirect(withQuery(fields.redirect_uri, { code, state: fields.state }));
  });

  app.post("/oauth/token", async (c) => {
    const params = await readParams(c);
    const client = await clientFromRequest(ctx, c, params);
    const grant = String(params.grant_type ?? "");
    if (!client.app) return oauthError(c, 401, "invalid_client", "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.");
    const app = client.app;
    let token: IssuedToken | null = null;
    if (grant === "authorization_code") {
      const redeemed = await redeemAuthorizationCode(ctx.sql, {
        appId: app.id, code: String(params.code ?? ""), redirectUri: String(params.redirect_uri ?? ""),
        codeVerifier: params.code_verifier === undefined ? undefined : String(params.code_verifier),
      });
      if (!redeemed || (!client.authenticated && params.code_verifier === undefined)) return invalidGrant(c);
      token = await issueToken(ctx.sql, { appId: app.id, userId: redeemed.userId, scopes: redeemed.scopes });
    } else if (grant === "client_credentials") {
      if (!client.authenticated) return oauthError(c, 401, "invalid_client", "Client authentication failed.");
      const scopes = parseScopes(params.scope as string | undefined);
      if (!scopes || !withinScopes(scopes, app.scopes)) return oauthError(c, 400, "invalid_scope", "The requested scope is invalid, unknown, or malformed.");
      token = await issueToken(ctx.sql, { appId: app.id, userId: null, scopes });
    } else if (grant === "password") {
      if (!client.authenticated) return oauthError(c, 401, "invalid_client", "Client authentication failed.");
      const scopes = parseScopes(params.scope as string | undefined);
      if (!scopes || !withinScopes(scopes, app.scopes)) return oauthError(c, 400, "invalid_scope", "The requested scope is invalid, unknown, or malformed.");
      const login = await checkCredentials(ctx.sql, String(params.username ?? ""), String(params.password ?? ""));
      if (!login) return invalidGrant(c);
      token = await issueToken(ctx.sql, { appId: app.id, userId: login.userId, scopes });
    } else if (grant === "refresh_token") {
      token = await refreshToken(ctx.sql, app.id, String(params.refresh_token ?? ""));
      if (!token) return invalidGrant(c);
    } else {
      return oauthError(c, 400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.");
    }
    c.header("Cache-Control", "no-store");
    return c.json(serializeToken(token));
  });

  app.post("/oauth/revoke", async (c) => {
    const params = await readParams(c);
    const client = await clientFromRequest(ctx, c, params);
    if (!client.app || !client.authenticated) return oauthError(c, 403, "unauthorized_client", "You are not authorized to revoke this token.");
    await revokeToken(ctx.sql, client.app.id, String(params.token ?? ""));
    return c.json({});
  });

  // OpenID Connect claims about the token's user, for apps that only need to know who logged in.
  app.on(["GET", "POST"], "/oauth/userinfo", tokenRequired(ctx), scopeRequired("profile"), async (c) => {
    const account = serializeAccount(ctx, (await findAccount(ctx.sql, viewerId(c)))!);
    return c.json({
      iss: `${ctx.config.origin}/`,
      sub: account.url,
      name: account.display_name,
      preferred_username: account.username,
      profile: account.url,
      picture: account.avatar,
    });
  });

  return app;
}

async function checkAuthorizeRequest(ctx: AppContext, params: Record<string, unknown>):
  Promise<{ error: string } | { app: OAuthApp; fields: AuthorizeFields; scopes: string[] }> {
  const str = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : "");
  const app = str("client_id") ? await findAppByClientId(ctx.sql, str("client_id")) : null;
  if (!app) return { error: "Unknown client application." };
  const redirectUri = str("redirect_uri") || (app.redirectUris.length === 1 ? app.redirectUris[0]! : "");
  if (!app.redirectUris.includes(redirectUri)) return { error: "The redirect URI is not registered for this application." };
  if (str("response_type") !== "code") return { error: "Only the authorization code flow (response_type=code) is supported." };
  const scopes = parseScopes(str("scope") || undefined);
  if (!scopes || !withinScopes(scopes, app.scopes)) return { error: "The requested scope is invalid or not registered for this application." };
  const method = str("code_challenge_method");
  if (str("code_challenge") && method && method !== "S256") return { error: "Only the S256 code challenge method is supported." };
  const fields: AuthorizeFields = {
    client_id: app.clientId, redirect_uri: redirectUri, scope: scopes.join(" "), state: str("state"),
    code_challenge: str("code_challenge"), code_challenge_method: method, response_type: "code",
  };
  return { app, fields, scopes };
}

async function sessionUser(ctx: AppContext, c: Context) {
  const token = getCookie(c, SESSION_COOKIE);
  return token ? sessionUserByToken(ctx, token) : null;
}

async function sessionUserByToken(ctx: AppContext, token: string) {
  const auth = await authenticate(ctx, token);
  if (!auth?.userId || auth.appId !== null) return null;
  const [row] = await ctx.sql<{ username: string }[]>`select username from accounts where id = ${auth.accountId}`;
  return row ? { userId: auth.userId, username: row.username } : null;
}

function csrfFor(sessionToken: string): string {
  return sha256(`csrf:${sessionToken}`);
}

/** The client, from HTTP Basic credentials or body parameters; `authenticated` when the secret matched. */
async function clientFromRequest(ctx: AppContext, c: Context, params: Record<string, unknown>) {
  let clientId = typeof params.client_id === "string" ? params.client_id : "";
  let secret = typeof params.client_secret === "string" ? params.client_secret : undefined;
  const basic = c.req.header("authorization")?.match(/^Basic\s+(\S+)$/i)?.[1];
  if (basic) {
    const [id, pass] = Buffer.from(basic, "base64").toString().split(":");
    clientId = decodeURIComponent(id ?? "");
    secret = decodeURIComponent(pass ?? "");
  }
  const app = clientId ? await findAppByClientId(ctx.sql, clientId) : null;
  if (app && secret !== undefined && !safeEqual(secret, app.clientSecret)) return { app: null, authenticated: false };
  return { app, authenticated: app !== null && secret !== undefined };
}

function withQuery(uri: string, query: Record<string, string>): string {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(query)) if (v) u.searchParams.set(k, v);
  return u.toString();
}

function oauthError(c: Context, status: 400 | 401 | 403, error: string, description: string) {
  return c.json({ error, error_description: description }, status);
}

function invalidGrant(c: Context) {
  return oauthError(c, 400, "invalid_grant", "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.");
}
