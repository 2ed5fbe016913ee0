import { useEffect, useState } from "preact/hooks";
import type { Context, Status } from "../api/types.ts";
import { ApiFailure } from "../api/client.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { useSession } from "../session.tsx";
import { Problem } from "../ui/problem.tsx";
import { StatusCard } from "../ui/status-card.tsx";
import type { ScreenProps } from "./screen.ts";

type Loaded = { status: Status; context: Context } | "missing" | { problem: string } | null;

/** One post with what it replies to and its replies (flat for now; the nested thread comes next). */
export default function StatusScreen({ route }: ScreenProps) {
  const { t } = useI18n();
  const { client } = useSession();
  const id = route.name === "status" ? route.id : "";
  const [loaded, setLoaded] = useState<Loaded>(null);

  useEffect(() => {
    setLoaded(null);
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
      {loaded.context.descendants.length > 0 && (
        <section aria-labelledby="replies-title">
          <h2 id="replies-title" class="section-title">{t("thread.replies")}</h2>
          {loaded.context.descendants.map((s) => <StatusCard key={s.id} status={s} />)}
        </section>
      )}
    </>
  );
}
