import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { loadTrends, type TrendKind } from "../../trends/queries.ts";
import { refreshIfStale } from "../../trends/refresh.ts";
import { optionalViewerId, tokenOptional } from "../http/auth.ts";
import { readParams, validate } from "../http/params.ts";
import type { Env } from "../http/env.ts";
import { serializeStatuses } from "./entities/status.ts";

const page = (def: number, max: number) => z.object({
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
  limit: z.coerce.number().int().min(1).default(def).transform((n) => Math.min(n, max)),
});

/** Trending tags, statuses and links, as the refresh job last computed them. */
export function trendRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;

  async function read(c: Context<Env>, kind: TrendKind, def: number, max: number) {
    const p = validate(page(def, max), await readParams(c));
    await refreshIfStale(ctx);
    return loadTrends(sql, kind, p.offset, p.limit);
  }

  // `/api/v1/trends` is the older name of the tag trends, still used by some clients.
  for (const path of ["/api/v1/trends/tags", "/api/v1/trends"]) app.get(path, tokenOptional(ctx), async (c) => {
    const rows = await read(c, "tag", 10, 20);
    const viewer = optionalViewerId(c);
    const tags = await sql<{ id: string; name: string; displayName: string; following: boolean }[]>`
      select t.id, t.name, t.display_name,
        exists (select 1 from followed_tags f where f.tag_id = t.id and f.account_id = ${viewer ?? "0"}) as following
      from tags t where t.id = any(${rows.map((r) => r.key)}::bigint[])`;
    const byId = new Map(tags.map((t) => [t.id, t]));
    return c.json(rows.flatMap((r) => {
      const t = byId.get(r.key);
      if (!t) return [];
      return [{ id: t.id, name: t.displayName, url: `${ctx.config.origin}/tags/${encodeURIComponent(t.name)}`, history: r.history, ...(viewer ? { following: t.following } : {}) }];
    }));
  });

  app.get("/api/v1/trends/statuses", tokenOptional(ctx), async (c) => {
    const rows = await read(c, "status", 20, 40);
    return c.json(await serializeStatuses(ctx, optionalViewerId(c), rows.map((r) => r.key), "public"));
  });

  app.get("/api/v1/trends/links", tokenOptional(ctx), async (c) => {
    const rows = await read(c, "link", 10, 20);
    // No preview cards are fetched yet: a link trends as its URL, named by its host.
    return c.json(rows.map((r) => {
      const url = new URL(r.key);
      return {
        url: r.key, title: r.key, description: "", type: "link", author_name: "", author_url: "",
        provider_name: url.hostname, provider_url: `${url.protocol}//${url.host}`, html: "", width: 0, height: 0,
        image: null, image_description: "", embed_url: "", blurhash: null, published_at: null, authors: [], history: r.history,
      };
    }));
  });

  return app;
}
