import { useState } from "preact/hooks";
import type { Status } from "../api/types.ts";
import { ApiFailure } from "../api/client.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { useSession } from "../session.tsx";
import { Icon, type IconName } from "./icons.tsx";
import { externalLinks } from "./wellbeing.ts";

/** Links opened from posts during this visit: boosting those needs no prompt. */
export const openedLinks = new Set<string>();

type Toggle = "reblog" | "favourite" | "bookmark";

const TOGGLES: { kind: Toggle; flag: "reblogged" | "favourited" | "bookmarked"; count?: "reblogs_count" | "favourites_count"; icon: IconName; label: "status.boost" | "status.favourite" | "status.bookmark" }[] = [
  { kind: "reblog", flag: "reblogged", count: "reblogs_count", icon: "boost", label: "status.boost" },
  { kind: "favourite", flag: "favourited", count: "favourites_count", icon: "favourite", label: "status.favourite" },
  { kind: "bookmark", flag: "bookmarked", icon: "bookmark", label: "status.bookmark" },
];

/** Reply, boost, favourite and bookmark: toggle buttons with their pressed state, updated at once. */
export function StatusActions({ status, onReply }: { status: Status; onReply?: ((status: Status) => void) | undefined }) {
  const { t } = useI18n();
  const { client, settings } = useSession();
  const [current, setCurrent] = useState(status);
  const [problem, setProblem] = useState<string | null>(null);
  const [askBoost, setAskBoost] = useState(false);
  const showCounts = !settings.hide_counts;

  const boost = (confirmed: boolean) => {
    const unread = externalLinks(current.content).filter((href) => !openedLinks.has(href));
    if (!current.reblogged && !confirmed && settings.boost_link_prompt && unread.length > 0) return setAskBoost(true);
    setAskBoost(false);
    void toggle("reblog", "reblogged", "reblogs_count");
  };

  const toggle = async (kind: Toggle, flag: "reblogged" | "favourited" | "bookmarked", count?: "reblogs_count" | "favourites_count") => {
    const before = current;
    const on = !before[flag];
    setProblem(null);
    setCurrent({ ...before, [flag]: on, ...(count ? { [count]: Math.max(0, before[count] + (on ? 1 : -1)) } : {}) });
    try {
      const answer = await client.post<Status>(`/api/v1/statuses/${status.id}/${on ? kind : `un${kind}`}`);
      // Boosting answers with the boost itself; the counts live on the original post.
      setCurrent((answer.reblog && kind === "reblog" ? answer.reblog : answer) ?? before);
    } catch (error) {
      setCurrent(before);
      setProblem(t("status.actionFailed", { reason: error instanceof ApiFailure ? error.message : String(error) }));
    }
  };

  return (
    <div class="status-actions" role="group" aria-label={t("status.actions")}>
      <button type="button" class="action" onClick={() => onReply?.(current)} disabled={!onReply}>
        <Icon name="reply" /><span>{t("status.reply")}</span>
        {showCounts && current.replies_count > 0 && <span class="count">{current.replies_count}</span>}
      </button>
      {TOGGLES.map(({ kind, flag, count, icon, label }) => (
        <button key={kind} type="button" class="action" aria-pressed={Boolean(current[flag])} onClick={() => (kind === "reblog" ? boost(false) : void toggle(kind, flag, count))}
          disabled={kind === "reblog" && (current.visibility === "private" || current.visibility === "direct")}>
          <Icon name={icon} /><span>{t(label)}</span>
          {showCounts && count && current[count] > 0 && <span class="count">{current[count]}</span>}
        </button>
      ))}
      {askBoost && (
        <div class="notice" role="alert">
          <p>{t("status.boostLinkPrompt")}</p>
          <button type="button" onClick={() => boost(true)}>{t("status.boostAnyway")}</button>{" "}
          <button type="button" class="quiet" onClick={() => setAskBoost(false)}>{t("status.cancel")}</button>
        </div>
      )}
      {problem && <p class="error" role="alert">{problem}</p>}
    </div>
  );
}
