import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { isId } from "../../lib/ids.ts";
import { forbidden, notFound } from "../../lib/errors.ts";
import { applyForMembership, canAdmit, decideMembership, findMembership, leaveMembership, sphereOf, type Membership } from "../../governance/membership/membership.ts";
import { readParams, validate } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import { scopeIfToken } from "../http/scope-if-token.ts";
import { finishPage, pageFilter, pageOrder, pageParams, setLinkHeader } from "../http/pagination.ts";
import type { Env } from "../http/env.ts";
import { actor } from "./admin.ts";

const serializeMembership = (m: Membership) => ({
  account_id: m.accountId, status: m.status, statement: m.statement, worker: m.worker,
  applied_at: m.appliedAt.toISOString(), decided_at: m.decidedAt?.toISOString() ?? null, decided_by: m.decidedBy,
});

/** Applying for membership, admitting members, and spheres. */
export function membershipRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;

  app.get("/api/stoa/v1/membership", authed(ctx, "read"), async (c) => {
    const me = viewerId(c);
    const membership = await findMembership(sql, me);
    return c.json({ sphere: await sphereOf(sql, me), membership: membership ? serializeMembership(membership) : null });
  });
  app.post("/api/stoa/v1/membership", authed(ctx, "write"), async (c) => {
    const p = validate(z.object({ statement: z.string().trim().max(2000).default("") }), await readParams(c));
    return c.json(serializeMembership(await applyForMembership(sql, viewerId(c), p.statement)));
  });
  app.delete("/api/stoa/v1/membership", authed(ctx, "write"), async (c) => {
    await leaveMembership(sql, viewerId(c));
    return c.json({});
  });

  app.get("/api/stoa/v1/membership/applications", authed(ctx, "read"), async (c) => {
    if (!(await canAdmit(sql, actor(c)))) throw forbidden("You may not decide on membership");
    const page = pageParams(c.req.query(), 40, 80);
    const rows = await sql<Membership[]>`
      select * from gov_memberships where status = 'pending' ${pageFilter(sql, page, "account_id")}
      ${pageOrder(sql, page, "account_id")} limit ${page.limit}`;
    const list = finishPage(rows, page);
    setLinkHeader(c, ctx.config.origin, list.map((m) => m.accountId));
    return c.json(list.map(serializeMembership));
  });
  for (const [verb, admit] of [["admit", true], ["reject", false]] as const) {
    app.post(`/api/stoa/v1/membership/applications/:account_id/${verb}`, authed(ctx, "write"), async (c) => {
      if (!isId(c.req.param("account_id"))) throw notFound();
      return c.json(serializeMembership(await decideMembership(sql, actor(c), c.req.param("account_id"), admit)));
    });
  }

  app.get("/api/stoa/v1/accounts/:id/sphere", scopeIfToken(ctx, "read"), async (c) => {
    if (!isId(c.req.param("id"))) throw notFound();
    const sphere = await sphereOf(sql, c.req.param("id"));
    if (!sphere) throw notFound();
    return c.json({ account_id: c.req.param("id"), sphere });
  });
  return app;
}
