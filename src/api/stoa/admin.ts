import type { Context, MiddlewareHandler } from "hono";
import type { AppContext } from "../../context.ts";
import { forbidden } from "../../lib/errors.ts";
import { authed } from "../http/auth.ts";
import type { Env } from "../http/env.ts";

/** The caller as governance checks see it: account and instance role. */
export function actor(c: Context<Env>): { accountId: string; role: string | null } {
  const auth = c.get("auth");
  if (!auth?.accountId) throw forbidden();
  return { accountId: auth.accountId, role: auth.role };
}

/** Throws 403 unless the caller is the owner or an admin of the instance. */
export function requireAdmin(c: Context<Env>): void {
  const role = c.get("auth")?.role;
  if (role !== "owner" && role !== "admin") throw forbidden("This action requires an admin");
}


/** A token with the `admin:write` scope, held by an owner or admin: the guard of Stoa's admin routes. */
export function adminRequired(ctx: AppContext): MiddlewareHandler<Env> {
  const guard = authed(ctx, "admin:write");
  return (c, next) => guard(c, async () => {
    requireAdmin(c);
    await next();
  });
}
