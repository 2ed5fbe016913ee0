import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { updateProfile } from "../../accounts/profile.ts";
import { readPreferences } from "../../accounts/preferences.ts";
import { unprocessable } from "../../lib/errors.ts";
import { authed, viewerId } from "../http/auth.ts";
import { readParams, validate, zBool, zList } from "../http/params.ts";
import type { Env } from "../http/env.ts";
import { credentialAccount } from "./accounts.ts";

// Generous caps bound what we read; the domain enforces Mastodon's exact limits (in characters).
const text = (max: number) => z.string().max(max);
const emptyAsNull = z.preprocess((v) => (v === "" ? null : v), z.string().max(16).nullable());

const updateSchema = z.object({
  display_name: text(1000).optional(),
  note: text(10_000).optional(),
  locked: zBool.optional(),
  bot: zBool.optional(),
  discoverable: zBool.optional(),
  indexable: zBool.optional(),
  hide_collections: zBool.optional(),
  fields_attributes: zList(z.object({ name: text(2000).default(""), value: text(2000).default("") })).pipe(z.array(z.any()).max(16)).optional(),
  source: z.object({
    privacy: z.enum(["public", "unlisted", "private"]).optional(),
    sensitive: zBool.optional(),
    language: emptyAsNull.optional(),
    quote_policy: z.enum(["public", "followers", "nobody"]).optional(),
  }).optional(),
});

/**
 * Avatar and header uploads need the media domain's `storeProfileImage` (type checked by the
 * bytes, resized, metadata stripped), which has not landed yet: refuse them plainly rather
 * than accept a file and drop it. Plug it in here, passing the keys as avatarFileKey/headerFileKey.
 */
function refuseImageUploads(params: Record<string, unknown>): void {
  for (const field of ["avatar", "header"]) {
    if (params[field] instanceof Blob) {
      throw unprocessable(`${field} uploads are not available on this server yet`, { [field]: [{ error: "ERR_UNAVAILABLE", description: "uploads are not available yet" }] });
    }
  }
}

/** The caller's own profile: update_credentials, removing images, preferences. */
export function accountProfileRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();

  app.patch("/api/v1/accounts/update_credentials", authed(ctx, "write:accounts"), async (c) => {
    const params = await readParams(c);
    refuseImageUploads(params);
    const p = validate(updateSchema, params);
    await updateProfile(ctx, viewerId(c), {
      displayName: p.display_name,
      note: p.note,
      locked: p.locked,
      bot: p.bot,
      discoverable: p.discoverable,
      indexable: p.indexable,
      hideCollections: p.hide_collections,
      fields: p.fields_attributes as { name: string; value: string }[] | undefined,
      source: p.source && {
        privacy: p.source.privacy,
        sensitive: p.source.sensitive,
        language: p.source.language === null ? null : p.source.language?.toLowerCase(),
        quotePolicy: p.source.quote_policy,
      },
    });
    return c.json(await credentialAccount(ctx, viewerId(c)));
  });

  app.delete("/api/v1/profile/avatar", authed(ctx, "write:accounts"), async (c) => {
    await updateProfile(ctx, viewerId(c), { avatarFileKey: null });
    return c.json(await credentialAccount(ctx, viewerId(c)));
  });

  app.delete("/api/v1/profile/header", authed(ctx, "write:accounts"), async (c) => {
    await updateProfile(ctx, viewerId(c), { headerFileKey: null });
    return c.json(await credentialAccount(ctx, viewerId(c)));
  });

  app.get("/api/v1/preferences", authed(ctx, "read:accounts"), async (c) => {
    return c.json(await readPreferences(ctx.sql, viewerId(c)));
  });

  return app;
}
