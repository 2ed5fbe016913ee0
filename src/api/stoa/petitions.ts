import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { isId } from "../../lib/ids.ts";
import { notFound } from "../../lib/errors.ts";
import { createPetition, listPetitions, requirePetition, signPetition, unsignPetition, type Petition } from "../../governance/petitions/petitions.ts";
import { methodNames } from "../../governance/methods/registry.ts";
import { readParams, validate, zInt, zList } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import { scopeIfToken } from "../http/scope-if-token.ts";
import { pageParams, setLinkHeader } from "../http/pagination.ts";
import type { Env } from "../http/env.ts";

const zId = z.string().refine(isId, "is not a valid id");

const serializePetition = (p: Petition) => ({
  id: p.id, author_id: p.authorId, scope_id: p.scopeId, title: p.title, text: p.text, method: p.method, method_config: p.methodConfig,
  sign_spheres: p.signSpheres, threshold: p.threshold, signatures_count: p.signaturesCount, state: p.state, proposal_id: p.proposalId,
  created_at: p.createdAt.toISOString(), succeeded_at: p.succeededAt?.toISOString() ?? null,
});

/** Petitions: signatures toward a threshold, then a proposal. */
export function petitionRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;
  const petitionId = (id: string) => {
    if (!isId(id)) throw notFound();
    return id;
  };

  app.get("/api/stoa/v1/petitions", scopeIfToken(ctx, "read"), async (c) => {
    const q = validate(z.object({ state: z.enum(["open", "succeeded", "withdrawn"]).optional() }), c.req.query());
    const page = pageParams(c.req.query());
    const list = await listPetitions(sql, q.state, page.limit, page.maxId);
    setLinkHeader(c, ctx.config.origin, list.map((p) => p.id));
    return c.json(list.map(serializePetition));
  });
  app.get("/api/stoa/v1/petitions/:id", scopeIfToken(ctx, "read"), async (c) => c.json(serializePetition(await requirePetition(sql, petitionId(c.req.param("id"))))));
  app.post("/api/stoa/v1/petitions", authed(ctx, "write"), async (c) => {
    const p = validate(z.object({
      title: z.string().trim().min(1).max(200),
      text: z.string().trim().min(1).max(50_000),
      scope_id: zId,
      method: z.enum(methodNames as [string, ...string[]]).default("majority"),
      method_config: z.record(z.string(), z.unknown()).default({ options: ["yes", "no"] }),
      sign_spheres: zList(z.enum(["inner", "outer", "ecosystem"])).refine((s) => s.length > 0, "must name at least one sphere").default(["inner", "outer"]),
      threshold: zInt.pipe(z.number().min(1).max(10_000_000)),
    }), await readParams(c));
    const petition = await createPetition(sql, viewerId(c), {
      scopeId: p.scope_id, title: p.title, text: p.text, method: p.method, methodConfig: p.method_config, signSpheres: p.sign_spheres, threshold: p.threshold,
    });
    return c.json(serializePetition(petition));
  });
  app.post("/api/stoa/v1/petitions/:id/signature", authed(ctx, "write"), async (c) => c.json(serializePetition(await signPetition(ctx, petitionId(c.req.param("id")), viewerId(c)))));
  app.delete("/api/stoa/v1/petitions/:id/signature", authed(ctx, "write"), async (c) => {
    const id = petitionId(c.req.param("id"));
    return c.json(serializePetition(await sql.begin((tx) => unsignPetition(tx, id, viewerId(c)))));
  });
  return app;
}
