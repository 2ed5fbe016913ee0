import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { announceFiltersChanged } from "../../filters/changes.ts";
import { FILTER_CONTEXTS, loadFilters, type FilterRow } from "../../filters/store.ts";
import { ownKeyword } from "../../filters/parts.ts";
import { unprocessable } from "../../lib/errors.ts";
import { readParams, validate, zBool, zList } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import type { Env } from "../http/env.ts";
import { serializeV1Filter } from "./entities/filter.ts";

const v1Schema = z.object({
  phrase: z.string().trim().min(1).max(100),
  context: zList(z.enum(FILTER_CONTEXTS)).refine((c) => c.length > 0, "must name at least one context"),
  // No defaults here: a partial update must leave unsent settings as they are.
  irreversible: zBool.optional(),
  whole_word: zBool.optional(),
  expires_in: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().min(300).max(31_536_000).optional()),
});

const expiry = (seconds: number | undefined) => (seconds ? new Date(Date.now() + seconds * 1000) : null);

/**
 * Filters v1 (deprecated by Mastodon 4.0, still used by older clients): a view over the v2
 * store where each keyword is one filter. Creating makes a v2 filter titled by its phrase;
 * deleting removes the whole v2 filter, as Mastodon does.
 */
export function filterV1Routes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;

  async function v1(me: string, keywordId: string) {
    const keyword = await ownKeyword(sql, me, keywordId);
    const [filter] = await loadFilters(sql, me, { id: keyword.filterId });
    return { keyword, filter: filter! };
  }

  app.get("/api/v1/filters", authed(ctx, "read:filters"), async (c) => {
    const filters = await loadFilters(sql, viewerId(c));
    const all = filters.flatMap((f: FilterRow) => f.keywords.map((k) => serializeV1Filter(f, k)));
    return c.json(all.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1)));
  });

  app.get("/api/v1/filters/:id", authed(ctx, "read:filters"), async (c) => {
    const { keyword, filter } = await v1(viewerId(c), c.req.param("id"));
    return c.json(serializeV1Filter(filter, keyword));
  });

  app.post("/api/v1/filters", authed(ctx, "write:filters"), async (c) => {
    const me = viewerId(c);
    const p = validate(v1Schema, await readParams(c));
    const keywordId = await sql.begin(async (tx) => {
      const [f] = await tx<{ id: string }[]>`
        insert into filters (account_id, title, context, action, expires_at)
        values (${me}, ${p.phrase}, ${p.context}, ${p.irreversible ? "hide" : "warn"}, ${expiry(p.expires_in)}) returning id`;
      const [k] = await tx<{ id: string }[]>`insert into filter_keywords (filter_id, keyword, whole_word) values (${f!.id}, ${p.phrase}, ${p.whole_word ?? true}) returning id`;
      return k!.id;
    });
    const { keyword, filter } = await v1(me, keywordId);
    await announceFiltersChanged(ctx, me);
    return c.json(serializeV1Filter(filter, keyword));
  });

  app.put("/api/v1/filters/:id", authed(ctx, "write:filters"), async (c) => {
    const me = viewerId(c);
    const current = await v1(me, c.req.param("id"));
    const p = validate(v1Schema.partial(), await readParams(c));
    const f = current.filter;
    const action = p.irreversible === undefined ? f.action : p.irreversible ? "hide" : "warn";
    const context = p.context ?? f.context;
    const filterChanges = action !== f.action || p.expires_in !== undefined || context.join() !== f.context.join();
    // A v1 filter is one keyword: changing the settings it shares with sibling keywords would change them too.
    if (filterChanges && f.keywords.length > 1) throw unprocessable("This filter has several keywords: edit it through the v2 API");
    await sql.begin(async (tx) => {
      await tx`update filter_keywords set keyword = ${p.phrase ?? current.keyword.keyword}, whole_word = ${p.whole_word ?? current.keyword.wholeWord}
        where id = ${current.keyword.id}`;
      if (filterChanges) {
        await tx`update filters set context = ${context}, action = ${action},
          expires_at = ${p.expires_in !== undefined ? expiry(p.expires_in) : f.expiresAt} where id = ${f.id}`;
      }
    });
    const { keyword, filter } = await v1(me, current.keyword.id);
    await announceFiltersChanged(ctx, me);
    return c.json(serializeV1Filter(filter, keyword));
  });

  app.delete("/api/v1/filters/:id", authed(ctx, "write:filters"), async (c) => {
    const { filter } = await v1(viewerId(c), c.req.param("id"));
    await sql`delete from filters where id = ${filter.id}`;
    await announceFiltersChanged(ctx, viewerId(c));
    return c.json({});
  });

  return app;
}
