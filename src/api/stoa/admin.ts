import type { Context } from "hono";
import { forbidden } from "../../lib/errors.ts";
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

