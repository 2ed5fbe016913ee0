import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { requireAvailableAccount } from "../../accounts/lookup.ts";
import { pinStatus, setConversationMute, unpinStatus } from "../../statuses/pins.ts";
import { visibleStatusFilter } from "../../statuses/visibility.ts";
import { notMutedFilter, notSilencedFilter } from "../../timelines/filters.ts";
import type { FilterContext } from "../../filters/store.ts";
import { isId } from "../../lib/ids.ts";
import { readParams, validate, zBool, zList } from "../http/params.ts";
import { authed, optionalViewerId, tokenOptional, viewerId } from "../http/auth.ts";
import { finishPage, pageFilter, pageOrder, pageParams, setLinkHeader } from "../http/pagination.ts";
import type { Env } from "../http/env.ts";
import { serializeStatus, serializeStatuses } from "./entities/status.ts";
import { serializeAccountsById } from "./entities/account-list.ts";

/** Lists of statuses (an account's, favourites, bookmarks, by tag) and who favourited or boosted. */
export function statusListRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;

  app.get("/api/v1/statuses", tokenOptional(ctx), async (c) => {
    const p = validate(z.object({ id: zList(z.string()).default([]) }), await readParams(c));
    return c.json(await serializeStatuses(ctx, optionalViewerId(c), p.id.filter(isId).slice(0, 20)));
  });

  app.get("/api/v1/accounts/:id{[0-9]+}/statuses", tokenOptional(ctx), async (c) => {
    const account = await requireAvailableAccount(sql, c.req.param("id"));
    const viewer = optionalViewerId(c);
    const params = await readParams(c);
    const f = validate(z.object({
      pinned: zBool.default(false), exclude_replies: zBool.default(false), exclude_reblogs: zBool.default(false),
      only_media: zBool.default(false), tagged: z.string().max(100).optional(),
    }), params);
    const page = pageParams(params);
    const rows = await sql<{ id: string }[]>`
      select s.id from statuses s
      where s.account_id = ${account.id} ${pageFilter(sql, page, "s.id")} and ${visibleStatusFilter(sql, viewer)}
        ${f.pinned ? sql`and exists (select 1 from status_pins p where p.status_id = s.id and p.account_id = ${account.id})` : sql``}
        ${f.exclude_replies ? sql`and (s.in_reply_to_id is null or s.in_reply_to_account_id = ${account.id})` : sql``}
        ${f.exclude_reblogs ? sql`and s.reblog_of_id is null` : sql``}
        ${f.only_media ? sql`and exists (select 1 from media_attachments m where m.status_id = s.id)` : sql``}
        ${f.tagged ? sql`and exists (select 1 from status_tags st join tags t on t.id = st.tag_id where st.status_id = s.id and t.name = ${f.tagged.toLowerCase()})` : sql``}
      ${pageOrder(sql, page, "s.id")} limit ${page.limit}`;
    return statusPage(c, finishPage(rows, page).map((r) => r.id), viewer, "account");
  });

  for (const [path, table, scope] of [["favourites", "favourites", "read:favourites"], ["bookmarks", "bookmarks", "read:bookmarks"]] as const) {
    app.get(`/api/v1/${path}`, authed(ctx, scope), async (c) => {
      const me = viewerId(c);
      const page = pageParams(c.req.query());
      const rows = await sql<{ pageId: string; statusId: string }[]>`
        select r.id as page_id, r.status_id from ${sql(table)} r where r.account_id = ${me} ${pageFilter(sql, page, "r.id")}
        ${pageOrder(sql, page, "r.id")} limit ${page.limit}`;
      const ordered = finishPage(rows, page);
      setLinkHeader(c, ctx.config.origin, ordered.map((r) => r.pageId));
      return c.json(await serializeStatuses(ctx, me, ordered.map((r) => r.statusId)));
    });
  }

  app.get("/api/v1/timelines/tag/:hashtag", tokenOptional(ctx), async (c) => {
    const viewer = optionalViewerId(c);
    const params = await readParams(c);
    const f = validate(z.object({
      any: zList(z.string()).default([]), all: zList(z.string()).default([]), none: zList(z.string()).default([]),
      local: zBool.default(false), remote: zBool.default(false), only_media: zBool.default(false),
    }), params);
    const page = pageParams(params);
    const lower = (tags: string[]) => tags.map((t) => t.toLowerCase().replace(/^#/, "")).slice(0, 4);
    const anyTags = [c.req.param("hashtag").toLowerCase(), ...lower(f.any)];
    const tagged = (names: string[]) => sql`exists (select 1 from status_tags st join tags t on t.id = st.tag_id where st.status_id = s.id and t.name = any(${names}))`;
    const rows = await sql<{ id: string }[]>`
      select s.id from statuses s
      where s.visibility = 'public' and s.reblog_of_id is null and ${tagged(anyTags)} ${pageFilter(sql, page, "s.id")}
        ${lower(f.all).length ? sql`and ${lower(f.all).map((t) => sql`${tagged([t])} and `)} true` : sql``}
        ${lower(f.none).length ? sql`and not ${tagged(lower(f.none))}` : sql``}
        ${f.local ? sql`and s.local` : f.remote ? sql`and not s.local` : sql``}
        ${f.only_media ? sql`and exists (select 1 from media_attachments m where m.status_id = s.id)` : sql``}
        and ${visibleStatusFilter(sql, viewer)} and ${notMutedFilter(sql, viewer)} and ${notSilencedFilter(sql, viewer)}
      ${pageOrder(sql, page, "s.id")} limit ${page.limit}`;
    return statusPage(c, finishPage(rows, page).map((r) => r.id), viewer, "public");
  });

  for (const [path, source] of [
    ["favourited_by", sql`select id, account_id from favourites where status_id = `],
    ["reblogged_by", sql`select id, account_id from statuses where deleted_at is null and reblog_of_id = `],
  ] as const) {
    app.get(`/api/v1/statuses/:id{[0-9]+}/${path}`, tokenOptional(ctx), async (c) => {
      const id = c.req.param("id");
      await serializeStatus(ctx, optionalViewerId(c), id);
      const page = pageParams(c.req.query(), 40, 80);
      const rows = await sql<{ id: string; accountId: string }[]>`
        select r.id, r.account_id from (${source}${id}) r where true ${pageFilter(sql, page, "r.id")}
        ${pageOrder(sql, page, "r.id")} limit ${page.limit}`;
      const ordered = finishPage(rows, page);
      setLinkHeader(c, ctx.config.origin, ordered.map((r) => r.id));
      return c.json(await serializeAccountsById(ctx, ordered.map((r) => r.accountId)));
    });
  }

  const act = (path: string, run: (me: string, id: string) => Promise<void>) =>
    app.post(`/api/v1/statuses/:id{[0-9]+}/${path}`, authed(ctx, path.endsWith("mute") ? "write:mutes" : "write:accounts"), async (c) => {
      const me = viewerId(c);
      await run(me, c.req.param("id"));
      return c.json(await serializeStatus(ctx, me, c.req.param("id")));
    });
  act("pin", (me, id) => pinStatus(ctx, me, id));
  act("unpin", (me, id) => unpinStatus(ctx, me, id));
  act("mute", (me, id) => setConversationMute(ctx, me, id, true));
  act("unmute", (me, id) => setConversationMute(ctx, me, id, false));

  async function statusPage(c: Context<Env>, ids: string[], viewer: string | null, context: FilterContext) {
    setLinkHeader(c, ctx.config.origin, ids);
    return c.json(await serializeStatuses(ctx, viewer, ids, context));
  }

  return app;
}
