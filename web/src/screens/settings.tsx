import { useState } from "preact/hooks";
import { useI18n } from "../i18n/i18n.tsx";
import type { MessageKey } from "../i18n/types.ts";
import { Link } from "../navigation.tsx";
import { useSession } from "../session.tsx";
import type { WebSettings } from "../settings.ts";

type Flag = "hide_counts" | "boost_link_prompt" | "harsh_reply_prompt" | "alt_text_reminder" | "require_alt_text";

const FLAGS: { key: Flag; label: MessageKey; hint: MessageKey }[] = [
  { key: "hide_counts", label: "settings.hideCounts", hint: "settings.hideCountsHint" },
  { key: "boost_link_prompt", label: "settings.boostLinkPrompt", hint: "settings.boostLinkPromptHint" },
  { key: "harsh_reply_prompt", label: "settings.harshReplyPrompt", hint: "settings.harshReplyPromptHint" },
  { key: "alt_text_reminder", label: "settings.altTextReminder", hint: "settings.altTextReminderHint" },
  { key: "require_alt_text", label: "settings.requireAltText", hint: "settings.requireAltTextHint" },
];

/** Wellbeing settings, stored in the account: each change is saved at once and applies everywhere. */
export default function SettingsScreen() {
  const { t } = useI18n();
  const { settings, updateSettings } = useSession();
  const [status, setStatus] = useState<string>("");

  const save = (changes: Partial<WebSettings>) => {
    setStatus(t("settings.saving"));
    updateSettings(changes).then(() => setStatus(t("settings.saved")), (error: Error) => setStatus(t("settings.failed", { reason: error.message })));
  };
  const quiet = settings.quiet_hours_start !== null;

  return (
    <>
      <h1 class="screen-title">{t("settings.title")}</h1>
      <form class="settings" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>{t("settings.wellbeing")}</legend>
          {FLAGS.map(({ key, label, hint }) => (
            <div key={key} class="setting">
              <input type="checkbox" id={`setting-${key}`} checked={settings[key]} aria-describedby={`setting-${key}-hint`}
                onChange={(e) => save({ [key]: e.currentTarget.checked })} />
              <label for={`setting-${key}`}>{t(label)}</label>
              <p id={`setting-${key}-hint`} class="hint">{t(hint)}</p>
            </div>
          ))}
          <div class="setting">
            <input type="checkbox" id="setting-quiet" checked={quiet} aria-describedby="setting-quiet-hint"
              onChange={(e) => save(e.currentTarget.checked ? { quiet_hours_start: "22:00", quiet_hours_end: "07:00" } : { quiet_hours_start: null, quiet_hours_end: null })} />
            <label for="setting-quiet">{t("settings.quietHours")}</label>
            <p id="setting-quiet-hint" class="hint">{t("settings.quietHoursHint")}</p>
          </div>
          {quiet && (
            <div class="compose-options">
              <label class="inline-field">{t("settings.quietFrom")}
                <input type="time" value={settings.quiet_hours_start ?? ""} onChange={(e) => save({ quiet_hours_start: e.currentTarget.value, quiet_hours_end: settings.quiet_hours_end })} />
              </label>
              <label class="inline-field">{t("settings.quietUntil")}
                <input type="time" value={settings.quiet_hours_end ?? ""} onChange={(e) => save({ quiet_hours_start: settings.quiet_hours_start, quiet_hours_end: e.currentTarget.value })} />
              </label>
            </div>
          )}
          <div class="inline-field">
            <label for="setting-batching">{t("settings.batching")}</label>
            <select id="setting-batching" value={settings.notification_batching}
              onChange={(e) => save({ notification_batching: e.currentTarget.value as WebSettings["notification_batching"] })}>
              <option value="off">{t("settings.batchingOff")}</option>
              <option value="three_a_day">{t("settings.batchingThree")}</option>
            </select>
          </div>
        </fieldset>
        <p class="hint">{t("settings.elsewhere")}</p>
        <p role="status" class="compose-status">{status}</p>
      </form>
      <nav aria-labelledby="manage-title">
        <h2 id="manage-title" class="section-title">{t("settings.manage")}</h2>
        <ul class="tag-list">
          <li><Link href="/lists">{t("lists.title")}</Link></li>
          <li><Link href="/follow_requests">{t("people.requests")}</Link></li>
          <li><Link href="/mutes">{t("people.mutes")}</Link></li>
          <li><Link href="/blocks">{t("people.blocks")}</Link></li>
          <li><Link href="/filters">{t("filters.title")}</Link></li>
        </ul>
      </nav>
    </>
  );
}
