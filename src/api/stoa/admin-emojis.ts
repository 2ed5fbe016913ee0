import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { addCustomEmoji, deleteCustomEmoji } from "../../emojis/custom-emojis.ts";
import { readParams, validate } from "../http/params.ts";
import type { Env } from "../http/env.ts";
import { mediaUrl } from "../mastodon/entities/account.ts";
import { serializeEmoji } from "../mastodon/entities/emoji.ts";
import { adminRequired } from "./admin.ts";

const emojiSchema = z.object({
  shortcode: z.string().trim(),
  image: z.instanceof(Blob, { message: "must be a file" }),
  category: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().min(1).max(64).optional()),
});

/** Admins add the instance's custom emojis (multipart: shortcode, image, category). */
export function adminEmojiRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();

  app.post("/api/stoa/v1/admin/custom_emojis", adminRequired(ctx), async (c) => {
    const p = validate(emojiSchema, await readParams(c));
    const emoji = await addCustomEmoji(ctx, {
      shortcode: p.shortcode, image: Buffer.from(await p.image.arrayBuffer()), category: p.category ?? null,
      urlOf: (key) => mediaUrl(ctx.config.origin, key),
    });
    return c.json(serializeEmoji(emoji));
  });

  app.delete("/api/stoa/v1/admin/custom_emojis/:shortcode", adminRequired(ctx), async (c) => {
    const prefix = mediaUrl(ctx.config.origin, "");
    await deleteCustomEmoji(ctx, c.req.param("shortcode"), (url) => (url.startsWith(prefix) ? url.slice(prefix.length) : null));
    return c.json({});
  });

  return app;
}
