import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import type { MediaAttachment, Status, Visibility } from "../api/types.ts";
import { ApiFailure } from "../api/client.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { useSession } from "../session.tsx";
import { countCharacters } from "./char-count.ts";
import { missingDescriptions } from "./alt-text.ts";
import { randomToken } from "../auth/pkce.ts";
import { ComposeMedia } from "./compose-media.tsx";
import { ComposePoll, newPoll } from "./compose-poll.tsx";
import { clearDraft, readDraft, saveDraft, type PollDraft } from "./drafts.ts";
import { soundsHarsh } from "./wellbeing.ts";

const VISIBILITIES: Visibility[] = ["public", "unlisted", "private", "direct"];
const POST_LANGUAGES = ["en", "es", "pt", "ca", "gl", "eu", "fr", "it", "de", "nl"];

export interface ComposeProps {
  replyTo: Status | null;
  onCancelReply(): void;
  onPosted(status: Status): void;
  /** Changes whenever something (the n shortcut) asks for the text field's focus. */
  focusRequest: number;
}

/**
 * Writing a post: text with a live counter, content warning, visibility, language, images with
 * their descriptions, a poll. The draft is saved as it is written and offered back after a crash.
 */
export function Compose({ replyTo, onCancelReply, onPosted, focusRequest }: ComposeProps) {
  const { t, locale } = useI18n();
  const { client, instance, session, settings } = useSession();
  const requireAltText = settings.require_alt_text;
  const sessionKey = session?.key ?? "";
  const [recovered] = useState(() => (sessionKey ? readDraft(localStorage, sessionKey) : null));
  const limit = instance?.configuration?.statuses?.max_characters ?? 500;
  const perUrl = instance?.configuration?.statuses?.characters_reserved_per_url ?? 23;
  const [text, setText] = useState(recovered?.text ?? "");
  const [warning, setWarning] = useState<string | null>(recovered?.warning ?? null);
  const [visibility, setVisibility] = useState<Visibility>(recovered?.visibility ?? "public");
  const [language, setLanguage] = useState(() => recovered?.language ?? new Intl.Locale(locale).language);
  const [media, setMedia] = useState<MediaAttachment[]>(recovered?.media ?? []);
  const [poll, setPoll] = useState<PollDraft | null>(recovered?.poll ?? null);
  const [showRecovered, setShowRecovered] = useState(Boolean(recovered));
  const [confirmAlt, setConfirmAlt] = useState(false);
  const [confirmHarsh, setConfirmHarsh] = useState(false);
  const [state, setState] = useState<{ kind: "idle" | "posting" | "posted" } | { kind: "failed"; reason: string }>({ kind: "idle" });
  const textRef = useRef<HTMLTextAreaElement>(null);
  // One key per draft, so that a retried request after a network error never posts twice.
  const idempotency = useRef(randomToken());

  useEffect(() => { if (focusRequest > 0) textRef.current?.focus(); }, [focusRequest]);
  useEffect(() => {
    if (!replyTo) return;
    setText((current) => (current.startsWith(`@${replyTo.account.acct} `) ? current : `@${replyTo.account.acct} ${current}`));
    setVisibility(replyTo.visibility === "public" ? "public" : replyTo.visibility);
    textRef.current?.focus();
  }, [replyTo]);

  // Saved as part of the render each change causes (a layout effect, not a later one), so a
  // crash or a reload right after a keystroke still finds it.
  useLayoutEffect(() => {
    if (!sessionKey) return;
    saveDraft(localStorage, sessionKey, { text, warning, visibility, language, media, poll, inReplyToId: replyTo?.id ?? null, savedAt: new Date().toISOString() });
  }, [sessionKey, text, warning, visibility, language, media, poll, replyTo]);

  const discard = () => {
    setText("");
    setWarning(null);
    setMedia([]);
    setPoll(null);
    setShowRecovered(false);
    if (sessionKey) clearDraft(localStorage, sessionKey);
  };

  const used = countCharacters(text, perUrl) + countCharacters(warning ?? "", perUrl);
  const left = limit - used;
  const languageNames = useMemo(() => new Intl.DisplayNames([locale], { type: "language" }), [locale]);
  const pollReady = !poll || poll.options.filter((o) => o.trim() !== "").length >= 2;
  const canPost = (text.trim() !== "" || media.length > 0) && left >= 0 && pollReady && state.kind !== "posting";

  const post = async (acceptMissingAlt = !settings.alt_text_reminder, acceptHarsh = false) => {
    if (!canPost) return;
    if (missingDescriptions(media).length > 0 && (requireAltText || !acceptMissingAlt)) return setConfirmAlt(true);
    setConfirmAlt(false);
    // Only replies: the prompt is about how words land on the person answered.
    if (replyTo && settings.harsh_reply_prompt && !acceptHarsh && soundsHarsh(text)) return setConfirmHarsh(true);
    setConfirmHarsh(false);
    setState({ kind: "posting" });
    try {
      // Descriptions are written after upload: send them before the post that shows them.
      await Promise.all(media.map((m) => client.put(`/api/v1/media/${m.id}`, { description: m.description ?? "" })));
      const status = await client.post<Status>("/api/v1/statuses", {
        status: text, spoiler_text: warning ?? "", sensitive: Boolean(warning), visibility, language,
        ...(media.length ? { media_ids: media.map((m) => m.id) } : {}),
        ...(poll ? { poll: { options: poll.options.filter((o) => o.trim() !== ""), expires_in: poll.expiresIn, multiple: poll.multiple } } : {}),
        ...(replyTo ? { in_reply_to_id: replyTo.id } : {}),
      }, { "Idempotency-Key": idempotency.current });
      idempotency.current = randomToken();
      discard();
      setState({ kind: "posted" });
      onPosted(status);
    } catch (error) {
      setState({ kind: "failed", reason: error instanceof ApiFailure ? error.message : String(error) });
    }
  };

  return (
    <form class="compose" aria-labelledby="compose-title" onSubmit={(event) => { event.preventDefault(); void post(); }}>
      <h2 id="compose-title" class="visually-hidden">{t("compose.label")}</h2>
      {showRecovered && (
        <div class="notice" role="status">
          <p>{t("compose.recovered")}</p>
          <button type="button" class="quiet" onClick={() => setShowRecovered(false)}>{t("compose.keepDraft")}</button>{" "}
          <button type="button" class="quiet" onClick={discard}>{t("compose.discardDraft")}</button>
        </div>
      )}
      {replyTo && (
        <p class="compose-reply">
          {t("compose.replyingTo", { acct: `@${replyTo.account.acct}` })}{" "}
          <button type="button" class="quiet" onClick={onCancelReply}>{t("compose.cancelReply")}</button>
        </p>
      )}
      {warning !== null && (
        <label class="field">
          <span>{t("compose.warningLabel")}</span>
          <input type="text" value={warning} maxLength={limit} placeholder={t("compose.warningPlaceholder")} onInput={(e) => setWarning(e.currentTarget.value)} />
        </label>
      )}
      <label class="visually-hidden" for="compose-text">{t("compose.label")}</label>
      <textarea id="compose-text" ref={textRef} rows={4} value={text} placeholder={t("compose.placeholder")} lang={language}
        aria-describedby="compose-counter" onInput={(e) => { setText(e.currentTarget.value); if (state.kind !== "posting") setState({ kind: "idle" }); }} />
      {poll === null && <ComposeMedia media={media} onChange={setMedia} disabled={state.kind === "posting"} />}
      {poll && <ComposePoll poll={poll} onChange={setPoll} />}
      <div class="compose-options">
        {media.length === 0 && (
          <button type="button" class="quiet" aria-pressed={poll !== null} onClick={() => setPoll(poll ? null : newPoll())}>{t("compose.addPoll")}</button>
        )}
        <button type="button" class="quiet" aria-pressed={warning !== null} onClick={() => setWarning(warning === null ? "" : null)}>
          {t("compose.addWarning")}
        </button>
        <div class="inline-field">
          <label for="compose-visibility">{t("compose.visibility")}</label>
          <select id="compose-visibility" value={visibility} onChange={(e) => setVisibility(e.currentTarget.value as Visibility)}>
            {VISIBILITIES.map((v) => <option key={v} value={v}>{t(`visibility.${v}`)}</option>)}
          </select>
        </div>
        <div class="inline-field">
          <label for="compose-language">{t("compose.language")}</label>
          <select id="compose-language" value={language} onChange={(e) => setLanguage(e.currentTarget.value)}>
            {POST_LANGUAGES.map((code) => <option key={code} value={code} lang={code}>{languageNames.of(code) ?? code}</option>)}
          </select>
        </div>
      </div>
      <div class="compose-footer">
        <span id="compose-counter" class={left < 0 ? "counter over" : "counter"} aria-live="polite">
          {left >= 0 ? t("compose.remaining", { count: left }) : t("compose.over", { count: -left })}
        </span>
        <button type="submit" class="primary" disabled={!canPost}>
          {state.kind === "posting" ? t("compose.posting") : replyTo ? t("compose.submitReply") : t("compose.submit")}
        </button>
      </div>
      {confirmAlt && (
        <div class="notice" role="alert">
          <p>{t(requireAltText ? "compose.altRequired" : "compose.altReminder", { count: missingDescriptions(media).length })}</p>
          <button type="button" onClick={() => setConfirmAlt(false)}>{t("compose.addDescriptions")}</button>{" "}
          {!requireAltText && <button type="button" class="quiet" onClick={() => void post(true)}>{t("compose.postAnyway")}</button>}
        </div>
      )}
      {confirmHarsh && (
        <div class="notice" role="alert">
          <p>{t("compose.harshPrompt")}</p>
          <button type="button" onClick={() => { setConfirmHarsh(false); textRef.current?.focus(); }}>{t("compose.revise")}</button>{" "}
          <button type="button" class="quiet" onClick={() => void post(true, true)}>{t("compose.postAnyway")}</button>
        </div>
      )}
      <p class="compose-status" role="status">
        {state.kind === "posted" ? t("compose.posted") : state.kind === "failed" ? t("compose.failed", { reason: state.reason }) : ""}
      </p>
    </form>
  );
}
