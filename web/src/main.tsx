import { render } from "preact";
import { App, LOCALE_KEY, applyLocale } from "./app.tsx";
import { isLocaleCode, loadCatalog, pickLocale } from "./i18n/locales.ts";
import { applyTheme, readTheme } from "./ui/theme.ts";
import "./styles/tokens.css";
import "./styles/base.css";
import "./styles/components.css";

/** Starts the app once the catalog of the chosen language has arrived (one locale only). */
async function start(): Promise<void> {
  applyTheme(readTheme());
  const stored = localStorage.getItem(LOCALE_KEY);
  const locale = isLocaleCode(stored) ? stored : pickLocale(navigator.languages);
  applyLocale(locale);
  const catalog = await loadCatalog(locale);
  render(<App initialLocale={locale} initialCatalog={catalog} />, document.getElementById("app")!);
}

void start();
