import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { updateProfile } from "../../accounts/profile.ts";
import { readPreferences } from "../../accounts/preferences.ts";
import { discardFiles, storeProfileImage } from "../../media/profile-images.ts";
import { authed, viewerId } from "../http/auth.ts";
import { readParams, validate, zBool, zList } from "../http/params.ts";
import type { Env } from "../http/env.ts";
import { credentialAccount } from "./accounts.ts";

// Generous caps bound what we read; the domain enforces Mastodon's exact limits (in characters).
const text = (max: number) => z.string().max(max);
const emptyAsNull = z.preprocess((v) => (v === "" ? null : v), z.string().max(16).nullable());

// Some clients send an empty value for an image they do not change.
const file = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.instanceof(Blob, { message: "must be an image file" }).optional());

const updateSchema = z.object({
  display_name: text(1000).optional(),
  note: text(10_000).optional(),
  locked: zBool.optional(),
  bot: zBool.optional(),
  discoverable: zBool.optional(),
  indexable: zBool.optional(),
  hide_collections: zBool.optional(),
  avatar: file,
  header: file,
  fields_attributes: zList(z.object({ name: text(2000).default(""), value: text(2000).default("") })).pipe(z.array(z.any()).max(16)).optional(),
  source: z.object({
    privacy: z.enum(["public", "unlisted", "private"]).optional(),
    sensitive: zBool.optional(),
    language: emptyAsNull.optional(),
    quote_policy: z.enum(["public", "followers", "nobody"]).optional(),
  }).optional(),
});

/** Current image keys of the account, to discard the files an update replaces. */
async function imageKeys(ctx: AppContext, accountId: string) {
  const [row] = await ctx.sql<{ avatarFileKey: string | null; headerFileKey: string | null }[]>`
    select avatar_file_key, header_file_key from accounts where id = ${accountId}`;
  return row ?? { avatarFileKey: null, headerFileKey: null };
}

/** The caller's own profile: update_credentials, removing images, preferences. */
export function accountProfileRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();

  app.patch("/api/v1/accounts/update_credentials", authed(ctx, "write:accounts"), async (c) => {
    const p = validate(updateSchema, await readParams(c));
    const me = viewerId(c);
    const before = await imageKeys(ctx, me);
    const bytes = async (blob: Blob | undefined) => (blob ? Buffer.from(await blob.arrayBuffer()) : undefined);
    const avatarBytes = await bytes(p.avatar);
    const headerBytes = await bytes(p.header);
    const avatarFileKey = avatarBytes && await storeProfileImage(ctx, me, "avatar", avatarBytes);
    let headerFileKey: string | undefined;
    try {
      headerFileKey = headerBytes && await storeProfileImage(ctx, me, "header", headerBytes);
    } catch (error) {
      await discardFiles(ctx, [avatarFileKey]);
      throw error;
    }
    try {
      await updateProfile(ctx, me, {
        avatarFileKey,
        headerFileKey,
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
    } catch (error) {
      await discardFiles(ctx, [avatarFileKey, headerFileKey]); // the update was refused: keep no orphan files
      throw error;
    }
    await discardFiles(ctx, [avatarFileKey && before.avatarFileKey, headerFileKey && before.headerFileKey]);
    return c.json(await credentialAccount(ctx, me));
  });

  app.delete("/api/v1/profile/avatar", authed(ctx, "write:accounts"), async (c) => {
    const before = await imageKeys(ctx, viewerId(c));
    await updateProfile(ctx, viewerId(c), { avatarFileKey: null });
    await discardFiles(ctx, [before.avatarFileKey]);
    return c.json(await credentialAccount(ctx, viewerId(c)));
  });

  app.delete("/api/v1/profile/header", authed(ctx, "write:accounts"), async (c) => {
    const before = await imageKeys(ctx, viewerId(c));
    await updateProfile(ctx, viewerId(c), { headerFileKey: null });
    await discardFiles(ctx, [before.headerFileKey]);
    return c.json(await credentialAccount(ctx, viewerId(c)));
  });

  app.get("/api/v1/preferences", authed(ctx, "read:accounts"), async (c) => {
    return c.json(await readPreferences(ctx.sql, viewerId(c)));
  });

  return app;
}
