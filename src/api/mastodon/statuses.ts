import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { createStatus, MAX_CHARACTERS, type NewStatus } from "../../statuses/create.ts";
import { scheduleStatus } from "../../statuses/scheduled.ts";
import type { QuotePolicy } from "../../statuses/quotes.ts";
import { serializeScheduled } from "./scheduled-statuses.ts";
import { deleteStatus, favourite, reblog, setBookmark, unfavourite, unreblog } from "../../statuses/interactions.ts";
import { visibleStatusFilter } from "../../statuses/visibility.ts";
import { isId } from "../../lib/ids.ts";
import { notFound, unavailable } from "../../lib/errors.ts";
import { readParams, validate, zBool, zLanguage, zList } from "../http/params.ts";
import { authed, optionalViewerId, tokenOptional, viewerId } from "../http/auth.ts";
import type { Env } from "../http/env.ts";
import { serializeStatus, serializeStatuses } from "./entities/status.ts";

const zId = z.string().refine(isId, "is not a valid id");

const createSchema = z.object({
  status: z.string().max(MAX_CHARACTERS * 4).default(""),
  spoiler_text: z.string().max(MAX_CHARACTERS).default(""),
  sensitive: zBool.default(false),
  visibility: z.enum(["public", "unlisted", "private", "direct"]).optional(),
  language: zLanguage.optional().nullable(),
  in_reply_to_id: zId.optional().nullable(),
  media_ids: zList(zId).optional(),
  scheduled_at: z.iso.datetime({ offset: true }).optional().nullable(),
  quoted_status_id: zId.optional().nullable(),
  quote_approval_policy: z.enum(["public", "followers", "nobody"]).optional().nullable(),
  poll: z.object({
    options: zList(z.string().max(200)),
    expires_in: z.coerce.number().int(),
    multiple: zBool.default(false),
    hide_totals: zBool.default(false),
  }).optional().nullable(),
});

/** Creating, reading, deleting and acting on statuses. */
export function statusRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();

  app.post("/api/v1/statuses", authed(ctx, "write:statuses"), async (c) => {
    const p = validate(createSchema, await readParams(c));
    const me = viewerId(c);
    // postgres.camel also renames keys inside JSON: `default_privacy` reads as `defaultPrivacy`.
    const [user] = await ctx.sql<{ settings: Record<string, unknown> }[]>`select settings from users where account_id = ${me}`;
    const defaultVisibility = (user?.settings.defaultPrivacy as "public" | "unlisted" | "private" | undefined) ?? "public";
    const defaultQuotePolicy = (user?.settings.defaultQuotePolicy as QuotePolicy | undefined) ?? "public";
    const key = c.req.header("idempotency-key");
    const status: NewStatus = {
      text: p.status,
      spoilerText: p.spoiler_text,
      sensitive: p.sensitive,
      visibility: p.visibility ?? defaultVisibility,
      language: p.language ?? null,
      inReplyToId: p.in_reply_to_id ?? null,
      mediaIds: p.media_ids ?? [],
      applicationId: c.get("auth")!.appId,
      idempotencyKey: key ? key.slice(0, 200) : null,
      poll: p.poll ? { options: p.poll.options, expiresIn: p.poll.expires_in, multiple: p.poll.multiple, hideTotals: p.poll.hide_totals } : null,
      quotedStatusId: p.quoted_status_id ?? null,
      quotePolicy: p.quote_approval_policy ?? defaultQuotePolicy,
    };
    if (p.scheduled_at) {
      const scheduledId = await scheduleStatus(ctx, me, status, new Date(p.scheduled_at));
      return c.json(await serializeScheduled(ctx, me, scheduledId));
    }
    const id = await createStatus(ctx, me, status);
    return c.json(await serializeStatus(ctx, me, id));
  });

  app.get("/api/v1/statuses/:id", tokenOptional(ctx), async (c) => {
    return c.json(await serializeStatus(ctx, optionalViewerId(c), statusId(c.req.param("id"))));
  });

  app.delete("/api/v1/statuses/:id", authed(ctx, "write:statuses"), async (c) => {
    const me = viewerId(c);
    const id = statusId(c.req.param("id"));
    const [source] = await ctx.sql<{ text: string }[]>`select text from statuses where id = ${id} and account_id = ${me} and deleted_at is null`;
    const body = source ? await serializeStatus(ctx, me, id) : null;
    await deleteStatus(ctx, me, id);
    return c.json({ ...body, text: source!.text });
  });

  app.get("/api/v1/statuses/:id/context", tokenOptional(ctx), async (c) => {
    const viewer = optionalViewerId(c);
    const id = statusId(c.req.param("id"));
    await serializeStatus(ctx, viewer, id);
    const ancestors = await ctx.sql<{ id: string }[]>`
      with recursive up(id, parent, depth) as (
        select id, in_reply_to_id, 0 from statuses where id = ${id}
        union all select s.id, s.in_reply_to_id, up.depth + 1 from statuses s join up on s.id = up.parent where up.depth < 100)
      select id from up where id <> ${id} order by depth desc`;
    const descendants = await ctx.sql<{ id: string }[]>`
      with recursive down(id, path) as (
        select id, array[id] from statuses where in_reply_to_id = ${id} and deleted_at is null
        union all select s.id, down.path || s.id from statuses s join down on s.in_reply_to_id = down.id
        where s.deleted_at is null and array_length(down.path, 1) < 100)
      select d.id from down d join statuses s on s.id = d.id where ${visibleStatusFilter(ctx.sql, viewer)} order by d.path limit 4000`;
    return c.json({
      ancestors: await serializeStatuses(ctx, viewer, ancestors.map((r) => r.id), "thread"),
      descendants: await serializeStatuses(ctx, viewer, descendants.map((r) => r.id), "thread"),
    });
  });

  const act = (path: string, run: (me: string, id: string) => Promise<string>) =>
    app.post(`/api/v1/statuses/:id/${path}`, authed(ctx, path.includes("bookmark") ? "write:bookmarks" : path.includes("favourite") ? "write:favourites" : "write:statuses"), async (c) => {
      const me = viewerId(c);
      const resultId = await run(me, statusId(c.req.param("id")));
      return c.json(await serializeStatus(ctx, me, resultId));
    });
  act("favourite", (me, id) => favourite(ctx, me, id));
  act("unfavourite", (me, id) => unfavourite(ctx, me, id));
  act("bookmark", (me, id) => setBookmark(ctx, me, id, true));
  act("unbookmark", (me, id) => setBookmark(ctx, me, id, false));
  act("unreblog", (me, id) => unreblog(ctx, me, id));
  app.post("/api/v1/statuses/:id/reblog", authed(ctx, "write:statuses"), async (c) => {
    const me = viewerId(c);
    const p = validate(z.object({ visibility: z.enum(["public", "unlisted", "private"]).default("public") }), await readParams(c));
    const id = await reblog(ctx, me, statusId(c.req.param("id")), p.visibility);
    return c.json(await serializeStatus(ctx, me, id));
  });

  app.post("/api/v1/statuses/:id/translate", authed(ctx, "read:statuses"), async () => {
    throw unavailable("Translation is not available on this instance");
  });

  return app;
}

/** A path id that is not one of ours can't name a status: 404, as Mastodon answers. */
function statusId(raw: string): string {
  if (!isId(raw)) throw notFound();
  return raw;
}
