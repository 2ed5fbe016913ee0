import { useEffect, useState } from "preact/hooks";
import type { Marker, Status } from "../api/types.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { useSession } from "../session.tsx";
import { Compose } from "../ui/compose.tsx";
import { Feed } from "../ui/feed.tsx";
import { compareIds, usePaged } from "../ui/use-paged.ts";
import type { ScreenProps } from "./screen.ts";

/** The home timeline: chronological, with compose on top and a "caught up" marker. */
export default function Home({ focusRequest }: ScreenProps) {
  const { t } = useI18n();
  const { client } = useSession();
  const [replyTo, setReplyTo] = useState<Status | null>(null);
  // undefined: marker not known yet; null: never read.
  const [lastRead, setLastRead] = useState<string | null | undefined>(undefined);
  const paged = usePaged(() => client.page<Status>("/api/v1/timelines/home", { limit: 20 }), [client]);

  useEffect(() => {
    client.get<Record<string, Marker>>("/api/v1/markers", { timeline: ["home"] })
      .then((markers) => setLastRead(markers.home?.last_read_id ?? null))
      .catch(() => setLastRead(null));
  }, [client]);

  // What is on screen now counts as read next time; the marker itself stays for this visit.
  const newest = paged.state.kind === "ready" ? paged.state.items[0]?.id : undefined;
  useEffect(() => {
    if (!newest || lastRead === undefined || (lastRead && compareIds(newest, lastRead) <= 0)) return;
    void client.post("/api/v1/markers", { home: { last_read_id: newest } }).catch(() => undefined);
  }, [client, newest, lastRead]);

  return (
    <>
      <h1 class="screen-title">{t("nav.home")}</h1>
      <Compose replyTo={replyTo} onCancelReply={() => setReplyTo(null)} focusRequest={focusRequest}
        onPosted={(status) => { setReplyTo(null); paged.prepend(status); }} />
      <div class="feed-start">
        <button type="button" class="quiet" onClick={() => void paged.reload()}>{t("timeline.newer")}</button>
      </div>
      <Feed paged={paged} label={t("nav.home")} lastReadId={lastRead ?? null} onReply={setReplyTo} />
    </>
  );
}
