import { useEffect, useState } from "preact/hooks";
import type { Notification } from "../api/types.ts";
import { useI18n } from "../i18n/i18n.tsx";
import type { MessageKey } from "../i18n/types.ts";
import { Link } from "../navigation.tsx";
import { profilePath } from "../router.ts";
import { useSession } from "../session.tsx";
import { Problem } from "../ui/problem.tsx";
import { RelativeTime } from "../ui/relative-time.tsx";
import { StatusCard } from "../ui/status-card.tsx";
import { usePaged } from "../ui/use-paged.ts";
import { inQuietHours, lastDelivery } from "../ui/wellbeing.ts";
import { useStream } from "../ui/use-stream.ts";

const SENTENCES: Record<string, MessageKey> = {
  mention: "notifications.mention", status: "notifications.status", reblog: "notifications.reblog", follow: "notifications.follow",
  follow_request: "notifications.followRequest", favourite: "notifications.favourite", poll: "notifications.poll", update: "notifications.update",
};

/**
 * Notifications, newest first, one page at a time; opening the list marks what it shows read.
 * Quiet hours hold them back until asked; batching shows only those of past deliveries.
 */
export default function Notifications() {
  const { t, locale } = useI18n();
  const { client, settings } = useSession();
  const [showAnyway, setShowAnyway] = useState(false);
  const paged = usePaged(() => client.page<Notification>("/api/v1/notifications", { limit: 20 }), [client]);
  const [arrived, setArrived] = useState(0);
  // Live: new notifications join the top as they happen (held back like the rest in quiet hours).
  useStream("user:notification", (event, payload) => {
    if (event !== "notification") return;
    if (paged.state.kind === "ready" && paged.state.items.some((n) => n.id === (payload as Notification).id)) return;
    paged.prepend(payload as Notification);
    setArrived((n) => n + 1);
  });
  const now = new Date();
  const time = (hhmm: string) => new Intl.DateTimeFormat(locale, { timeStyle: "short" }).format(new Date(`2000-01-01T${hhmm}:00`));
  const held = inQuietHours(now, settings.quiet_hours_start, settings.quiet_hours_end) && !showAnyway;
  const cutoff = settings.notification_batching === "three_a_day" && !showAnyway ? lastDelivery(now) : null;
  const items = paged.state.kind === "ready" && !held
    ? paged.state.items.filter((n) => !cutoff || new Date(n.created_at) <= cutoff) : [];
  const newest = items[0]?.id;
  useEffect(() => {
    if (newest) void client.post("/api/v1/markers", { notifications: { last_read_id: newest } }).catch(() => undefined);
  }, [client, newest]);

  const { state } = paged;
  if (held) {
    return (
      <>
        <h1 class="screen-title">{t("notifications.title")}</h1>
        <div class="notice">
          <p>{t("notifications.quiet", { time: time(settings.quiet_hours_end!) })}</p>
          <button type="button" onClick={() => setShowAnyway(true)}>{t("notifications.showAnyway")}</button>
        </div>
      </>
    );
  }
  return (
    <>
      <h1 class="screen-title">{t("notifications.title")}</h1>
      <p class="visually-hidden" role="status">{arrived > 0 ? t("notifications.arrived", { count: arrived }) : ""}</p>
      {cutoff && (
        <div class="notice">
          <p>{t("notifications.batched", { time: new Intl.DateTimeFormat(locale, { timeStyle: "short" }).format(cutoff) })}</p>
          <button type="button" class="quiet" onClick={() => setShowAnyway(true)}>{t("notifications.showAnyway")}</button>
        </div>
      )}
      {state.kind === "loading" && <p class="placeholder" role="status">{t("app.loading")}</p>}
      {state.kind === "failed" && <Problem reason={state.reason} retry={paged.reload} />}
      {state.kind === "ready" && items.length === 0 && <p class="placeholder">{t("notifications.empty")}</p>}
      {state.kind === "ready" && items.length > 0 && (
        <ol class="notifications">
          {items.map((n) => (
            <li key={n.id} class="notification">
              <p class="notification-line">
                <img class="avatar small" src={n.account.avatar_static || n.account.avatar} alt="" width={28} height={28} loading="lazy" />
                <span>
                  <Link href={profilePath(n.account.acct)}>{SENTENCES[n.type] ? t(SENTENCES[n.type]!, { name: n.account.display_name || n.account.username }) : t("notifications.other", { name: n.account.display_name || n.account.username, type: n.type })}</Link>
                  {" · "}<RelativeTime iso={n.created_at} />
                </span>
              </p>
              {n.status && <StatusCard status={n.status} />}
            </li>
          ))}
        </ol>
      )}
      {state.kind === "ready" && state.older && (
        <div class="feed-end">
          <button type="button" onClick={() => void paged.loadOlder()} disabled={state.loadingOlder}>{t("timeline.older")}</button>
        </div>
      )}
    </>
  );
}
