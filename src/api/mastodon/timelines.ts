import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { visibleStatusFilter } from "../../statuses/visibility.ts";
import { escapeHtml } from "../../statuses/render.ts";
import { notMutedFilter, notSilencedFilter } from "../../timelines/filters.ts";
import { olderHomeStatuses } from "../../timelines/home-fallback.ts";
import { readParams, validate, zBool } from "../http/params.ts";
import { authed, optionalViewerId, tokenOptional, viewerId } from "../http/auth.ts";
import { finishPage, pageFilter, pageOrder, pageParams, setLinkHeader } from "../http/pagination.ts";
import type { Env } from "../http/env.ts";
import { serializeStatuses } from "./entities/status.ts";

const MAX_URL_LENGTH = 2048;

/** Home, public and link timelines, chronological, paginated exactly as Mastodon's. */
export function timelineRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;

  app.get("/api/v1/timelines/home", authed(ctx, "read:statuses"), async (c) => {
    const me = viewerId(c);
    const page = pageParams(c.req.query());
    // The feed was filtered when written; visibility, blocks and mutes are checked again
    // because they may have changed since.
    const rows = await sql<{ id: string }[]>`
      select h.status_id as id from home_feed h join statuses s on s.id = h.status_id
      where h.account_id = ${me} ${pageFilter(sql, page, "h.status_id")}
        and ${visibleStatusFilter(sql, me)}
        and (s.reblog_of_id is null or exists (select 1 from statuses o where o.id = s.reblog_of_id and ${visibleStatusFilter(sql, me, "o")}))
        and (s.account_id = ${me} or ${notMutedFilter(sql, me)})
        and not exists (select 1 from list_accounts la join lists l on l.id = la.list_id
                        where l.account_id = ${me} and l.exclusive and la.account_id = s.account_id)
      ${pageOrder(sql, page, "h.status_id")} limit ${page.limit}`;
    const ids = finishPage(rows, page).map((r) => r.id);
    // The feed keeps only its newest entries: past its end, older pages come from follows.
    if (!page.minId && ids.length < page.limit) {
      ids.push(...await olderHomeStatuses(sql, me, ids.at(-1) ?? page.maxId, page.sinceId, page.limit - ids.length));
    }
    setLinkHeader(c, ctx.config.origin, ids);
    return c.json(await serializeStatuses(ctx, me, ids, "home"));
  });

  app.get("/api/v1/timelines/public", tokenOptional(ctx), async (c) => {
    const viewer = optionalViewerId(c);
    const params = await readParams(c);
    const p = validate(z.object({ local: zBool.default(false), remote: zBool.default(false), only_media: zBool.default(false) }), params);
    const page = pageParams(params);
    const rows = await sql<{ id: string }[]>`
      select s.id from statuses s
      where s.visibility = 'public' and s.reblog_of_id is null ${pageFilter(sql, page, "s.id")}
        ${p.local ? sql`and s.local` : p.remote ? sql`and not s.local` : sql``}
        ${p.only_media ? sql`and exists (select 1 from media_attachments m where m.status_id = s.id)` : sql``}
        and ${visibleStatusFilter(sql, viewer)} and ${notMutedFilter(sql, viewer)} and ${notSilencedFilter(sql, viewer)}
      ${pageOrder(sql, page, "s.id")} limit ${page.limit}`;
    const ids = finishPage(rows, page).map((r) => r.id);
    setLinkHeader(c, ctx.config.origin, ids);
    return c.json(await serializeStatuses(ctx, viewer, ids, "public"));
  });

  // Mastodon reads the link from preview cards; Stoa has none, so it matches the rendered link itself.
  app.get("/api/v1/timelines/link", tokenOptional(ctx), async (c) => {
    const viewer = optionalViewerId(c);
    const params = await readParams(c);
    const p = validate(z.object({ url: z.url({ protocol: /^https?$/ }).max(MAX_URL_LENGTH) }), params);
    const page = pageParams(params);
    const href = `href="${escapeHtml(p.url)}"`;
    const rows = await sql<{ id: string }[]>`
      select s.id from statuses s
      where s.visibility = 'public' and s.reblog_of_id is null ${pageFilter(sql, page, "s.id")}
        and strpos(s.content, ${href}) > 0
        and ${visibleStatusFilter(sql, viewer)} and ${notMutedFilter(sql, viewer)} and ${notSilencedFilter(sql, viewer)}
      ${pageOrder(sql, page, "s.id")} limit ${page.limit}`;
    const ids = finishPage(rows, page).map((r) => r.id);
    setLinkHeader(c, ctx.config.origin, ids);
    return c.json(await serializeStatuses(ctx, viewer, ids, "public"));
  });

  return app;
}
