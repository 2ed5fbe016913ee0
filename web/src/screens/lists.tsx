import { useEffect, useState } from "preact/hooks";
import type { List } from "../api/types.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { Link } from "../navigation.tsx";
import { useSession } from "../session.tsx";
import { Problem } from "../ui/problem.tsx";

/** The person's lists: make one, open its timeline, delete it. */
export default function Lists() {
  const { t } = useI18n();
  const { client } = useSession();
  const [lists, setLists] = useState<List[] | null>(null);
  const [title, setTitle] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    client.get<List[]>("/api/v1/lists").then(setLists, (error: Error) => setProblem(error.message));
  }, [client]);

  const create = async (event: Event) => {
    event.preventDefault();
    if (!title.trim()) return;
    try {
      const list = await client.post<List>("/api/v1/lists", { title: title.trim() });
      setLists((current) => [...(current ?? []), list]);
      setTitle("");
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  const remove = async (list: List) => {
    try {
      await client.delete(`/api/v1/lists/${list.id}`);
      setLists((current) => (current ?? []).filter((l) => l.id !== list.id));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <>
      <h1 class="screen-title">{t("lists.title")}</h1>
      <form class="inline-form" onSubmit={(e) => void create(e)}>
        <label class="field">
          <span>{t("lists.newTitle")}</span>
          <input type="text" value={title} maxLength={100} onInput={(e) => setTitle(e.currentTarget.value)} />
        </label>
        <button type="submit" class="primary">{t("lists.create")}</button>
      </form>
      {lists === null && !problem && <p class="placeholder" role="status">{t("app.loading")}</p>}
      {lists?.length === 0 && <p class="placeholder">{t("lists.empty")}</p>}
      {lists && lists.length > 0 && (
        <ul class="account-list">
          {lists.map((list) => (
            <li key={list.id}>
              <Link href={`/lists/${list.id}`} class="status-author"><span class="display-name">{list.title}</span></Link>
              <span class="row-actions">
                <button type="button" class="quiet" aria-label={t("lists.deleteNamed", { title: list.title })} onClick={() => void remove(list)}>{t("lists.delete")}</button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {problem && <Problem reason={problem} />}
    </>
  );
}
