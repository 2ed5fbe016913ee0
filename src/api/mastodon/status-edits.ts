import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { editStatus } from "../../statuses/edit.ts";
import { MAX_CHARACTERS } from "../../statuses/create.ts";
import { findAccount } from "../../accounts/queries.ts";
import { isId } from "../../lib/ids.ts";
import { notFound } from "../../lib/errors.ts";
import { readParams, validate, zBool, zLanguage, zList } from "../http/params.ts";
import { authed, optionalViewerId, tokenOptional, viewerId } from "../http/auth.ts";
import type { Env } from "../http/env.ts";
import { serializeAccount } from "./entities/account.ts";
import { serializeMedia, type MediaRow } from "./entities/media.ts";
import { serializeStatus } from "./entities/status.ts";

const zId = z.string().refine(isId, "is not a valid id");
const editSchema = z.object({
  status: z.string().max(MAX_CHARACTERS * 4).default(""),
  spoiler_text: z.string().max(MAX_CHARACTERS).default(""),
  sensitive: zBool.default(false),
  language: zLanguage.optional().nullable(),
  media_ids: zList(zId).optional(),
  media_attributes: zList(z.object({ id: zId, description: z.string().max(1500).optional() })).optional(),
  quote_approval_policy: z.enum(["public", "followers", "nobody"]).optional(),
});

/** Editing statuses, their edit history and their source. */
export function statusEditRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();

  app.put("/api/v1/statuses/:id{[0-9]+}", authed(ctx, "write:statuses"), async (c) => {
    const p = validate(editSchema, await readParams(c));
    const me = viewerId(c);
    const id = c.req.param("id");
    const descriptions = Object.fromEntries((p.media_attributes ?? []).filter((a) => a.description !== undefined).map((a) => [a.id, a.description!]));
    await editStatus(ctx, me, id, {
      text: p.status, spoilerText: p.spoiler_text, sensitive: p.sensitive, language: p.language ?? null,
      mediaIds: p.media_ids ?? [], mediaDescriptions: descriptions, quotePolicy: p.quote_approval_policy,
    });
    return c.json(await serializeStatus(ctx, me, id));
  });

  app.get("/api/v1/statuses/:id{[0-9]+}/history", tokenOptional(ctx), async (c) => {
    const id = c.req.param("id");
    const status = await serializeStatus(ctx, optionalViewerId(c), id);
    const edits = await ctx.sql<{ accountId: string; content: string; spoilerText: string; sensitive: boolean; mediaIds: string[]; mediaDescriptions: string[]; createdAt: Date }[]>`
      select account_id, content, spoiler_text, sensitive, media_ids, media_descriptions, created_at from status_edits where status_id = ${id} order by id`;
    if (edits.length === 0) {
      const { content, spoiler_text, sensitive, created_at, account, media_attachments, emojis, poll } = status;
      return c.json([{ content, spoiler_text, sensitive, created_at, account, media_attachments, emojis, poll }]);
    }
    const author = await findAccount(ctx.sql, edits[0]!.accountId);
    const mediaIds = [...new Set(edits.flatMap((e) => e.mediaIds))];
    const media = new Map((await ctx.sql<MediaRow[]>`select * from media_attachments where id = any(${mediaIds}::bigint[])`).map((m) => [m.id, m]));
    return c.json(edits.map((e) => ({
      content: e.content,
      spoiler_text: e.spoilerText,
      sensitive: e.sensitive,
      created_at: new Date(e.createdAt).toISOString(),
      account: serializeAccount(ctx, author!),
      poll: null,
      media_attachments: e.mediaIds.flatMap((mid, i) => {
        const m = media.get(mid);
        return m ? [serializeMedia(ctx, { ...m, description: e.mediaDescriptions[i] || null })] : [];
      }),
      emojis: [],
    })));
  });

  app.get("/api/v1/statuses/:id{[0-9]+}/source", authed(ctx, "read:statuses"), async (c) => {
    const [row] = await ctx.sql<{ id: string; text: string; spoilerText: string }[]>`
      select id, text, spoiler_text from statuses where id = ${c.req.param("id")} and account_id = ${viewerId(c)} and deleted_at is null`;
    if (!row) throw notFound();
    return c.json({ id: row.id, text: row.text, spoiler_text: row.spoilerText });
  });

  return app;
}
