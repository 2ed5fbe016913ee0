import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import type { NewStatus } from "../../statuses/create.ts";
import { rescheduleStatus } from "../../statuses/scheduled.ts";
import { isId } from "../../lib/ids.ts";
import { notFound } from "../../lib/errors.ts";
import { readParams, validate } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import { finishPage, pageFilter, pageOrder, pageParams, setLinkHeader } from "../http/pagination.ts";
import type { Env } from "../http/env.ts";
import { serializeMedia, type MediaRow } from "./entities/media.ts";

interface ScheduledRow {
  id: string;
  scheduledAt: Date;
  params: NewStatus;
}

/** Mastodon's ScheduledStatus entity. */
export async function serializeScheduled(ctx: AppContext, accountId: string, id: string): Promise<Record<string, unknown>> {
  const [row] = await ctx.sql<ScheduledRow[]>`select id, scheduled_at, params from scheduled_statuses where id = ${id} and account_id = ${accountId}`;
  if (!row) throw notFound();
  return entity(ctx, row);
}

async function entity(ctx: AppContext, r: ScheduledRow) {
  const media = r.params.mediaIds.length
    ? await ctx.sql<MediaRow[]>`select * from media_attachments where id = any(${r.params.mediaIds}::bigint[]) order by id`
    : [];
  return {
    id: r.id,
    scheduled_at: new Date(r.scheduledAt).toISOString(),
    params: {
      text: r.params.text, poll: r.params.poll, media_ids: r.params.mediaIds, sensitive: r.params.sensitive, spoiler_text: r.params.spoilerText,
      visibility: r.params.visibility, in_reply_to_id: r.params.inReplyToId, language: r.params.language,
      application_id: r.params.applicationId, scheduled_at: null, idempotency: null, with_rate_limit: false,
      // Statuses scheduled before quotes existed publish with the default policy.
      quoted_status_id: r.params.quotedStatusId ?? null, quote_approval_policy: r.params.quotePolicy ?? "public",
    },
    media_attachments: media.map((m) => serializeMedia(ctx, m)),
  };
}

/** Listing, moving and cancelling scheduled statuses. */
export function scheduledStatusRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;

  app.get("/api/v1/scheduled_statuses", authed(ctx, "read:statuses"), async (c) => {
    const me = viewerId(c);
    const page = pageParams(c.req.query());
    const rows = await sql<ScheduledRow[]>`
      select id, scheduled_at, params from scheduled_statuses where account_id = ${me} ${pageFilter(sql, page, "id")}
      ${pageOrder(sql, page, "id")} limit ${page.limit}`;
    const ordered = finishPage(rows, page);
    setLinkHeader(c, ctx.config.origin, ordered.map((r) => r.id));
    return c.json(await Promise.all(ordered.map((r) => entity(ctx, r))));
  });
  app.get("/api/v1/scheduled_statuses/:id{[0-9]+}", authed(ctx, "read:statuses"), async (c) => c.json(await serializeScheduled(ctx, viewerId(c), c.req.param("id"))));
  app.put("/api/v1/scheduled_statuses/:id{[0-9]+}", authed(ctx, "write:statuses"), async (c) => {
    const p = validate(z.object({ scheduled_at: z.iso.datetime({ offset: true }) }), await readParams(c));
    await rescheduleStatus(ctx, viewerId(c), c.req.param("id"), new Date(p.scheduled_at));
    return c.json(await serializeScheduled(ctx, viewerId(c), c.req.param("id")));
  });
  app.delete("/api/v1/scheduled_statuses/:id{[0-9]+}", authed(ctx, "write:statuses"), async (c) => {
    const id = c.req.param("id");
    if (!isId(id)) throw notFound();
    const rows = await sql`delete from scheduled_statuses where id = ${id} and account_id = ${viewerId(c)} returning id`;
    if (rows.length === 0) throw notFound();
    return c.json({});
  });
  return app;
}
