import { useState } from "preact/hooks";
import type { Account } from "../api/types.ts";
import { useI18n } from "../i18n/i18n.tsx";
import type { MessageKey } from "../i18n/types.ts";
import { Link } from "../navigation.tsx";
import type { PeopleKind } from "../router.ts";
import { profilePath } from "../router.ts";
import { useSession } from "../session.tsx";
import { Problem } from "../ui/problem.tsx";
import { usePaged } from "../ui/use-paged.ts";
import type { ScreenProps } from "./screen.ts";

interface Action {
  label: MessageKey;
  path: (id: string) => string;
  primary?: boolean;
}

const KINDS: Record<PeopleKind, { list: string; title: MessageKey; empty: MessageKey; actions: Action[] }> = {
  requests: {
    list: "/api/v1/follow_requests", title: "people.requests", empty: "people.requestsEmpty",
    actions: [
      { label: "people.accept", path: (id) => `/api/v1/follow_requests/${id}/authorize`, primary: true },
      { label: "people.reject", path: (id) => `/api/v1/follow_requests/${id}/reject` },
    ],
  },
  mutes: { list: "/api/v1/mutes", title: "people.mutes", empty: "people.mutesEmpty", actions: [{ label: "people.unmute", path: (id) => `/api/v1/accounts/${id}/unmute` }] },
  blocks: { list: "/api/v1/blocks", title: "people.blocks", empty: "people.blocksEmpty", actions: [{ label: "people.unblock", path: (id) => `/api/v1/accounts/${id}/unblock` }] },
};

/** Follow requests, muted and blocked accounts: each with what can be done about it. */
export default function People({ route }: ScreenProps) {
  const { t } = useI18n();
  const { client } = useSession();
  const kind = KINDS[route.name === "people" ? route.kind : "requests"];
  const paged = usePaged(() => client.page<Account>(kind.list, { limit: 40 }), [client, kind.list]);
  const [done, setDone] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);

  const act = async (account: Account, action: Action) => {
    setProblem(null);
    try {
      await client.post(action.path(account.id));
      setDone((d) => ({ ...d, [account.id]: t("people.done", { action: t(action.label), name: account.display_name || account.username }) }));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  const { state } = paged;
  return (
    <>
      <h1 class="screen-title">{t(kind.title)}</h1>
      {state.kind === "loading" && <p class="placeholder" role="status">{t("app.loading")}</p>}
      {state.kind === "failed" && <Problem reason={state.reason} retry={paged.reload} />}
      {state.kind === "ready" && state.items.length === 0 && <p class="placeholder">{t(kind.empty)}</p>}
      {state.kind === "ready" && state.items.length > 0 && (
        <ul class="account-list">
          {state.items.map((a) => (
            <li key={a.id}>
              <img class="avatar" src={a.avatar_static || a.avatar} alt="" width={44} height={44} loading="lazy" />
              <Link href={profilePath(a.acct)} class="status-author"><span class="display-name">{a.display_name || a.username}</span> <span class="acct">@{a.acct}</span></Link>
              <span class="row-actions">
                {done[a.id] ? <span role="status">{done[a.id]}</span> : kind.actions.map((action) => (
                  <button key={action.label} type="button" class={action.primary ? "primary" : ""} onClick={() => void act(a, action)}
                    aria-label={`${t(action.label)}: @${a.acct}`}>{t(action.label)}</button>
                ))}
              </span>
            </li>
          ))}
        </ul>
      )}
      {problem && <Problem reason={problem} />}
    </>
  );
}
