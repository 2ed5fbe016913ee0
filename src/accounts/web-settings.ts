import type { Db } from "../db/database.ts";

/**
 * The settings that follow a person across devices: wellbeing, language and appearance. Kept
 * in `users.settings.web` with camelCase keys, as postgres.camel reads JSON keys camelCased.
 */
export interface WebSettings {
  hideCounts: boolean;
  /** Quiet hours in the person's local time, "HH:MM"; both null when off. */
  quietHoursStart: string | null;
  quietHoursEnd: string | null;
  /** "off": notifications as they come; "three_a_day": delivered at 08:00, 13:00 and 19:00. */
  notificationBatching: "off" | "three_a_day";
  boostLinkPrompt: boolean;
  harshReplyPrompt: boolean;
  altTextReminder: boolean;
  requireAltText: boolean;
  language: string | null;
  theme: "system" | "light" | "dark" | "contrast";
}

/** Healthy defaults: every prompt on, counts shown, no quiet hours, no batching. */
export const DEFAULT_WEB_SETTINGS: WebSettings = {
  hideCounts: false,
  quietHoursStart: null,
  quietHoursEnd: null,
  notificationBatching: "off",
  boostLinkPrompt: true,
  harshReplyPrompt: true,
  altTextReminder: true,
  requireAltText: false,
  language: null,
  theme: "system",
};

/** A user's web settings, defaults filled in for whatever was never set. */
export async function readWebSettings(db: Db, accountId: string): Promise<WebSettings> {
  const [row] = await db<{ web: Partial<WebSettings> | null }[]>`select settings->'web' as web from users where account_id = ${accountId}`;
  return { ...DEFAULT_WEB_SETTINGS, ...pickKnown(row?.web ?? {}) };
}

/** Changes some settings and returns them all. Other keys of `users.settings` are untouched. */
export async function updateWebSettings(db: Db, accountId: string, changes: Partial<WebSettings>): Promise<WebSettings> {
  const [row] = await db<{ web: Partial<WebSettings> }[]>`
    update users set settings = jsonb_set(settings, '{web}', coalesce(settings->'web', '{}'::jsonb) || ${db.json(pickKnown(changes) as never)})
    where account_id = ${accountId} returning settings->'web' as web`;
  return { ...DEFAULT_WEB_SETTINGS, ...pickKnown(row?.web ?? {}) };
}

// Keys a newer version wrote and this one does not know are left out of what it reads.
function pickKnown(value: Partial<WebSettings>): Partial<WebSettings> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => key in DEFAULT_WEB_SETTINGS)) as Partial<WebSettings>;
}
