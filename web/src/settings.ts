import type { LocaleCode } from "./i18n/locales.ts";
import type { Theme } from "./ui/theme.ts";

/** The settings stored in the account (`/api/stoa/v1/settings`), so they follow the person. */
export interface WebSettings {
  hide_counts: boolean;
  quiet_hours_start: string | null;
  quiet_hours_end: string | null;
  notification_batching: "off" | "three_a_day";
  boost_link_prompt: boolean;
  harsh_reply_prompt: boolean;
  alt_text_reminder: boolean;
  require_alt_text: boolean;
  language: LocaleCode | null;
  theme: Theme;
}

/** What a server without Stoa's API (or before loading) gets: the same healthy defaults as the server's. */
export const DEFAULT_SETTINGS: WebSettings = {
  hide_counts: false, quiet_hours_start: null, quiet_hours_end: null, notification_batching: "off", boost_link_prompt: true,
  harsh_reply_prompt: true, alt_text_reminder: true, require_alt_text: false, language: null, theme: "system",
};
