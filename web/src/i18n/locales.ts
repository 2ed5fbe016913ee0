import type { Catalog } from "./types.ts";

/** The languages the app speaks, each with its own name and writing direction. */
export const LOCALES = [
  { code: "en", name: "English", dir: "ltr" },
  { code: "es", name: "Español", dir: "ltr" },
  { code: "pt-BR", name: "Português (Brasil)", dir: "ltr" },
  { code: "pt-PT", name: "Português (Portugal)", dir: "ltr" },
  { code: "ca", name: "Català", dir: "ltr" },
] as const;

export type LocaleCode = (typeof LOCALES)[number]["code"];

/** One dynamic import per locale: only the chosen catalog is downloaded. */
const loaders: Record<LocaleCode, () => Promise<{ default: Catalog }>> = {
  en: () => import("./locales/en.ts"),
  es: () => import("./locales/es.ts"),
  "pt-BR": () => import("./locales/pt-BR.ts"),
  "pt-PT": () => import("./locales/pt-PT.ts"),
  ca: () => import("./locales/ca.ts"),
};

/** Loads one locale's catalog. */
export async function loadCatalog(code: LocaleCode): Promise<Catalog> {
  return (await loaders[code]()).default;
}

export function isLocaleCode(code: string | null | undefined): code is LocaleCode {
  return LOCALES.some((locale) => locale.code === code);
}

/** Portuguese outside Brazil follows the European norm. */
const EUROPEAN_PORTUGUESE = new Set(["PT", "AO", "MZ", "CV", "GW", "ST", "TL", "MO", "LU", "CH"]);

/** The best supported locale for the browser's preferred languages (English when none fit). */
export function pickLocale(preferred: readonly string[]): LocaleCode {
  for (const tag of preferred) {
    let parsed: Intl.Locale;
    try {
      parsed = new Intl.Locale(tag);
    } catch {
      continue;
    }
    if (parsed.language === "pt") return parsed.region && EUROPEAN_PORTUGUESE.has(parsed.region) ? "pt-PT" : "pt-BR";
    if (isLocaleCode(parsed.language)) return parsed.language;
  }
  return "en";
}

/** Writing direction of a locale, ready for right-to-left languages when they are added. */
export function directionOf(code: string): "ltr" | "rtl" {
  return LOCALES.find((locale) => locale.code === code)?.dir ?? "ltr";
}
