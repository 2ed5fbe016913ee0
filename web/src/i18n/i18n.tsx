import { createContext, type ComponentChildren } from "preact";
import { useContext } from "preact/hooks";
import type { Catalog, MessageKey } from "./types.ts";
import type { LocaleCode } from "./locales.ts";
import { formatMessage, type MessageValues } from "./format.ts";

export interface I18n {
  locale: LocaleCode;
  t(key: MessageKey, values?: MessageValues): string;
  setLocale(code: LocaleCode): void;
}

const I18nContext = createContext<I18n | null>(null);

/** Builds the translate function of one loaded catalog. */
export function translator(locale: LocaleCode, catalog: Catalog): I18n["t"] {
  return (key, values) => formatMessage(catalog[key] ?? key, values, locale);
}

export function I18nProvider({ value, children }: { value: I18n; children: ComponentChildren }) {
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current locale and its messages. */
export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useI18n outside I18nProvider");
  return i18n;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600], ["month", 30 * 24 * 3600], ["week", 7 * 24 * 3600], ["day", 24 * 3600], ["hour", 3600], ["minute", 60], ["second", 1],
];

/** "3 minutes ago", "yesterday", "now" in the locale, through Intl.RelativeTimeFormat. */
export function relativeTime(date: Date, locale: string, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "long" });
  if (Math.abs(seconds) < 45) return format.format(0, "second");
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(seconds, "second");
}
