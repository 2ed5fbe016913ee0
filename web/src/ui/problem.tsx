import { useI18n } from "../i18n/i18n.tsx";

/** An error the person can read, with a way to try again. */
export function Problem({ reason, retry }: { reason: string; retry?: () => void }) {
  const { t } = useI18n();
  return (
    <div class="problem" role="alert">
      <p>{t("app.error", { reason })}</p>
      {retry && <button type="button" onClick={retry}>{t("app.retry")}</button>}
    </div>
  );
}
