import { useI18n } from "../i18n/i18n.tsx";
import type { PollDraft } from "./drafts.ts";

const DURATIONS = [300, 3600, 86400, 259200, 604800];
const MAX_OPTIONS = 4;

/** A new poll: two to four choices, a duration, one or several answers. */
export function newPoll(): PollDraft {
  return { options: ["", ""], expiresIn: 86400, multiple: false };
}

/** The poll editor of compose. */
export function ComposePoll({ poll, onChange }: { poll: PollDraft; onChange(poll: PollDraft): void }) {
  const { t, locale } = useI18n();
  const duration = (seconds: number) => new Intl.NumberFormat(locale, seconds < 3600
    ? { style: "unit", unit: "minute", unitDisplay: "long" }
    : seconds < 86400 ? { style: "unit", unit: "hour", unitDisplay: "long" } : { style: "unit", unit: "day", unitDisplay: "long" })
    .format(seconds < 3600 ? seconds / 60 : seconds < 86400 ? seconds / 3600 : seconds / 86400);
  const setOption = (index: number, value: string) => onChange({ ...poll, options: poll.options.map((o, i) => (i === index ? value : o)) });
  return (
    <fieldset class="compose-poll">
      <legend>{t("compose.poll")}</legend>
      {poll.options.map((option, index) => (
        <label key={index} class="field">
          <span>{t("compose.pollOption", { number: index + 1 })}</span>
          <input type="text" value={option} maxLength={50} onInput={(e) => setOption(index, e.currentTarget.value)} />
        </label>
      ))}
      <div class="compose-options">
        {poll.options.length < MAX_OPTIONS && (
          <button type="button" onClick={() => onChange({ ...poll, options: [...poll.options, ""] })}>{t("compose.pollAdd")}</button>
        )}
        {poll.options.length > 2 && (
          <button type="button" class="quiet" onClick={() => onChange({ ...poll, options: poll.options.slice(0, -1) })}>{t("compose.pollRemove")}</button>
        )}
        <div class="inline-field">
          <label for="poll-duration">{t("compose.pollDuration")}</label>
          <select id="poll-duration" value={poll.expiresIn} onChange={(e) => onChange({ ...poll, expiresIn: Number(e.currentTarget.value) })}>
            {DURATIONS.map((s) => <option key={s} value={s}>{duration(s)}</option>)}
          </select>
        </div>
        <label class="check">
          <input type="checkbox" checked={poll.multiple} onChange={(e) => onChange({ ...poll, multiple: e.currentTarget.checked })} />
          {t("compose.pollMultiple")}
        </label>
      </div>
    </fieldset>
  );
}
