import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { notFound } from "../../lib/errors.ts";
import { changeRules, ruleVersions, type RuleVersion } from "../../moderation/rules.ts";
import { readParams, validate } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import type { Env } from "../http/env.ts";

const rulesSchema = z.object({
  rules: z.array(z.object({
    id: z.string().regex(/^\d+$/).optional(),
    text: z.string().trim().min(1).max(1000),
    hint: z.string().trim().max(2000).default(""),
  })).min(1).max(50),
});

const serialize = (v: RuleVersion) => ({ version: v.version, created_at: v.createdAt.toISOString(), rules: v.rules });

/** Versioned instance rules: every version readable; changes by the body that holds the power. */
export function ruleRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  app.get("/api/stoa/v1/rules/versions", async (c) => c.json((await ruleVersions(ctx.sql)).map(serialize)));
  app.get("/api/stoa/v1/rules/versions/:version", async (c) => {
    const version = (await ruleVersions(ctx.sql)).find((v) => String(v.version) === c.req.param("version"));
    if (!version) throw notFound();
    return c.json(serialize(version));
  });
  app.put("/api/stoa/v1/rules", authed(ctx, "write"), async (c) => {
    const p = validate(rulesSchema, await readParams(c));
    return c.json(serialize(await changeRules(ctx, viewerId(c), p.rules)));
  });
  return app;
}
