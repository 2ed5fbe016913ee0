import { useEffect, useState } from "preact/hooks";
import type { List, Status } from "../api/types.ts";
import { useI18n } from "../i18n/i18n.tsx";
import type { MessageKey } from "../i18n/types.ts";
import type { TimelineKind } from "../router.ts";
import { useSession } from "../session.tsx";
import { Feed } from "../ui/feed.tsx";
import { usePaged } from "../ui/use-paged.ts";
import type { ScreenProps } from "./screen.ts";

const ENDPOINTS: Record<TimelineKind, { path: (param: string) => string; query?: Record<string, string | boolean>; title: MessageKey }> = {
  local: { path: () => "/api/v1/timelines/public", query: { local: true }, title: "timelines.local" },
  federated: { path: () => "/api/v1/timelines/public", title: "timelines.federated" },
  tag: { path: (tag) => `/api/v1/timelines/tag/${encodeURIComponent(tag)}`, title: "timelines.tag" },
  list: { path: (id) => `/api/v1/timelines/list/${id}`, title: "timelines.list" },
  bookmarks: { path: () => "/api/v1/bookmarks", title: "timelines.bookmarks" },
  favourites: { path: () => "/api/v1/favourites", title: "timelines.favourites" },
};

/** Every timeline but home: local, federated, a hashtag, a list, bookmarks and favourites. */
export default function Timeline({ route }: ScreenProps) {
  const { t } = useI18n();
  const { client } = useSession();
  const kind = route.name === "timeline" ? route.kind : "local";
  const param = route.name === "timeline" ? route.param ?? "" : "";
  const endpoint = ENDPOINTS[kind];
  const paged = usePaged(() => client.page<Status>(endpoint.path(param), { ...endpoint.query, limit: 20 }), [client, kind, param]);
  const [listTitle, setListTitle] = useState("");

  useEffect(() => {
    setListTitle("");
    if (kind === "list") client.get<List>(`/api/v1/lists/${param}`).then((list) => setListTitle(list.title), () => undefined);
  }, [client, kind, param]);

  const title = t(endpoint.title, { tag: param, title: listTitle || "…" });
  return (
    <>
      <h1 class="screen-title">{title}</h1>
      <div class="feed-start">
        <button type="button" class="quiet" onClick={() => void paged.reload()}>{t("timeline.newer")}</button>
      </div>
      <Feed paged={paged} label={title} />
    </>
  );
}
