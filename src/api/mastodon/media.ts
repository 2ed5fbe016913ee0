import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { createMedia, deleteMedia, updateMedia } from "../../media/attachments.ts";
import { isSafeKey } from "../../media/storage.ts";
import { isId } from "../../lib/ids.ts";
import { notFound, unprocessable } from "../../lib/errors.ts";
import { readParams, validate } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import type { Env } from "../http/env.ts";
import { serializeMedia, type MediaRow } from "./entities/media.ts";

const zFocus = z.string().regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/, "must be x,y").transform((v) => {
  const [x, y] = v.split(",").map(Number) as [number, number];
  return { x, y };
}).refine((f) => Math.abs(f.x) <= 1 && Math.abs(f.y) <= 1, "must be within -1.0 and 1.0");

const uploadSchema = z.object({
  file: z.instanceof(Blob, { message: "must be a file" }),
  description: z.string().max(1500).optional(),
  focus: zFocus.optional(),
});

const CONTENT_TYPES: Record<string, string> = { webp: "image/webp", jpg: "image/jpeg", png: "image/png", gif: "image/gif" };

/** Media uploads (images), their alt text and focus, and serving stored files. */
export function mediaRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const write = authed(ctx, "write:media");

  const upload = (sync: boolean) => async (c: Context<Env>) => {
    const p = validate(uploadSchema, await readParams(c));
    const me = viewerId(c);
    const id = await createMedia(ctx, me, {
      file: Buffer.from(await p.file.arrayBuffer()), description: p.description ?? null, focus: p.focus ?? { x: 0, y: 0 },
    }, sync);
    const media = await loadMedia(me, id);
    return c.json(serializeMedia(ctx, media), media.state === "ready" ? 200 : 202);
  };
  app.post("/api/v2/media", write, upload(false));
  app.post("/api/v1/media", write, upload(true));

  app.get("/api/v1/media/:id", write, async (c) => {
    const media = await loadMedia(viewerId(c), c.req.param("id"));
    if (media.state === "failed") throw unprocessable("Media could not be processed");
    return c.json(serializeMedia(ctx, media), media.state === "ready" ? 200 : 206);
  });

  app.put("/api/v1/media/:id", write, async (c) => {
    const p = validate(z.object({ description: z.string().max(1500).optional(), focus: zFocus.optional() }), await readParams(c));
    const me = viewerId(c);
    const id = c.req.param("id");
    if (!isId(id)) throw notFound();
    await updateMedia(ctx, me, id, { description: p.description, focus: p.focus });
    return c.json(serializeMedia(ctx, await loadMedia(me, id)));
  });

  app.delete("/api/v1/media/:id", write, async (c) => {
    const id = c.req.param("id");
    if (!isId(id)) throw notFound();
    await deleteMedia(ctx, viewerId(c), id);
    return c.json({});
  });

  app.get("/system/*", async (c) => {
    const key = c.req.path.slice("/system/".length);
    if (!isSafeKey(key)) throw notFound();
    const data = await ctx.storage.get(key);
    if (!data) throw notFound();
    const type = CONTENT_TYPES[key.split(".").pop() ?? ""] ?? "application/octet-stream";
    return c.body(new Uint8Array(data), 200, {
      "content-type": type, "cache-control": "public, max-age=31536000, immutable", "x-content-type-options": "nosniff",
    });
  });

  async function loadMedia(accountId: string, id: string): Promise<MediaRow & { state: string }> {
    if (!isId(id)) throw notFound();
    const [row] = await ctx.sql<(MediaRow & { state: string })[]>`select * from media_attachments where id = ${id} and account_id = ${accountId}`;
    if (!row) throw notFound();
    return row;
  }

  return app;
}
