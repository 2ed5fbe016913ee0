import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { isId } from "../../lib/ids.ts";
import { forbidden, notFound } from "../../lib/errors.ts";
import { checkSelfJoin, createBody, powersOf, requireBody, seatMember, seatsOf, unseatMember, listBodies, type Body, type Seat } from "../../governance/bodies/bodies.ts";
import { isMember } from "../../governance/membership/membership.ts";
import { readParams, validate, zBool, zInt, zList } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import { scopeIfToken } from "../http/scope-if-token.ts";
import type { Env } from "../http/env.ts";
import type { Db } from "../../db/database.ts";
import { requireAdmin } from "./admin.ts";
import { fillBySortition } from "../../governance/bodies/sortition.ts";

const zId = z.string().refine(isId, "is not a valid id");

const serializeSeat = (s: Seat) => ({
  id: s.id, account_id: s.accountId, seated_at: s.seatedAt.toISOString(), term_ends_at: s.termEndsAt?.toISOString() ?? null,
  left_at: s.leftAt?.toISOString() ?? null, left_reason: s.leftReason,
});

async function serializeBody(sql: Db, b: Body) {
  const [powers, seats] = await Promise.all([powersOf(sql, b.id), seatsOf(sql, b.id, false)]);
  return {
    id: b.id, slug: b.slug, name: b.name, kind: b.kind, scope_id: b.scopeId, seats: b.seats, filling: b.filling,
    term_days: b.termDays, description: b.description, created_at: b.createdAt.toISOString(),
    powers: powers.map((p) => ({ power: p.power, scope_id: p.scopeId })),
    members: seats.map(serializeSeat),
  };
}

/** Bodies, their powers and their seats (with public history). */
export function bodyRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;
  const body = (idOrSlug: string) => requireBody(sql, idOrSlug);

  app.get("/api/stoa/v1/bodies", scopeIfToken(ctx, "read"), async (c) => c.json(await Promise.all((await listBodies(sql)).map((b) => serializeBody(sql, b)))));
  app.get("/api/stoa/v1/bodies/:id", scopeIfToken(ctx, "read"), async (c) => c.json(await serializeBody(sql, await body(c.req.param("id")))));
  app.get("/api/stoa/v1/bodies/:id/members", scopeIfToken(ctx, "read"), async (c) => {
    const q = validate(z.object({ history: zBool.default(false) }), c.req.query());
    return c.json((await seatsOf(sql, (await body(c.req.param("id"))).id, q.history)).map(serializeSeat));
  });

  app.post("/api/stoa/v1/bodies", authed(ctx, "write"), async (c) => {
    requireAdmin(c);
    const p = validate(z.object({
      slug: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, "must be lowercase letters, digits and dashes"),
      name: z.string().trim().min(1).max(200),
      kind: z.enum(["top-level", "intermediate", "auditory"]),
      scope_id: zId,
      seats: zInt.pipe(z.number().min(1).max(10_000)).nullable().default(null),
      filling: z.enum(["election", "appointment", "sortition", "open"]),
      term_days: zInt.pipe(z.number().min(1).max(3650)).nullable().default(null),
      description: z.string().max(5000).default(""),
      powers: zList(z.object({ power: z.string().regex(/^[a-z_]{1,64}$/, "must be a decision type"), scope_id: zId })).default([]),
    }), await readParams(c));
    const created = await sql.begin((tx) => createBody(tx, {
      slug: p.slug, name: p.name, kind: p.kind, scopeId: p.scope_id, seats: p.seats, filling: p.filling, termDays: p.term_days,
      description: p.description, powers: p.powers.map((w) => ({ power: w.power, scopeId: w.scope_id })),
    }));
    return c.json(await serializeBody(sql, created));
  });

  // Admins appoint anyone; a member joins an open body by naming themselves.
  app.post("/api/stoa/v1/bodies/:id/members", authed(ctx, "write"), async (c) => {
    const b = await body(c.req.param("id"));
    const p = validate(z.object({ account_id: zId }), await readParams(c));
    const me = viewerId(c);
    const role = c.get("auth")?.role;
    if (role !== "owner" && role !== "admin") {
      if (p.account_id !== me) throw forbidden("Only admins appoint other accounts");
      checkSelfJoin(b, await isMember(sql, me));
    }
    return c.json(serializeSeat(await sql.begin((tx) => seatMember(tx, b.id, p.account_id))));
  });
  app.post("/api/stoa/v1/bodies/:id/sortition", authed(ctx, "write"), async (c) => {
    requireAdmin(c);
    const b = await body(c.req.param("id"));
    const p = validate(z.object({ seed: z.string().min(8).max(200) }), await readParams(c));
    const drawn = await sql.begin((tx) => fillBySortition(tx, b, p.seed));
    return c.json({ seed: p.seed, candidates: drawn.candidates, seats: drawn.seats.map(serializeSeat) });
  });
  app.delete("/api/stoa/v1/bodies/:id/members/:account_id", authed(ctx, "write"), async (c) => {
    const b = await body(c.req.param("id"));
    const accountId = c.req.param("account_id");
    if (!isId(accountId)) throw notFound();
    const self = accountId === viewerId(c);
    if (!self) requireAdmin(c);
    const p = validate(z.object({ reason: z.string().max(500).optional() }), await readParams(c));
    await unseatMember(sql, b.id, accountId, p.reason ?? (self ? "resigned" : "removed"));
    return c.json({});
  });
  return app;
}
