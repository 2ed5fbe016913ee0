import type { MiddlewareHandler } from "hono";
import type { AppContext } from "../../context.ts";
import { forbidden } from "../../lib/errors.ts";
import { tokenOptional } from "./auth.ts";
import type { Env } from "./env.ts";
import { grants } from "./scopes.ts";

/**
 * For public endpoints: anyone may call them, but a caller who sends a token must have one of
 * the scopes (Mastodon's `authorize_if_got_token!`).
 */
export function scopeIfToken(ctx: AppContext, ...scopes: string[]): MiddlewareHandler<Env> {
  const token = tokenOptional(ctx);
  return (c, next) => token(c, async () => {
    const auth = c.get("auth");
    if (auth && !scopes.some((s) => grants(auth.scopes, s))) throw forbidden("This action is outside the authorized scopes");
    await next();
  });
}
