import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { isId } from "../../lib/ids.ts";
import { notFound } from "../../lib/errors.ts";
import { callElection, callRecall, candidaciesOf, openElection, requireElection, stand, withdrawCandidacy, type Election } from "../../governance/elections/elections.ts";
import { requireBody } from "../../governance/bodies/bodies.ts";
import { readParams, validate, zInt } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import { scopeIfToken } from "../http/scope-if-token.ts";
import type { Env } from "../http/env.ts";
import type { Db } from "../../db/database.ts";
import { actor } from "./admin.ts";

const zId = z.string().refine(isId, "is not a valid id");

async function serializeElection(sql: Db, e: Election) {
  const candidacies = await candidaciesOf(sql, e.id);
  return {
    id: e.id, body_id: e.bodyId, kind: e.kind, seats: e.seats, method: e.method, state: e.state, proposal_id: e.proposalId,
    recall_account_id: e.recallAccountId, elected: e.elected, created_at: e.createdAt.toISOString(),
    candidates: candidacies.map((k) => ({ account_id: k.accountId, statement: k.statement, created_at: k.createdAt.toISOString() })),
  };
}

/** Elections and recalls of body members. */
export function electionRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;
  const election = (id: string) => {
    if (!isId(id)) throw notFound();
    return requireElection(sql, id);
  };

  app.get("/api/stoa/v1/elections/:id", scopeIfToken(ctx, "read"), async (c) => c.json(await serializeElection(sql, await election(c.req.param("id")))));
  app.get("/api/stoa/v1/bodies/:id/elections", scopeIfToken(ctx, "read"), async (c) => {
    const body = await requireBody(sql, c.req.param("id"));
    const rows = await sql<Election[]>`select * from gov_elections where body_id = ${body.id} order by id desc limit 40`;
    return c.json(await Promise.all(rows.map((e) => serializeElection(sql, e))));
  });
  app.post("/api/stoa/v1/bodies/:id/elections", authed(ctx, "write"), async (c) => {
    const body = await requireBody(sql, c.req.param("id"));
    const p = validate(z.object({
      seats: zInt.pipe(z.number().min(1)).optional(),
      method: z.enum(["stv", "schulze", "irv", "approval", "score", "majority"]).default("stv"),
    }), await readParams(c));
    return c.json(await serializeElection(sql, await callElection(sql, actor(c), body.id, { seats: p.seats ?? null, method: p.method })));
  });
  app.post("/api/stoa/v1/elections/:id/candidacy", authed(ctx, "write"), async (c) => {
    const e = await election(c.req.param("id"));
    const p = validate(z.object({ statement: z.string().max(5000).default("") }), await readParams(c));
    await stand(sql, e, viewerId(c), p.statement);
    return c.json(await serializeElection(sql, e));
  });
  app.delete("/api/stoa/v1/elections/:id/candidacy", authed(ctx, "write"), async (c) => {
    const e = await election(c.req.param("id"));
    await withdrawCandidacy(sql, e, viewerId(c));
    return c.json(await serializeElection(sql, e));
  });
  app.post("/api/stoa/v1/elections/:id/vote", authed(ctx, "write"), async (c) => {
    const e = await election(c.req.param("id"));
    const p = validate(z.object({ closes_at: z.coerce.date() }), await readParams(c));
    return c.json(await serializeElection(sql, await openElection(ctx, actor(c), e, p.closes_at)));
  });
  app.post("/api/stoa/v1/bodies/:id/members/:account_id/recall", authed(ctx, "write"), async (c) => {
    const body = await requireBody(sql, c.req.param("id"));
    const p = validate(z.object({ account_id: zId, closes_at: z.coerce.date() }), { ...(await readParams(c)), account_id: c.req.param("account_id") });
    return c.json(await serializeElection(sql, await callRecall(ctx, actor(c), body.id, p.account_id, p.closes_at)));
  });
  return app;
}
