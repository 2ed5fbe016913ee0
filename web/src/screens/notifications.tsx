import { useEffect } from "preact/hooks";
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

const SENTENCES: Record<string, MessageKey> = {
  mention: "notifications.mention", status: "notifications.status", reblog: "notifications.reblog", follow: "notifications.follow",
  follow_request: "notifications.followRequest", favourite: "notifications.favourite", poll: "notifications.poll", update: "notifications.update",
};

/** Notifications, newest first, one page at a time; opening the list marks them read. */
export default function Notifications() {
  const { t } = useI18n();
  const { client } = useSession();
  const paged = usePaged(() => client.page<Notification>("/api/v1/notifications", { limit: 20 }), [client]);
  const newest = paged.state.kind === "ready" ? paged.state.items[0]?.id : undefined;
  useEffect(() => {
    if (newest) void client.post("/api/v1/markers", { notifications: { last_read_id: newest } }).catch(() => undefined);
  }, [client, newest]);

  const { state } = paged;
  return (
    <>
      <h1 class="screen-title">{t("notifications.title")}</h1>
      {state.kind === "loading" && <p class="placeholder" role="status">{t("app.loading")}</p>}
      {state.kind === "failed" && <Problem reason={state.reason} retry={paged.reload} />}
      {state.kind === "ready" && state.items.length === 0 && <p class="placeholder">{t("notifications.empty")}</p>}
      {state.kind === "ready" && state.items.length > 0 && (
        <ol class="notifications">
          {state.items.map((n) => (
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
