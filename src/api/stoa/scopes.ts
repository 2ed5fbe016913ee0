import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { isId } from "../../lib/ids.ts";
import { notFound } from "../../lib/errors.ts";
import { createScope, homeScopes, listScopes, requireScope, scopePath, setHomeScopes, type Scope } from "../../governance/scopes/scopes.ts";
import { readParams, validate, zList } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import { scopeIfToken } from "../http/scope-if-token.ts";
import type { Env } from "../http/env.ts";
import { requireAdmin } from "./admin.ts";

/** A scope as the Stoa API shows it. */
export const serializeScope = (s: Scope) => ({ id: s.id, tree: s.tree, level: s.level, code: s.code, name: s.name, parent_id: s.parentId });

const zId = z.string().refine(isId, "is not a valid id");

/** Geographic and functional scopes, and the caller's home scopes. */
export function scopeRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;

  app.get("/api/stoa/v1/scopes", scopeIfToken(ctx, "read"), async (c) => {
    const q = validate(z.object({ tree: z.enum(["geographic", "functional"]).optional(), parent_id: z.union([zId, z.literal("root")]).optional() }), c.req.query());
    const parentId = q.parent_id === "root" ? null : q.parent_id;
    return c.json((await listScopes(sql, { tree: q.tree, parentId })).map(serializeScope));
  });
  app.get("/api/stoa/v1/scopes/:id", scopeIfToken(ctx, "read"), async (c) => {
    if (!isId(c.req.param("id"))) throw notFound();
    const scope = await requireScope(sql, c.req.param("id"));
    const path = await scopePath(sql, scope.id);
    return c.json({ ...serializeScope(scope), path: path.map(serializeScope) });
  });
  app.post("/api/stoa/v1/scopes", authed(ctx, "write"), async (c) => {
    requireAdmin(c);
    const p = validate(z.object({
      level: z.enum(["region", "zone", "locality", "area"]),
      code: z.string().trim().regex(/^[\w.-]{1,64}$/, "must be 1 to 64 letters, digits, dots, dashes or underscores"),
      name: z.string().trim().min(1).max(200),
      parent_id: zId.optional(),
    }), await readParams(c));
    const scope = await createScope(sql, { level: p.level, code: p.code, name: p.name, parentId: p.parent_id ?? null });
    return c.json(serializeScope(scope));
  });

  app.get("/api/stoa/v1/home_scopes", authed(ctx, "read"), async (c) => c.json((await homeScopes(sql, viewerId(c))).map(serializeScope)));
  app.put("/api/stoa/v1/home_scopes", authed(ctx, "write"), async (c) => {
    const p = validate(z.object({ scope_ids: zList(zId).pipe(z.array(z.string()).max(20)) }), await readParams(c));
    const scopes = await sql.begin((tx) => setHomeScopes(tx, viewerId(c), p.scope_ids));
    return c.json(scopes.map(serializeScope));
  });
  return app;
}
