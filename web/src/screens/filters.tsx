import { useEffect, useState } from "preact/hooks";
import { useI18n } from "../i18n/i18n.tsx";
import type { MessageKey } from "../i18n/types.ts";
import { useSession } from "../session.tsx";
import { Problem } from "../ui/problem.tsx";

interface Filter {
  id: string;
  title: string;
  context: string[];
  filter_action: "warn" | "hide";
  keywords: { keyword: string }[];
}

const CONTEXTS: { value: string; label: MessageKey }[] = [
  { value: "home", label: "filters.home" }, { value: "notifications", label: "filters.notifications" },
  { value: "public", label: "filters.public" }, { value: "thread", label: "filters.thread" },
];

/** Filters: words to hide or put behind a warning, where they apply. */
export default function Filters() {
  const { t } = useI18n();
  const { client } = useSession();
  const [filters, setFilters] = useState<Filter[] | null>(null);
  const [keyword, setKeyword] = useState("");
  const [contexts, setContexts] = useState<string[]>(["home", "public", "thread"]);
  const [hide, setHide] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const fail = (error: unknown) => setProblem(error instanceof Error ? error.message : String(error));

  useEffect(() => { client.get<Filter[]>("/api/v2/filters").then(setFilters, fail); }, [client]);

  const create = async (event: Event) => {
    event.preventDefault();
    if (!keyword.trim() || contexts.length === 0) return;
    try {
      const filter = await client.post<Filter>("/api/v2/filters", {
        title: keyword.trim(), context: contexts, filter_action: hide ? "hide" : "warn", keywords_attributes: [{ keyword: keyword.trim(), whole_word: true }],
      });
      setFilters((current) => [...(current ?? []), filter]);
      setKeyword("");
    } catch (error) {
      fail(error);
    }
  };
  const remove = async (filter: Filter) => {
    try {
      await client.delete(`/api/v2/filters/${filter.id}`);
      setFilters((current) => (current ?? []).filter((f) => f.id !== filter.id));
    } catch (error) {
      fail(error);
    }
  };
  const toggle = (value: string, on: boolean) => setContexts((c) => (on ? [...c, value] : c.filter((x) => x !== value)));

  return (
    <>
      <h1 class="screen-title">{t("filters.title")}</h1>
      <form class="compose" onSubmit={(e) => void create(e)}>
        <label class="field">
          <span>{t("filters.keyword")}</span>
          <input type="text" value={keyword} maxLength={100} onInput={(e) => setKeyword(e.currentTarget.value)} />
        </label>
        <fieldset class="compose-options">
          <legend>{t("filters.where")}</legend>
          {CONTEXTS.map(({ value, label }) => (
            <label key={value} class="check">
              <input type="checkbox" checked={contexts.includes(value)} onChange={(e) => toggle(value, e.currentTarget.checked)} />{t(label)}
            </label>
          ))}
        </fieldset>
        <label class="check"><input type="checkbox" checked={hide} onChange={(e) => setHide(e.currentTarget.checked)} />{t("filters.hide")}</label>
        <div><button type="submit" class="primary">{t("filters.create")}</button></div>
      </form>
      {filters === null && !problem && <p class="placeholder" role="status">{t("app.loading")}</p>}
      {filters?.length === 0 && <p class="placeholder">{t("filters.empty")}</p>}
      {filters && filters.length > 0 && (
        <ul class="account-list">
          {filters.map((f) => (
            <li key={f.id}>
              <span class="status-author">
                <span class="display-name">{f.keywords.map((k) => k.keyword).join(", ") || f.title}</span>{" "}
                <span class="acct">{f.context.map((c) => t(CONTEXTS.find((x) => x.value === c)?.label ?? "filters.home")).join(" · ")}{" · "}{t(f.filter_action === "hide" ? "filters.hidden" : "filters.warned")}</span>
              </span>
              <span class="row-actions">
                <button type="button" class="quiet" aria-label={t("filters.deleteNamed", { title: f.title })} onClick={() => void remove(f)}>{t("lists.delete")}</button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {problem && <Problem reason={problem} />}
    </>
  );
}
