import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { requireAvailableAccount } from "../../accounts/lookup.ts";
import { resolveRemoteAccount } from "../../federation/remote-accounts.ts";
import { findAccountByAcct } from "../../accounts/queries.ts";
import { searchAccounts } from "../../accounts/search.ts";
import { isId } from "../../lib/ids.ts";
import { notFound } from "../../lib/errors.ts";
import { authed, optionalViewerId } from "../http/auth.ts";
import { readParams, validate, zBool, zList } from "../http/params.ts";
import { scopeIfToken } from "../http/scope-if-token.ts";
import type { Env } from "../http/env.ts";
import { serializeAccountRow, serializeAccountsById } from "./entities/account-list.ts";

const listSchema = z.object({
  id: zList(z.string()).optional().transform((ids) => (ids ?? []).filter(isId).slice(0, 80)),
});

const searchSchema = z.object({
  q: z.string().max(500),
  limit: z.coerce.number().int().optional().catch(undefined),
  offset: z.coerce.number().int().min(0).max(10_000).optional().catch(undefined),
  resolve: zBool.optional(),
  following: zBool.optional(),
});

/** Reading accounts: by id, in batches, by handle, and by search. */
export function accountReadRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();

  app.get("/api/v1/accounts/:id{[0-9]+}", scopeIfToken(ctx, "read:accounts"), async (c) => {
    return c.json(await serializeAccountRow(ctx, await requireAvailableAccount(ctx.sql, c.req.param("id"))));
  });

  app.get("/api/v1/accounts", scopeIfToken(ctx, "read:accounts"), async (c) => {
    const p = validate(listSchema, await readParams(c));
    return c.json(await serializeAccountsById(ctx, p.id));
  });

  app.get("/api/v1/accounts/lookup", scopeIfToken(ctx, "read:accounts"), async (c) => {
    const p = validate(z.object({ acct: z.string().min(1).max(400) }), await readParams(c));
    // Unknown or stale remote handles are resolved over WebFinger first.
    if (p.acct.replace(/^@/, "").includes("@")) await resolveRemoteAccount(ctx, p.acct);
    const account = await findAccountByAcct(ctx.sql, p.acct, ctx.config.domain);
    if (!account || account.suspendedAt) throw notFound();
    return c.json(await serializeAccountRow(ctx, account));
  });

  app.get("/api/v1/accounts/search", authed(ctx, "read:accounts"), async (c) => {
    const p = validate(searchSchema, await readParams(c));
    const limit = Math.min(Math.max(p.limit ?? 40, 1), 80);
    // `resolve` would fetch unknown remote handles; until federation lands, only known accounts are found.
    const rows = await searchAccounts(ctx.sql, optionalViewerId(c), ctx.config.domain, { q: p.q, limit, offset: p.offset ?? 0, following: p.following ?? false });
    return c.json(await serializeAccountsById(ctx, rows.map((r) => r.id)));
  });

  return app;
}
