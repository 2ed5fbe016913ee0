import type { IssuedToken } from "../../../oauth/tokens.ts";

/** Mastodon's Token entity (the OAuth token response). */
export function serializeToken(token: IssuedToken) {
  return {
    access_token: token.accessToken,
    token_type: "Bearer",
    scope: token.scopes.join(" "),
    created_at: Math.floor(token.createdAt.getTime() / 1000),
    ...(token.refreshToken ? { refresh_token: token.refreshToken } : {}),
  };
}
