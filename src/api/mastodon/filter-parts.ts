import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { announceFiltersChanged } from "../../filters/changes.ts";
import { addFilterStatus, addKeyword, loadFilterStatuses, loadKeywords, ownFilterId, ownFilterStatus, ownKeyword } from "../../filters/parts.ts";
import { readParams, validate, zBool } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import type { Env } from "../http/env.ts";
import { serializeFilterKeyword, serializeFilterStatus } from "./entities/filter.ts";

const keywordSchema = z.object({ keyword: z.string().trim().min(1).max(100), whole_word: zBool.optional() });
const statusSchema = z.object({ status_id: z.string().min(1) });

/** Filters v2 sub-resources: a filter's keywords and statuses, one by one. */
export function filterPartRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;

  app.get("/api/v2/filters/:id/keywords", authed(ctx, "read:filters"), async (c) => {
    const me = viewerId(c);
    const filterId = await ownFilterId(sql, me, c.req.param("id"));
    return c.json((await loadKeywords(sql, me, { filterId })).map(serializeFilterKeyword));
  });

  app.post("/api/v2/filters/:id/keywords", authed(ctx, "write:filters"), async (c) => {
    const me = viewerId(c);
    const filterId = await ownFilterId(sql, me, c.req.param("id"));
    const p = validate(keywordSchema, await readParams(c));
    const id = await addKeyword(sql, filterId, p.keyword, p.whole_word ?? true);
    await announceFiltersChanged(ctx, me);
    return c.json(serializeFilterKeyword(await ownKeyword(sql, me, id)));
  });

  app.get("/api/v2/filters/keywords/:id", authed(ctx, "read:filters"), async (c) =>
    c.json(serializeFilterKeyword(await ownKeyword(sql, viewerId(c), c.req.param("id")))));

  app.put("/api/v2/filters/keywords/:id", authed(ctx, "write:filters"), async (c) => {
    const me = viewerId(c);
    const current = await ownKeyword(sql, me, c.req.param("id"));
    const p = validate(keywordSchema.partial(), await readParams(c));
    await sql`update filter_keywords set keyword = ${p.keyword ?? current.keyword}, whole_word = ${p.whole_word ?? current.wholeWord}
      where id = ${current.id}`;
    await announceFiltersChanged(ctx, me);
    return c.json(serializeFilterKeyword(await ownKeyword(sql, me, current.id)));
  });

  app.delete("/api/v2/filters/keywords/:id", authed(ctx, "write:filters"), async (c) => {
    const k = await ownKeyword(sql, viewerId(c), c.req.param("id"));
    await sql`delete from filter_keywords where id = ${k.id}`;
    await announceFiltersChanged(ctx, viewerId(c));
    return c.json({});
  });

  app.get("/api/v2/filters/:id/statuses", authed(ctx, "read:filters"), async (c) => {
    const me = viewerId(c);
    const filterId = await ownFilterId(sql, me, c.req.param("id"));
    return c.json((await loadFilterStatuses(sql, me, { filterId })).map(serializeFilterStatus));
  });

  app.post("/api/v2/filters/:id/statuses", authed(ctx, "write:filters"), async (c) => {
    const me = viewerId(c);
    const filterId = await ownFilterId(sql, me, c.req.param("id"));
    const p = validate(statusSchema, await readParams(c));
    const id = await addFilterStatus(sql, me, filterId, p.status_id);
    await announceFiltersChanged(ctx, me);
    return c.json(serializeFilterStatus(await ownFilterStatus(sql, me, id)));
  });

  app.get("/api/v2/filters/statuses/:id", authed(ctx, "read:filters"), async (c) =>
    c.json(serializeFilterStatus(await ownFilterStatus(sql, viewerId(c), c.req.param("id")))));

  app.delete("/api/v2/filters/statuses/:id", authed(ctx, "write:filters"), async (c) => {
    const s = await ownFilterStatus(sql, viewerId(c), c.req.param("id"));
    await sql`delete from filter_statuses where id = ${s.id}`;
    await announceFiltersChanged(ctx, viewerId(c));
    return c.json({});
  });

  return app;
}
