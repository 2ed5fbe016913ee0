import type { ComponentType } from "preact";
import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import { createClient } from "./api/client.ts";
import type { Instance } from "./api/types.ts";
import { currentSession, readSessions } from "./auth/sessions.ts";
import { I18nProvider, translator, useI18n, type I18n } from "./i18n/i18n.tsx";
import { directionOf, loadCatalog, type LocaleCode } from "./i18n/locales.ts";
import type { Catalog } from "./i18n/types.ts";
import { NavigationProvider, useHistoryRouter, useNavigation } from "./navigation.tsx";
import { LoginForms } from "./ui/login-forms.tsx";
import { NEEDS_LOGIN, SCREENS } from "./screens/registry.ts";
import type { ScreenProps } from "./screens/screen.ts";
import { SessionProvider, type AppSession } from "./session.tsx";
import { HelpDialog } from "./ui/help-dialog.tsx";
import { focusPost, useShortcuts } from "./ui/keyboard.ts";
import { Preferences } from "./ui/preferences.tsx";
import { Shell } from "./ui/shell.tsx";
import { applyTheme, readTheme, type Theme } from "./ui/theme.ts";
import { DEFAULT_SETTINGS, type WebSettings } from "./settings.ts";

export const LOCALE_KEY = "stoa.locale";

/** Makes the document speak the locale: `lang` for assistive tech, `dir` for layout. */
export function applyLocale(locale: LocaleCode): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
}

/** The whole app: language, theme, accounts and the screen of the current path. */
export function App({ initialLocale, initialCatalog }: { initialLocale: LocaleCode; initialCatalog: Catalog }) {
  const [{ locale, catalog }, setLanguage] = useState({ locale: initialLocale, catalog: initialCatalog });
  const [theme, setTheme] = useState<Theme>(readTheme);
  const [store, setStore] = useState(() => readSessions(localStorage));
  const [instance, setInstance] = useState<Instance | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const [helpOpen, setHelpOpen] = useState(false);
  const navigation = useHistoryRouter();
  const { route, navigate } = navigation;

  const setLocale = useCallback((code: LocaleCode) => {
    void loadCatalog(code).then((next) => {
      localStorage.setItem(LOCALE_KEY, code);
      applyLocale(code);
      setLanguage({ locale: code, catalog: next });
    });
  }, []);
  const i18n: I18n = useMemo(() => ({ locale, t: translator(locale, catalog), setLocale }), [locale, catalog, setLocale]);

  const session = currentSession(store);
  const client = useMemo(() => (session ? createClient(session.origin, session.accessToken) : createClient(location.origin)), [session?.key, session?.accessToken]);
  useEffect(() => {
    client.get<Instance>("/api/v2/instance").then(setInstance, () => setInstance(null));
  }, [client]);
  const [settings, setSettings] = useState<WebSettings>(DEFAULT_SETTINGS);
  // The account's settings follow the person: theme and language apply on every device they use.
  const adopt = useCallback((next: WebSettings) => {
    setSettings(next);
    if (next.theme !== readTheme()) { applyTheme(next.theme); setTheme(next.theme); }
    if (next.language && next.language !== localStorage.getItem(LOCALE_KEY)) setLocale(next.language);
  }, [setLocale]);
  useEffect(() => {
    setSettings(DEFAULT_SETTINGS);
    if (!session) return;
    client.get<WebSettings>("/api/stoa/v1/settings").then(adopt, () => undefined);
  }, [client, session?.key, adopt]);
  // Applied at once, then confirmed by the server (or undone if it refuses).
  const updateSettings = useCallback(async (changes: Partial<WebSettings>) => {
    const before = settings;
    setSettings({ ...settings, ...changes });
    try {
      adopt(await client.patch<WebSettings>("/api/stoa/v1/settings", changes));
    } catch (error) {
      setSettings(before);
      throw error;
    }
  }, [client, adopt, settings]);
  const appSession: AppSession = { store, session, client, instance, setStore, settings, updateSettings };

  const compose = useCallback(() => {
    if (route.name !== "home") navigate("/home");
    setFocusRequest((n) => n + 1);
  }, [route.name, navigate]);
  const shortcuts = useMemo(() => ({
    next: () => focusPost(1), previous: () => focusPost(-1), compose, help: () => setHelpOpen(true),
    goHome: () => navigate("/home"), goNotifications: () => navigate("/notifications"),
  }), [compose, navigate]);
  useShortcuts(shortcuts);

  useEffect(() => { if (route.name === "root" && session) navigate("/home", { replace: true }); }, [route.name, session, navigate]);

  return (
    <I18nProvider value={i18n}>
      <NavigationProvider value={navigation}>
        <SessionProvider value={appSession}>
          <Shell onCompose={compose} onHelp={() => setHelpOpen(true)}
            aside={<Preferences theme={theme} onTheme={(next) => {
              applyTheme(next);
              setTheme(next);
              if (session) void updateSettings({ theme: next }).catch(() => undefined);
            }} />}>
            <CurrentScreen focusRequest={focusRequest} loggedIn={Boolean(session)} />
          </Shell>
          <HelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
        </SessionProvider>
      </NavigationProvider>
    </I18nProvider>
  );
}

function CurrentScreen({ focusRequest, loggedIn }: { focusRequest: number; loggedIn: boolean }) {
  const { t } = useI18n();
  const { route } = useNavigation();
  const name = route.name === "root" ? "landing" : route.name;
  const [screen, setScreen] = useState<{ name: string; component: ComponentType<ScreenProps> } | null>(null);
  const blocked = name === "not-found" || (NEEDS_LOGIN.has(name) && !loggedIn);

  useEffect(() => {
    if (name === "not-found" || blocked) return;
    let current = true;
    void SCREENS[name]().then((module) => { if (current) setScreen({ name, component: module.default }); });
    return () => { current = false; };
  }, [name, blocked]);

  if (name === "not-found") return <p class="placeholder">{t("app.notFound")}</p>;
  if (blocked) return <section class="hero"><p>{t("app.needLogin")}</p><LoginForms /></section>;
  if (!screen || screen.name !== name) return <p class="placeholder" role="status">{t("app.loading")}</p>;
  const Screen = screen.component;
  return <Screen route={route} focusRequest={focusRequest} />;
}
