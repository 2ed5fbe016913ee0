import { createHash } from "node:crypto";
import type { Db } from "../db/database.ts";
import { randomToken, safeEqual, sha256 } from "../lib/crypto.ts";

export interface IssuedToken {
  id: string;
  accessToken: string;
  refreshToken: string | null;
  scopes: string[];
  createdAt: Date;
}

/** Issues an access token (and a refresh token for users). Only hashes are stored. */
export async function issueToken(db: Db, input: { appId: string | null; userId: string | null; scopes: string[] }): Promise<IssuedToken> {
  const accessToken = randomToken(32);
  const refreshToken = input.userId ? randomToken(32) : null;
  const [row] = await db<{ id: string; createdAt: Date }[]>`
    insert into oauth_tokens (token_hash, refresh_hash, app_id, user_id, scopes)
    values (${sha256(accessToken)}, ${refreshToken ? sha256(refreshToken) : null}, ${input.appId}, ${input.userId}, ${input.scopes})
    returning id, created_at`;
  return { id: row!.id, accessToken, refreshToken, scopes: input.scopes, createdAt: row!.createdAt };
}

/** Revokes a token by its raw value, if it belongs to the app. */
export async function revokeToken(db: Db, appId: string, token: string): Promise<void> {
  await db`update oauth_tokens set revoked_at = now()
    where app_id = ${appId} and revoked_at is null and (token_hash = ${sha256(token)} or refresh_hash = ${sha256(token)})`;
}

/** Stores a single-use authorization code, valid for ten minutes. */
export async function createAuthorizationCode(db: Db, input: {
  appId: string; userId: string; redirectUri: string; scopes: string[]; codeChallenge: string | null; codeChallengeMethod: string | null;
}): Promise<string> {
  const code = randomToken(32);
  await db`
    insert into oauth_codes (code_hash, app_id, user_id, redirect_uri, scopes, code_challenge, code_challenge_method, expires_at)
    values (${sha256(code)}, ${input.appId}, ${input.userId}, ${input.redirectUri}, ${input.scopes},
            ${input.codeChallenge}, ${input.codeChallengeMethod}, now() + interval '10 minutes')`;
  return code;
}

export interface RedeemedCode {
  userId: string;
  scopes: string[];
}

/**
 * Redeems a code once: it must belong to the app, match the redirect URI, be unexpired, and
 * (when the authorization carried a PKCE challenge) match the verifier. Returns null otherwise.
 */
export async function redeemAuthorizationCode(db: Db, input: {
  appId: string; code: string; redirectUri: string; codeVerifier: string | undefined;
}): Promise<RedeemedCode | null> {
  const [row] = await db<{ userId: string; scopes: string[]; redirectUri: string; codeChallenge: string | null; codeChallengeMethod: string | null }[]>`
    update oauth_codes set used_at = now()
    where code_hash = ${sha256(input.code)} and app_id = ${input.appId} and used_at is null and expires_at > now()
    returning user_id, scopes, redirect_uri, code_challenge, code_challenge_method`;
  if (!row || row.redirectUri !== input.redirectUri) return null;
  if (row.codeChallenge && !verifyPkce(row.codeChallenge, row.codeChallengeMethod, input.codeVerifier)) return null;
  return { userId: row.userId, scopes: row.scopes };
}

/** RFC 7636: S256 (or plain) code challenge check. */
export function verifyPkce(challenge: string, method: string | null, verifier: string | undefined): boolean {
  if (!verifier || !/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return false;
  const computed = method === "plain" ? verifier : createHash("sha256").update(verifier).digest("base64url");
  return safeEqual(computed, challenge);
}

/** Exchanges a refresh token for a new token pair; the old pair is revoked. */
export async function refreshToken(db: Db, appId: string, refresh: string): Promise<IssuedToken | null> {
  const [old] = await db<{ id: string; userId: string; scopes: string[] }[]>`
    update oauth_tokens set revoked_at = now()
    where refresh_hash = ${sha256(refresh)} and app_id = ${appId} and revoked_at is null
    returning id, user_id, scopes`;
  if (!old) return null;
  return issueToken(db, { appId, userId: old.userId, scopes: old.scopes });
}
