import type { AppContext } from "../../../context.ts";
import { emojiKey, findEmojisFrom, shortcodesIn, type CustomEmojiRow } from "../../../emojis/custom-emojis.ts";

/** Mastodon's CustomEmoji entity. */
export function serializeEmoji(e: CustomEmojiRow) {
  return { shortcode: e.shortcode, url: e.imageUrl, static_url: e.staticUrl, visible_in_picker: e.visibleInPicker, category: e.category };
}

type Entity = Record<string, unknown>;

/** The texts of a Status or Account entity in which `:shortcode:` may appear. */
function textsOf(e: Entity): string[] {
  const texts: string[] = [];
  for (const key of ["content", "spoiler_text", "display_name", "note"]) if (typeof e[key] === "string") texts.push(e[key] as string);
  if (Array.isArray(e.fields)) for (const f of e.fields as Entity[]) texts.push(String(f.name ?? ""), String(f.value ?? ""));
  const poll = e.poll as Entity | null | undefined;
  if (poll && Array.isArray(poll.options)) for (const o of poll.options as Entity[]) texts.push(String(o.title ?? ""));
  return texts;
}

/** Every object carrying an `emojis` array in these entities, nested ones included (they are trees). */
function carriers(value: unknown, found: Entity[], depth = 0): void {
  if (depth > 6 || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const v of value) carriers(v, found, depth + 1);
    return;
  }
  const e = value as Entity;
  if (Array.isArray(e.emojis)) found.push(e);
  for (const key of ["account", "reblog", "status", "moved", "quote", "accounts", "statuses"]) carriers(e[key], found, depth + 1);
}

/** The server an entity's texts come from: an account's own, or a status's author's (null for local). */
function domainOf(e: Entity): string | null {
  const acct = typeof e.acct === "string" ? e.acct : typeof (e.account as Entity | undefined)?.acct === "string" ? (e.account as Entity).acct as string : "";
  const at = acct.indexOf("@");
  return at >= 0 ? acct.slice(at + 1).toLowerCase() : null;
}

/**
 * Fills the `emojis` arrays of serialized Status, Account and Notification entities with the
 * custom emojis their texts use (a remote author's from their server), in one query per batch.
 */
export async function attachEmojis<T>(ctx: AppContext, entities: T): Promise<T> {
  const found: Entity[] = [];
  carriers(entities, found);
  const perEntity = found.map((e) => ({ e, domain: domainOf(e), codes: shortcodesIn(textsOf(e)) }));
  const wanted = new Map<string, { domain: string | null; shortcode: string }>();
  for (const p of perEntity) for (const shortcode of p.codes) wanted.set(emojiKey(p.domain, shortcode), { domain: p.domain, shortcode });
  if (wanted.size === 0) return entities;
  const emojis = await findEmojisFrom(ctx.sql, [...wanted.values()]);
  for (const { e, domain, codes } of perEntity) {
    e.emojis = [...codes].flatMap((code) => {
      const emoji = emojis.get(emojiKey(domain, code));
      return emoji ? [serializeEmoji(emoji)] : [];
    });
  }
  return entities;
}
