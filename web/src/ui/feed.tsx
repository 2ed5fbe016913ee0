import { Fragment } from "preact";
import type { Status } from "../api/types.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { StatusCard } from "./status-card.tsx";
import { compareIds, type Paged } from "./use-paged.ts";
import { Problem } from "./problem.tsx";

export interface FeedProps {
  paged: Paged<Status>;
  label: string;
  /** The last post read before this visit: a "you're caught up" marker goes above it. */
  lastReadId?: string | null;
  onReply?: (status: Status) => void;
}

/** A chronological list of posts that ends with a button, never with endless scrolling. */
export function Feed({ paged, label, lastReadId, onReply }: FeedProps) {
  const { t } = useI18n();
  const { state } = paged;
  if (state.kind === "loading") return <p class="placeholder" role="status">{t("app.loading")}</p>;
  if (state.kind === "failed") return <Problem reason={state.reason} retry={paged.reload} />;
  if (state.items.length === 0) return <p class="placeholder">{t("timeline.empty")}</p>;
  const markerAt = lastReadId ? state.items.findIndex((s) => compareIds(s.id, lastReadId) <= 0) : -1;
  return (
    <section class="feed" aria-label={label}>
      {state.items.map((status, index) => (
        <Fragment key={status.id}>
          {index === markerAt && <CaughtUp />}
          <StatusCard status={status} onReply={onReply} />
        </Fragment>
      ))}
      <div class="feed-end">
        {state.older ? (
          <button type="button" onClick={() => void paged.loadOlder()} disabled={state.loadingOlder}>
            {state.loadingOlder ? t("app.loading") : t("timeline.older")}
          </button>
        ) : (
          <p class="placeholder">{t("timeline.end")}</p>
        )}
      </div>
    </section>
  );
}

function CaughtUp() {
  const { t } = useI18n();
  return (
    <div class="caught-up" id="caught-up">
      <h2 class="caught-up-title">{t("timeline.caughtUp")}</h2>
      <p>{t("timeline.caughtUpHint")}</p>
    </div>
  );
}
