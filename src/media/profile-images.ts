import sharp from "sharp";
import type { AppContext } from "../context.ts";
import { ApiError, unprocessable } from "../lib/errors.ts";
import { checkImage, IMAGE_PIXEL_LIMIT } from "./images.ts";

/** Profile images are cropped to Mastodon's sizes: a square avatar and a 3:1 header. */
const SIZES = { avatar: { width: 400, height: 400 }, header: { width: 1500, height: 500 } } as const;
export type ProfileImage = keyof typeof SIZES;

/**
 * Checks an uploaded avatar or header like any media, crops it to its size (keeping the
 * interesting part), strips metadata, stores it as WebP, and returns its storage key.
 */
export async function storeProfileImage(ctx: AppContext, accountId: string, kind: ProfileImage, input: Buffer): Promise<string> {
  if (input.length === 0) throw unprocessable(`${kind} is empty`);
  try {
    await checkImage(input);
  } catch (error) {
    // Name the field, as one request may carry both images.
    if (error instanceof ApiError) throw unprocessable(`${kind}: ${error.message.replace(/^Validation failed: /, "")}`);
    throw error;
  }
  let file: Buffer;
  try {
    file = await sharp(input, { limitInputPixels: IMAGE_PIXEL_LIMIT }).rotate()
      .resize({ ...SIZES[kind], fit: "cover", position: sharp.strategy.attention }).webp({ quality: 85 }).toBuffer();
  } catch {
    throw unprocessable(`${kind} could not be processed as an image`);
  }
  const [row] = await ctx.sql<{ id: string }[]>`select stoa_id()::text as id`;
  const key = `accounts/${accountId}/${kind}_${row!.id}.webp`;
  await ctx.storage.put(key, file);
  return key;
}

/** Removes stored files that nothing refers to any more (replaced or removed images). */
export async function discardFiles(ctx: AppContext, keys: readonly (string | null | undefined)[]): Promise<void> {
  for (const key of keys) if (key) await ctx.storage.delete(key);
}
