import { revoke } from "../auth/oauth.ts";
import { removeSession, switchSession } from "../auth/sessions.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { LOCALES, isLocaleCode } from "../i18n/locales.ts";
import { useNavigation } from "../navigation.tsx";
import { useSession } from "../session.tsx";
import { LoginForms } from "./login-forms.tsx";
import { THEMES, type Theme } from "./theme.ts";

/** Theme, language and account switching: what a person may change on any screen. */
export function Preferences({ theme, onTheme }: { theme: Theme; onTheme(theme: Theme): void }) {
  const { t, locale, setLocale } = useI18n();
  const { store, session, setStore, updateSettings } = useSession();
  const { navigate } = useNavigation();
  const accounts = Object.values(store.sessions);
  const logout = async () => {
    if (!session) return;
    await revoke(session.origin, session.accessToken);
    const next = removeSession(localStorage, session.key);
    setStore(next);
    navigate(next.current ? "/home" : "/");
  };
  return (
    <section class="preferences" aria-labelledby="preferences-title">
      <h2 id="preferences-title" class="section-title">{t("settings.label")}</h2>
      <div class="field">
        <label for="pref-theme">{t("settings.theme")}</label>
        <select id="pref-theme" value={theme} onChange={(e) => onTheme(e.currentTarget.value as Theme)}>
          {THEMES.map((name) => <option key={name} value={name}>{t(`theme.${name}`)}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="pref-language">{t("settings.language")}</label>
        <select id="pref-language" value={locale} onChange={(e) => { const code = e.currentTarget.value; if (isLocaleCode(code)) { setLocale(code); if (session) void updateSettings({ language: code }).catch(() => undefined); } }}>
          {LOCALES.map(({ code, name }) => <option key={code} value={code} lang={code}>{name}</option>)}
        </select>
      </div>
      {session && (
        <>
          <div class="field">
            <label for="pref-account">{t("account.label")}</label>
            <select id="pref-account" value={session.key} onChange={(e) => { setStore(switchSession(localStorage, e.currentTarget.value)); navigate("/home"); }}>
              {accounts.map((a) => <option key={a.key} value={a.key}>@{a.acct}@{new URL(a.origin).host}</option>)}
            </select>
          </div>
          <details class="add-account">
            <summary>{t("account.add")}</summary>
            <LoginForms />
          </details>
          <button type="button" class="quiet" onClick={() => void logout()}>{t("account.logout")}</button>
        </>
      )}
    </section>
  );
}
