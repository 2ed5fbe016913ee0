import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { announceFiltersChanged } from "../../filters/changes.ts";
import { FILTER_CONTEXTS, loadFilters, type FilterRow } from "../../filters/store.ts";
import { isId } from "../../lib/ids.ts";
import { notFound } from "../../lib/errors.ts";
import { readParams, validate, zBool, zList } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import type { Env } from "../http/env.ts";
import { serializeFilter } from "./entities/filter.ts";

const keywordSchema = z.object({
  id: z.string().refine(isId).optional(),
  keyword: z.string().trim().min(1).max(100).optional(),
  whole_word: zBool.optional(),
  _destroy: zBool.default(false),
});
const filterSchema = z.object({
  title: z.string().trim().min(1).max(100),
  context: zList(z.enum(FILTER_CONTEXTS)).refine((c) => c.length > 0, "must name at least one context"),
  // Optional, not defaulted: an update must keep the action it was not sent.
  filter_action: z.enum(["warn", "hide", "blur"]).optional(),
  expires_in: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().min(300).max(31_536_000).optional()),
  keywords_attributes: zList(keywordSchema).refine((k) => k.length <= 100, "at most 100 keywords").default([]),
});

/** Filters v2: create, read, update (with keyword attributes), delete. */
export function filterRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;

  async function own(me: string, id: string): Promise<FilterRow> {
    if (!isId(id)) throw notFound();
    const [f] = await loadFilters(sql, me, { id });
    if (!f) throw notFound();
    return f;
  }

  app.get("/api/v2/filters", authed(ctx, "read:filters"), async (c) => c.json((await loadFilters(sql, viewerId(c))).map(serializeFilter)));
  app.get("/api/v2/filters/:id", authed(ctx, "read:filters"), async (c) => c.json(serializeFilter(await own(viewerId(c), c.req.param("id")))));

  app.post("/api/v2/filters", authed(ctx, "write:filters"), async (c) => {
    const me = viewerId(c);
    const p = validate(filterSchema, await readParams(c));
    const id = await sql.begin(async (tx) => {
      const [row] = await tx<{ id: string }[]>`
        insert into filters (account_id, title, context, action, expires_at)
        values (${me}, ${p.title}, ${p.context}, ${p.filter_action ?? "warn"}, ${p.expires_in ? new Date(Date.now() + p.expires_in * 1000) : null})
        returning id`;
      for (const k of p.keywords_attributes) {
        if (k.keyword) await tx`insert into filter_keywords (filter_id, keyword, whole_word) values (${row!.id}, ${k.keyword}, ${k.whole_word ?? true})`;
      }
      return row!.id;
    });
    await announceFiltersChanged(ctx, me);
    return c.json(serializeFilter(await own(me, id)));
  });

  app.put("/api/v2/filters/:id", authed(ctx, "write:filters"), async (c) => {
    const me = viewerId(c);
    const current = await own(me, c.req.param("id"));
    const p = validate(filterSchema.partial(), await readParams(c));
    await sql.begin(async (tx) => {
      await tx`update filters set title = ${p.title ?? current.title}, context = ${p.context ?? current.context},
        action = ${p.filter_action ?? current.action},
        expires_at = ${p.expires_in ? new Date(Date.now() + p.expires_in * 1000) : current.expiresAt}
        where id = ${current.id}`;
      for (const k of p.keywords_attributes ?? []) {
        if (k.id && k._destroy) await tx`delete from filter_keywords where id = ${k.id} and filter_id = ${current.id}`;
        else if (k.id) await tx`update filter_keywords set keyword = coalesce(${k.keyword ?? null}, keyword), whole_word = coalesce(${k.whole_word ?? null}, whole_word) where id = ${k.id} and filter_id = ${current.id}`;
        else if (k.keyword) await tx`insert into filter_keywords (filter_id, keyword, whole_word) values (${current.id}, ${k.keyword}, ${k.whole_word ?? true})`;
      }
    });
    await announceFiltersChanged(ctx, me);
    return c.json(serializeFilter(await own(me, current.id)));
  });

  app.delete("/api/v2/filters/:id", authed(ctx, "write:filters"), async (c) => {
    const f = await own(viewerId(c), c.req.param("id"));
    await sql`delete from filters where id = ${f.id}`;
    await announceFiltersChanged(ctx, viewerId(c));
    return c.json({});
  });

  return app;
}
