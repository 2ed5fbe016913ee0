import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { Config } from "../config.ts";
import { openInstance } from "../instance.ts";
import { addCustomEmoji } from "../emojis/custom-emojis.ts";
import { ApiError } from "../lib/errors.ts";
import { mediaUrl } from "../api/mastodon/entities/account.ts";

/** `stoa admin add-emoji SHORTCODE FILE [--category C]`: adds a custom emoji from an image file. */
export async function addEmojiCli(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { category: { type: "string" } } });
  const [shortcode, file] = positionals;
  if (!shortcode || !file) {
    process.stderr.write("add-emoji needs SHORTCODE and FILE\n");
    return 2;
  }
  let image: Buffer;
  try {
    image = await readFile(file);
  } catch {
    process.stderr.write(`Cannot read ${file}\n`);
    return 2;
  }
  const instance = await openInstance(config);
  try {
    await addCustomEmoji(instance.ctx, { shortcode, image, category: values.category ?? null, urlOf: (key) => mediaUrl(config.origin, key) });
    process.stdout.write(`Added :${shortcode}:\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  } finally {
    await instance.close();
  }
}
