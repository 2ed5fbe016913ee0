import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { notFound } from "../../lib/errors.ts";
import { DISCLOSURE, getSetting, setSetting } from "../../site/settings.ts";
import { findTerms, isCalendarDate, publishTerms } from "../../site/terms.ts";
import { readParams, validate } from "../http/params.ts";
import type { Env } from "../http/env.ts";
import { adminRequired } from "./admin.ts";

const LONG_TEXT = 100_000;
const settingsSchema = z.object({
  title: z.string().trim().min(1).max(100).optional(),
  description: z.string().trim().max(500).optional(),
  extended_description: z.string().max(LONG_TEXT).optional(),
  privacy_policy: z.string().max(LONG_TEXT).optional(),
  show_domain_blocks: z.enum(DISCLOSURE).optional(),
  show_domain_blocks_rationale: z.enum(DISCLOSURE).optional(),
});
const SETTING_KEYS = Object.keys(settingsSchema.shape) as (keyof z.infer<typeof settingsSchema>)[];

/** Admin editing of the instance's texts and disclosure settings, and of the terms of service. */
export function adminInstanceRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;

  async function current() {
    const entries = await Promise.all(SETTING_KEYS.map(async (k) => [k, (await getSetting(sql, k))?.value ?? null] as const));
    return Object.fromEntries(entries);
  }

  app.get("/api/stoa/v1/admin/instance", adminRequired(ctx), async (c) => c.json(await current()));

  app.patch("/api/stoa/v1/admin/instance", adminRequired(ctx), async (c) => {
    const p = validate(settingsSchema, await readParams(c));
    await sql.begin(async (tx) => {
      for (const key of SETTING_KEYS) if (p[key] !== undefined) await setSetting(tx, key, p[key]);
    });
    return c.json(await current());
  });

  app.put("/api/stoa/v1/admin/terms_of_service/:date", adminRequired(ctx), async (c) => {
    const date = c.req.param("date");
    if (!isCalendarDate(date)) throw notFound();
    const p = validate(z.object({ text: z.string().trim().min(1).max(LONG_TEXT) }), await readParams(c));
    await publishTerms(sql, date, p.text);
    const terms = await findTerms(sql, date);
    return c.json({ effective_date: terms!.effectiveDate, text: terms!.text, effective: terms!.effective, succeeded_by: terms!.succeededBy });
  });

  return app;
}
