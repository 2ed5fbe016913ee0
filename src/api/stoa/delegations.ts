import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { isId } from "../../lib/ids.ts";
import { delegationsOf, revokeDelegation, setDelegation } from "../../governance/delegation/delegations.ts";
import { readParams, validate } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import type { Env } from "../http/env.ts";
import { serializeDelegation } from "./entities.ts";

const zId = z.string().refine(isId, "is not a valid id");

/** The caller's liquid delegations: per functional scope, or global (no scope). */
export function delegationRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;

  app.get("/api/stoa/v1/delegations", authed(ctx, "read"), async (c) => {
    const { given, received } = await delegationsOf(sql, viewerId(c));
    return c.json({ given: given.map(serializeDelegation), received: received.map(serializeDelegation) });
  });
  app.post("/api/stoa/v1/delegations", authed(ctx, "write"), async (c) => {
    const p = validate(z.object({ trustee_id: zId, scope_id: zId.optional() }), await readParams(c));
    return c.json(serializeDelegation(await setDelegation(sql, viewerId(c), p.trustee_id, p.scope_id ?? null)));
  });
  app.delete("/api/stoa/v1/delegations", authed(ctx, "write"), async (c) => {
    const p = validate(z.object({ scope_id: zId.optional() }), await readParams(c));
    await revokeDelegation(sql, viewerId(c), p.scope_id ?? null);
    return c.json({});
  });
  return app;
}
