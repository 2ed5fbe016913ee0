import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { fileReport } from "../../moderation/reports.ts";
import { isId } from "../../lib/ids.ts";
import { readParams, validate, zBool, zList } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import type { Env } from "../http/env.ts";
import { serializeAccountsById } from "./entities/account-list.ts";

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
    const [report] = await ctx.sql<{ createdAt: Date }[]>`select created_at from reports where id = ${id}`;
    const [target] = await serializeAccountsById(ctx, [p.account_id]);
    return c.json({
      id, action_taken: false, action_taken_at: null, category: p.category, comment: p.comment, forwarded: p.forward,
      created_at: new Date(report!.createdAt).toISOString(), status_ids: p.status_ids, rule_ids: p.rule_ids, target_account: target,
    });
  });
  return app;
}
