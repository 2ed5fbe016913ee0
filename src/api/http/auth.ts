import type { Context, MiddlewareHandler } from "hono";
import type { AppContext } from "../../context.ts";
import { sha256 } from "../../lib/crypto.ts";
import { ApiError, forbidden, unauthorized } from "../../lib/errors.ts";
import { grants } from "./scopes.ts";
import type { Env } from "./env.ts";

/** Who is calling: the token, its scopes, and (unless client_credentials) the user. */
export interface Auth {
  tokenId: string;
  appId: string | null;
  scopes: string[];
  userId: string | null;
  accountId: string | null;
  role: string | null;
}

interface TokenRow {
  id: string;
  appId: string | null;
  scopes: string[];
  userId: string | null;
  accountId: string | null;
  role: string | null;
  disabled: boolean | null;
  approved: boolean | null;
  suspendedAt: Date | null;
}

/** The bearer token of a request: `Authorization` header, else `access_token` query parameter. */
export function bearerToken(c: Context): string | undefined {
  const header = c.req.header("authorization");
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? c.req.query("access_token") ?? undefined;
}

/**
 * Resolves a raw token to its Auth, or null when it is unknown, revoked, expired or its user cannot log in.
 * `allowSuspended`: a suspended person may still read why and appeal (moderation routes only).
 */
export async function authenticate(ctx: AppContext, token: string, options: { allowSuspended?: boolean } = {}): Promise<Auth | null> {
  const [row] = await ctx.sql<TokenRow[]>`
    select t.id, t.app_id, t.scopes, t.user_id, u.account_id, u.role, u.disabled, u.approved, a.suspended_at
    from oauth_tokens t
    left join users u on u.id = t.user_id
    left join accounts a on a.id = u.account_id
    where t.token_hash = ${sha256(token)} and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())`;
  if (!row) return null;
  if (row.userId && (row.disabled || !row.approved || (row.suspendedAt && !options.allowSuspended))) return null;
  return { tokenId: row.id, appId: row.appId, scopes: row.scopes, userId: row.userId, accountId: row.accountId, role: row.role };
}

/** Reads the token if there is one; an invalid token is a 401 even on public endpoints, as Mastodon does. */
export function tokenOptional(ctx: AppContext): MiddlewareHandler<Env> {
  return async (c, next) => {
    const token = bearerToken(c);
    if (token) {
      const auth = await authenticate(ctx, token);
      if (!auth) throw unauthorized();
      c.set("auth", auth);
    }
    await next();
  };
}

/** Requires a valid token (of a user, unless `allowApp`). */
export function tokenRequired(ctx: AppContext, options: { allowApp?: boolean; allowSuspended?: boolean } = {}): MiddlewareHandler<Env> {
  return async (c, next) => {
    const token = bearerToken(c);
    const auth = token ? await authenticate(ctx, token, options) : null;
    if (!auth) throw unauthorized();
    if (!auth.userId && !options.allowApp) throw new ApiError(422, "This method requires an authenticated user");
    c.set("auth", auth);
    await next();
  };
}

/** Requires that the token grants one of the scopes. */
export function scopeRequired(...scopes: string[]): MiddlewareHandler<Env> {
  return async (c, next) => {
    const auth = c.get("auth");
    if (!auth) throw unauthorized();
    if (!scopes.some((s) => grants(auth.scopes, s))) {
      throw forbidden("This action is outside the authorized scopes");
    }
    await next();
  };
}

/** The user's own account id, for handlers behind tokenRequired. */
export function viewerId(c: Context<Env>): string {
  const id = c.get("auth")?.accountId;
  if (!id) throw unauthorized();
  return id;
}

/** The viewer's account id if logged in, else null. */
export function optionalViewerId(c: Context<Env>): string | null {
  return c.get("auth")?.accountId ?? null;
}

/** `tokenRequired` then `scopeRequired`, as one middleware: the usual guard of an authenticated endpoint. */
export function authed(ctx: AppContext, ...scopes: string[]): MiddlewareHandler<Env> {
  return guard(tokenRequired(ctx), scopes);
}

/** `authed`, but a suspended person passes too: for reading statements of reasons and appealing. */
export function authedEvenIfSuspended(ctx: AppContext, ...scopes: string[]): MiddlewareHandler<Env> {
  return guard(tokenRequired(ctx, { allowSuspended: true }), scopes);
}

function guard(token: MiddlewareHandler<Env>, scopes: string[]): MiddlewareHandler<Env> {
  const scope = scopeRequired(...scopes);
  return (c, next) => token(c, async () => {
    await scope(c, next);
  });
}
