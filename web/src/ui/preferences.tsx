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
  const { store, session, setStore } = useSession();
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
      <label class="field">
        <span>{t("settings.theme")}</span>
        <select value={theme} onChange={(e) => onTheme(e.currentTarget.value as Theme)}>
          {THEMES.map((name) => <option key={name} value={name}>{t(`theme.${name}`)}</option>)}
        </select>
      </label>
      <label class="field">
        <span>{t("settings.language")}</span>
        <select value={locale} onChange={(e) => { const code = e.currentTarget.value; if (isLocaleCode(code)) setLocale(code); }}>
          {LOCALES.map(({ code, name }) => <option key={code} value={code} lang={code}>{name}</option>)}
        </select>
      </label>
      {session && (
        <>
          <label class="field">
            <span>{t("account.label")}</span>
            <select value={session.key} onChange={(e) => { setStore(switchSession(localStorage, e.currentTarget.value)); navigate("/home"); }}>
              {accounts.map((a) => <option key={a.key} value={a.key}>@{a.acct}@{new URL(a.origin).host}</option>)}
            </select>
          </label>
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
