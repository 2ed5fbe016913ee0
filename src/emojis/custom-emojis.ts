import sharp from "sharp";
import type { AppContext } from "../context.ts";
import type { Db } from "../db/database.ts";
import { notFound, unprocessable } from "../lib/errors.ts";
import { checkImage } from "../media/images.ts";

/** Mastodon's limit on an emoji upload. */
export const EMOJI_SIZE_LIMIT = 256 * 1024;
/** Emojis are shown at text size: 128 px leaves room for high-density screens. */
const EMOJI_PIXELS = 128;
export const SHORTCODE = /^[a-zA-Z0-9_]{2,64}$/;
/** `:shortcode:` in text; the shortcode may not touch other word characters before it. */
const IN_TEXT = /(?<![a-zA-Z0-9_:]):([a-zA-Z0-9_]{2,64}):/g;

export interface CustomEmojiRow {
  shortcode: string;
  imageUrl: string;
  staticUrl: string;
  visibleInPicker: boolean;
  category: string | null;
}

/**
 * Adds a local custom emoji from an uploaded image: checked like media, metadata stripped,
 * scaled to fit 128 px (animation kept in `url`), with a still PNG for `static_url`.
 * `urlOf` turns a storage key into its public URL.
 */
export async function addCustomEmoji(ctx: AppContext, input: { shortcode: string; image: Buffer; category: string | null; urlOf: (key: string) => string }): Promise<CustomEmojiRow> {
  if (!SHORTCODE.test(input.shortcode)) throw unprocessable("Shortcode must be at least 2 characters, letters, digits and underscores only");
  if (input.image.length > EMOJI_SIZE_LIMIT) throw unprocessable("Image must be smaller than 256 KB");
  await checkImage(input.image);
  const [taken] = await ctx.sql`select 1 from custom_emojis where shortcode = ${input.shortcode} and domain is null`;
  if (taken) throw unprocessable("Shortcode has already been taken");
  let animated: Buffer;
  let still: Buffer;
  try {
    const fit = { width: EMOJI_PIXELS, height: EMOJI_PIXELS, fit: "inside" as const, withoutEnlargement: true };
    animated = await sharp(input.image, { animated: true }).resize(fit).webp().toBuffer();
    still = await sharp(input.image).resize(fit).png().toBuffer();
  } catch {
    throw unprocessable("File could not be processed as an image");
  }
  const [idRow] = await ctx.sql<{ id: string }[]>`select stoa_id()::text as id`;
  const id = idRow!.id;
  const imageKey = `custom_emojis/${id}.webp`;
  const staticKey = `custom_emojis/${id}_static.png`;
  await ctx.storage.put(imageKey, animated);
  await ctx.storage.put(staticKey, still);
  const [row] = await ctx.sql<CustomEmojiRow[]>`
    insert into custom_emojis (id, shortcode, image_url, static_url, category)
    values (${id}, ${input.shortcode}, ${input.urlOf(imageKey)}, ${input.urlOf(staticKey)}, ${input.category})
    on conflict do nothing
    returning shortcode, image_url, static_url, visible_in_picker, category`;
  if (!row) {
    // Lost a race for the same shortcode: leave no orphan files behind.
    await ctx.storage.delete(imageKey);
    await ctx.storage.delete(staticKey);
    throw unprocessable("Shortcode has already been taken");
  }
  return row;
}

/** The local custom emojis, for the picker. */
export function listCustomEmojis(db: Db): Promise<CustomEmojiRow[]> {
  return db<CustomEmojiRow[]>`
    select shortcode, image_url, static_url, visible_in_picker, category from custom_emojis where domain is null order by shortcode`;
}

/** Shortcodes written as `:shortcode:` in any of the texts. */
export function shortcodesIn(texts: readonly string[]): Set<string> {
  const codes = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(IN_TEXT)) codes.add(m[1]!);
  return codes;
}

/** The local custom emojis among `shortcodes`. */
export async function findCustomEmojis(db: Db, shortcodes: Iterable<string>): Promise<Map<string, CustomEmojiRow>> {
  const codes = [...shortcodes];
  if (codes.length === 0) return new Map();
  const rows = await db<CustomEmojiRow[]>`
    select shortcode, image_url, static_url, visible_in_picker, category from custom_emojis
    where domain is null and shortcode = any(${codes}::text[])`;
  return new Map(rows.map((r) => [r.shortcode, r]));
}

/** Key of an emoji by where it comes from: a remote server's emojis are its own, not ours. */
export const emojiKey = (domain: string | null, shortcode: string) => `${domain ?? ""}:${shortcode}`;

/** Custom emojis by (domain, shortcode), local ones with a null domain, keyed by `emojiKey`. */
export async function findEmojisFrom(db: Db, wanted: readonly { domain: string | null; shortcode: string }[]): Promise<Map<string, CustomEmojiRow>> {
  if (wanted.length === 0) return new Map();
  const rows = await db<(CustomEmojiRow & { domain: string })[]>`
    select coalesce(e.domain, '') as domain, e.shortcode, e.image_url, e.static_url, e.visible_in_picker, e.category
    from custom_emojis e
    join unnest(${wanted.map((w) => w.domain ?? "")}::text[], ${wanted.map((w) => w.shortcode)}::text[]) as w(domain, shortcode)
      on coalesce(e.domain, '') = w.domain and e.shortcode = w.shortcode`;
  return new Map(rows.map(({ domain, ...r }) => [emojiKey(domain || null, r.shortcode), r]));
}

/**
 * Deletes a local custom emoji and its files (found by key in its URLs). Posts that used it
 * show the bare `:shortcode:` again.
 */
export async function deleteCustomEmoji(ctx: AppContext, shortcode: string, keyOf: (url: string) => string | null): Promise<void> {
  const [row] = await ctx.sql<{ imageUrl: string; staticUrl: string }[]>`
    delete from custom_emojis where shortcode = ${shortcode} and domain is null returning image_url, static_url`;
  if (!row) throw notFound();
  for (const url of [row.imageUrl, row.staticUrl]) {
    const key = keyOf(url);
    if (key) await ctx.storage.delete(key);
  }
}
