import { useEffect, useState } from "preact/hooks";
import type { Account, SearchResults } from "../api/types.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { Link, useNavigation } from "../navigation.tsx";
import { profilePath } from "../router.ts";
import { useSession } from "../session.tsx";
import { Problem } from "../ui/problem.tsx";
import { StatusCard } from "../ui/status-card.tsx";
import type { ScreenProps } from "./screen.ts";

type Found = { kind: "idle" } | { kind: "loading" } | { kind: "failed"; reason: string } | { kind: "ready"; results: SearchResults };

/** Search and explore: accounts, hashtags and posts; with no terms, people worth following. */
export default function Search({ route }: ScreenProps) {
  const { t } = useI18n();
  const { client } = useSession();
  const { navigate } = useNavigation();
  const query = route.name === "search" ? route.query : "";
  const [draft, setDraft] = useState(query);
  const [found, setFound] = useState<Found>({ kind: "idle" });
  const [suggested, setSuggested] = useState<Account[]>([]);

  useEffect(() => {
    setDraft(query);
    if (!query.trim()) {
      setFound({ kind: "idle" });
      client.get<{ account: Account }[]>("/api/v2/suggestions", { limit: 10 }).then((list) => setSuggested(list.map((s) => s.account)), () => setSuggested([]));
      return;
    }
    setFound({ kind: "loading" });
    client.get<SearchResults>("/api/v2/search", { q: query, resolve: true, limit: 20 })
      .then((results) => setFound({ kind: "ready", results }), (error: Error) => setFound({ kind: "failed", reason: error.message }));
  }, [client, query]);

  const onSubmit = (event: Event) => {
    event.preventDefault();
    navigate(`/search?q=${encodeURIComponent(draft.trim())}`);
  };

  return (
    <>
      <h1 class="screen-title">{t("search.title")}</h1>
      <form role="search" class="inline-form" onSubmit={onSubmit}>
        <label class="field">
          <span>{t("search.label")}</span>
          <input type="search" value={draft} maxLength={200} onInput={(e) => setDraft(e.currentTarget.value)} />
        </label>
        <button type="submit" class="primary">{t("search.submit")}</button>
      </form>
      {found.kind === "idle" && (
        <section aria-labelledby="suggested-title">
          <h2 id="suggested-title" class="section-title">{t("search.suggested")}</h2>
          {suggested.length ? <AccountList accounts={suggested} /> : <p class="placeholder">{t("search.nothingSuggested")}</p>}
        </section>
      )}
      {found.kind === "loading" && <p class="placeholder" role="status">{t("app.loading")}</p>}
      {found.kind === "failed" && <Problem reason={found.reason} />}
      {found.kind === "ready" && <Results results={found.results} />}
    </>
  );
}

function Results({ results }: { results: SearchResults }) {
  const { t } = useI18n();
  const total = results.accounts.length + results.hashtags.length + results.statuses.length;
  return (
    <>
      <p role="status" class="placeholder">{t("search.count", { count: total })}</p>
      {results.accounts.length > 0 && (
        <section aria-labelledby="found-accounts"><h2 id="found-accounts" class="section-title">{t("search.accounts")}</h2><AccountList accounts={results.accounts} /></section>
      )}
      {results.hashtags.length > 0 && (
        <section aria-labelledby="found-tags">
          <h2 id="found-tags" class="section-title">{t("search.tags")}</h2>
          <ul class="tag-list">{results.hashtags.map((tag) => <li key={tag.name}><Link href={`/tags/${encodeURIComponent(tag.name)}`}>#{tag.name}</Link></li>)}</ul>
        </section>
      )}
      {results.statuses.length > 0 && (
        <section aria-labelledby="found-posts"><h2 id="found-posts" class="section-title">{t("search.posts")}</h2>{results.statuses.map((s) => <StatusCard key={s.id} status={s} />)}</section>
      )}
    </>
  );
}

function AccountList({ accounts }: { accounts: Account[] }) {
  return (
    <ul class="account-list">
      {accounts.map((a) => (
        <li key={a.id}>
          <img class="avatar" src={a.avatar_static || a.avatar} alt="" width={44} height={44} loading="lazy" />
          <Link href={profilePath(a.acct)} class="status-author"><span class="display-name">{a.display_name || a.username}</span> <span class="acct">@{a.acct}</span></Link>
        </li>
      ))}
    </ul>
  );
}
