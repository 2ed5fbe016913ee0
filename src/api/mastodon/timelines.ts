import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { visibleStatusFilter } from "../../statuses/visibility.ts";
import { readParams, validate, zBool } from "../http/params.ts";
import { authed, optionalViewerId, tokenOptional, viewerId } from "../http/auth.ts";
import { finishPage, pageFilter, pageOrder, pageParams, setLinkHeader } from "../http/pagination.ts";
import type { Env } from "../http/env.ts";
import { serializeStatuses } from "./entities/status.ts";

/** Home and public timelines, chronological, paginated exactly as Mastodon's. */
export function timelineRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();

  app.get("/api/v1/timelines/home", authed(ctx, "read:statuses"), async (c) => {
    const me = viewerId(c);
    const page = pageParams(c.req.query());
    const rows = await ctx.sql<{ id: string }[]>`
      select h.status_id as id from home_feed h join statuses s on s.id = h.status_id
      where h.account_id = ${me} ${pageFilter(ctx.sql, page, "h.status_id")} and s.deleted_at is null
        and not exists (select 1 from list_accounts la join lists l on l.id = la.list_id
                        where l.account_id = ${me} and l.exclusive and la.account_id = s.account_id)
      ${pageOrder(ctx.sql, page, "h.status_id")} limit ${page.limit}`;
    const ids = finishPage(rows, page).map((r) => r.id);
    setLinkHeader(c, ctx.config.origin, ids);
    return c.json(await serializeStatuses(ctx, me, ids, "home"));
  });

  app.get("/api/v1/timelines/public", tokenOptional(ctx), async (c) => {
    const viewer = optionalViewerId(c);
    const params = await readParams(c);
    const p = validate(z.object({ local: zBool.default(false), remote: zBool.default(false), only_media: zBool.default(false) }), params);
    const page = pageParams(params);
    const rows = await ctx.sql<{ id: string }[]>`
      select s.id from statuses s
      where s.visibility = 'public' and s.reblog_of_id is null ${pageFilter(ctx.sql, page, "s.id")}
        ${p.local ? ctx.sql`and s.local` : p.remote ? ctx.sql`and not s.local` : ctx.sql``}
        ${p.only_media ? ctx.sql`and exists (select 1 from media_attachments m where m.status_id = s.id)` : ctx.sql``}
        and ${visibleStatusFilter(ctx.sql, viewer)}
        ${viewer ? ctx.sql`and not exists (select 1 from mutes mu where mu.account_id = ${viewer} and mu.target_account_id = s.account_id)` : ctx.sql``}
      ${pageOrder(ctx.sql, page, "s.id")} limit ${page.limit}`;
    const ids = finishPage(rows, page).map((r) => r.id);
    setLinkHeader(c, ctx.config.origin, ids);
    return c.json(await serializeStatuses(ctx, viewer, ids, "public"));
  });

  return app;
}
