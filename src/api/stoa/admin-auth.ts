import type { MiddlewareHandler } from "hono";
import type { AppContext } from "../../context.ts";
import { forbidden } from "../../lib/errors.ts";
import { authed } from "../http/auth.ts";
import type { Env } from "../http/env.ts";

/** A token with the `admin:write` scope, held by an owner or admin: the guard of Stoa's admin routes. */
export function adminRequired(ctx: AppContext): MiddlewareHandler<Env> {
  const guard = authed(ctx, "admin:write");
  return (c, next) => guard(c, async () => {
    const role = c.get("auth")?.role;
    if (role !== "owner" && role !== "admin") throw forbidden();
    await next();
  });
}
