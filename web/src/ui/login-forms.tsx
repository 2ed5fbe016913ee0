import { useState } from "preact/hooks";
import { normalizeOrigin, startLogin } from "../auth/oauth.ts";
import { useI18n } from "../i18n/i18n.tsx";

/** Log in here, or on any other Mastodon-compatible server. */
export function LoginForms() {
  const { t } = useI18n();
  const [other, setOther] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const go = (origin: string) => startLogin(origin).catch((error: Error) => setProblem(t("landing.loginFailed", { reason: error.message })));
  const onOther = (event: Event) => {
    event.preventDefault();
    let origin: string;
    try {
      origin = normalizeOrigin(other);
    } catch {
      return setProblem(t("landing.invalidServer"));
    }
    void go(origin);
  };
  return (
    <div class="login">
      <button type="button" class="primary large" onClick={() => void go(location.origin)}>{t("landing.login")}</button>
      <details class="other-server">
        <summary>{t("landing.otherServer")}</summary>
        <form onSubmit={onOther} class="inline-form">
          <label class="field">
            <span>{t("landing.serverLabel")}</span>
            <input type="text" inputMode="url" autoComplete="url" value={other} maxLength={253} placeholder="stoa.example" onInput={(e) => setOther(e.currentTarget.value)} />
          </label>
          <button type="submit">{t("landing.continue")}</button>
        </form>
      </details>
      {problem && <p class="error" role="alert">{problem}</p>}
    </div>
  );
}
