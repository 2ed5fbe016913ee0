import { useEffect, useMemo, useState } from "preact/hooks";
import type { Context, Status } from "../api/types.ts";
import { ApiFailure } from "../api/client.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { useSession } from "../session.tsx";
import { Problem } from "../ui/problem.tsx";
import { StatusCard } from "../ui/status-card.tsx";
import { threadRows } from "../ui/thread-tree.ts";
import type { ScreenProps } from "./screen.ts";

type Loaded = { status: Status; context: Context } | "missing" | { problem: string } | null;

/** Replies rendered at a time: a thousand-reply thread shows its start at once and the rest on request. */
const WINDOW = 40;

/** One post with what it replies to and its replies, nested under a readable thread line. */
export default function StatusScreen({ route }: ScreenProps) {
  const { t } = useI18n();
  const { client } = useSession();
  const id = route.name === "status" ? route.id : "";
  const [loaded, setLoaded] = useState<Loaded>(null);
  const [shown, setShown] = useState(WINDOW);
  const rows = useMemo(() => (loaded && typeof loaded === "object" && "context" in loaded ? threadRows(id, loaded.context.descendants) : []), [loaded, id]);

  useEffect(() => {
    setLoaded(null);
    setShown(WINDOW);
    Promise.all([client.get<Status>(`/api/v1/statuses/${id}`), client.get<Context>(`/api/v1/statuses/${id}/context`)])
      .then(([status, context]) => setLoaded({ status, context }))
      .catch((error) => setLoaded(error instanceof ApiFailure && error.status === 404 ? "missing" : { problem: String(error.message ?? error) }));
  }, [client, id]);

  if (loaded === null) return <p class="placeholder" role="status">{t("app.loading")}</p>;
  if (loaded === "missing") return <p class="placeholder">{t("thread.notFound")}</p>;
  if ("problem" in loaded) return <Problem reason={loaded.problem} />;
  return (
    <>
      <h1 class="visually-hidden">{t("thread.title")}</h1>
      {loaded.context.ancestors.map((s) => <StatusCard key={s.id} status={s} />)}
      <div class="focused-status"><StatusCard status={loaded.status} /></div>
      {rows.length > 0 && (
        <section aria-labelledby="replies-title">
          <h2 id="replies-title" class="section-title">{t("thread.replies")}</h2>
          <ol class="thread">
            {rows.slice(0, shown).map((row) => (
              <li key={row.status.id} class="thread-reply" data-depth={row.depth}>
                {row.gap && <p class="thread-gap">{t("thread.gap")}</p>}
                <StatusCard status={row.status} />
              </li>
            ))}
          </ol>
          {rows.length > shown && (
            <div class="feed-end">
              <button type="button" onClick={() => setShown((n) => n + WINDOW)}>{t("thread.more", { count: rows.length - shown })}</button>
            </div>
          )}
        </section>
      )}
    </>
  );
}
