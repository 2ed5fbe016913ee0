import { useEffect, useState } from "preact/hooks";
import type { Account, Status } from "../api/types.ts";
import { ApiFailure } from "../api/client.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { useSession } from "../session.tsx";
import { Feed } from "../ui/feed.tsx";
import { Problem } from "../ui/problem.tsx";
import { usePaged } from "../ui/use-paged.ts";
import type { ScreenProps } from "./screen.ts";

/** A profile: who they are, their counts and their posts. */
export default function Profile({ route }: ScreenProps) {
  const { t } = useI18n();
  const { client } = useSession();
  const acct = route.name === "profile" ? route.acct : "";
  const [account, setAccount] = useState<Account | null | "missing">(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setAccount(null);
    setProblem(null);
    client.get<Account>("/api/v1/accounts/lookup", { acct })
      .then(setAccount)
      .catch((error) => (error instanceof ApiFailure && error.status === 404 ? setAccount("missing") : setProblem(String(error.message ?? error))));
  }, [client, acct]);

  if (problem) return <Problem reason={problem} />;
  if (account === "missing") return <p class="placeholder">{t("profile.notFound")}</p>;
  if (!account) return <p class="placeholder" role="status">{t("app.loading")}</p>;
  return <ProfileView account={account} />;
}

function ProfileView({ account }: { account: Account }) {
  const { t, locale } = useI18n();
  const { client, settings } = useSession();
  const paged = usePaged(() => client.page<Status>(`/api/v1/accounts/${account.id}/statuses`, { limit: 20 }), [client, account.id]);
  const joined = new Intl.DateTimeFormat(locale, { dateStyle: "long" }).format(new Date(account.created_at));
  return (
    <>
      <header class="profile">
        <img class="avatar large" src={account.avatar_static || account.avatar} alt="" width={88} height={88} />
        <div>
          <h1 class="screen-title">{account.display_name || account.username}</h1>
          <p class="acct">@{account.acct}</p>
          <p class="badges">
            {account.bot && <span class="badge">{t("profile.bot")}</span>}
            {account.locked && <span class="badge">{t("profile.locked")}</span>}
          </p>
        </div>
      </header>
      {/* Server-sanitized HTML, as for posts. */}
      <div class="profile-note" dangerouslySetInnerHTML={{ __html: account.note }} />
      <ul class="profile-counts">
        <li>{t("profile.posts", { count: account.statuses_count })}</li>
        {!settings.hide_counts && <li>{t("profile.followers", { count: account.followers_count })}</li>}
        {!settings.hide_counts && <li>{t("profile.following", { count: account.following_count })}</li>}
        <li>{t("profile.joined", { date: joined })}</li>
      </ul>
      <Feed paged={paged} label={t("profile.posts", { count: account.statuses_count })} />
    </>
  );
}
