import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { fileReport } from "../../moderation/reports.ts";
import { isId } from "../../lib/ids.ts";
import { readParams, validate, zBool, zList } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import type { Env } from "../http/env.ts";
import { serializeReportsById } from "./entities/report.ts";

const zId = z.string().refine(isId, "is not a valid id");
const schema = z.object({
  account_id: zId,
  status_ids: zList(zId).pipe(z.array(z.string()).max(50)).default([]),
  rule_ids: zList(zId).pipe(z.array(z.string()).max(20)).default([]),
  comment: z.string().max(1000).default(""),
  forward: zBool.default(false),
  category: z.enum(["spam", "legal", "violation", "other"]).default("other"),
});

/** `POST /api/v1/reports`. */
export function reportRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  app.post("/api/v1/reports", authed(ctx, "write:reports"), async (c) => {
    const p = validate(schema, await readParams(c));
    const id = await fileReport(ctx, viewerId(c), {
      targetAccountId: p.account_id, statusIds: p.status_ids, ruleIds: p.rule_ids, category: p.category, comment: p.comment, forward: p.forward,
    });
    // One serializer for the Report entity, here and in admin.report notifications.
    const reports = await serializeReportsById(ctx, [id]);
    return c.json(reports.get(id));
  });
  return app;
}
