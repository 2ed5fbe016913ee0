import type { AppContext } from "../context.ts";
import type { Db } from "../db/database.ts";
import { renderPlainText } from "../statuses/render.ts";

/** A profile metadata field as stored in `accounts.fields`. */
export interface StoredField {
  name: string;
  value: string;
  valueHtml: string;
  verifiedAt: string | null;
}

/** Renders a bio to safe HTML (paragraphs, links, mentions, hashtags). */
export async function renderNote(ctx: AppContext, db: Db, note: string): Promise<string> {
  return (await renderPlainText(ctx, db, note)).html;
}

/**
 * Renders field values as inline HTML with links, mentions and hashtags; fields with neither a
 * name nor a value are dropped, as Mastodon does.
 */
export async function renderFields(ctx: AppContext, db: Db, fields: readonly { name: string; value: string }[]): Promise<StoredField[]> {
  const kept = fields
    .map((f) => ({ name: singleLine(f.name), value: singleLine(f.value) }))
    .filter((f) => f.name !== "" || f.value !== "");
  return Promise.all(kept.map(async (f) => ({
    name: f.name,
    value: f.value,
    valueHtml: unwrapParagraph((await renderPlainText(ctx, db, f.value)).html),
    verifiedAt: null,
  })));
}

function singleLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ").trim();
}

// A field value is one line: Mastodon shows it inline, without a paragraph around it.
function unwrapParagraph(html: string): string {
  return html.replace(/^<p>/, "").replace(/<\/p>$/, "");
}
