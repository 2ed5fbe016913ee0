import type { Db } from "../db/database.ts";
import { escapeHtml } from "../statuses/render.ts";

/** Who may read the instance's list of blocked domains, and the reasons for them (Mastodon's settings). */
export const DISCLOSURE = ["disabled", "users", "all"] as const;
export type Disclosure = (typeof DISCLOSURE)[number];

/** Instance texts that admins edit, stored as plain text. */
export const SITE_TEXTS = ["extended_description", "privacy_policy"] as const;
export type SiteText = (typeof SITE_TEXTS)[number];

/** One instance setting, or null when it was never set. */
export async function getSetting<T>(db: Db, key: string): Promise<{ value: T; updatedAt: Date } | null> {
  const [row] = await db<{ value: T; updatedAt: Date }[]>`select value, updated_at from instance_settings where key = ${key}`;
  return row ?? null;
}

/** Stores one instance setting (any JSON value). */
export async function setSetting(db: Db, key: string, value: unknown): Promise<void> {
  await db`insert into instance_settings (key, value) values (${key}, ${db.json(value as never)})
    on conflict (key) do update set value = excluded.value, updated_at = now()`;
}

/** A disclosure setting, `disabled` unless an admin opened it (Mastodon's default). */
export async function disclosure(db: Db, key: "show_domain_blocks" | "show_domain_blocks_rationale"): Promise<Disclosure> {
  const setting = await getSetting<string>(db, key);
  return DISCLOSURE.find((d) => d === setting?.value) ?? "disabled";
}

/** Plain text as safe HTML: paragraphs on blank lines, line breaks within them. */
export function textToHtml(text: string): string {
  return text.trim().split(/\n\s*\n/).filter((p) => p.trim())
    .map((p) => `<p>${p.trim().split("\n").map(escapeHtml).join("<br>")}</p>`).join("");
}
