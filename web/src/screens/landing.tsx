import type { Status } from "../api/types.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { useSession } from "../session.tsx";
import { Feed } from "../ui/feed.tsx";
import { usePaged } from "../ui/use-paged.ts";
import { LoginForms } from "../ui/login-forms.tsx";

/** The logged-out front page: what this community is, its rules, its recent public posts. */
export default function Landing() {
  const { t } = useI18n();
  const { client, instance } = useSession();
  const paged = usePaged(() => client.page<Status>("/api/v1/timelines/public", { local: true, limit: 20 }), [client]);
  const title = instance?.title || location.host;
  return (
    <>
      <section class="hero" aria-labelledby="landing-title">
        <h1 id="landing-title" class="hero-title">{t("landing.title", { title })}</h1>
        <p class="hero-tagline">{t("landing.tagline")}</p>
        <LoginForms />
      </section>
      <div class="landing-columns">
        <section aria-labelledby="about-title" class="panel">
          <h2 id="about-title" class="section-title">{t("landing.about")}</h2>
          {instance ? <p>{instance.description}</p> : <p class="placeholder">{t("landing.instanceUnavailable")}</p>}
          <h2 class="section-title">{t("landing.rules")}</h2>
          {instance?.rules?.length ? (
            <ol class="rules">{instance.rules.map((rule) => <li key={rule.id}>{rule.text}</li>)}</ol>
          ) : (
            <p class="placeholder">{t("landing.noRules")}</p>
          )}
        </section>
        <section aria-labelledby="public-title">
          <h2 id="public-title" class="section-title">{t("landing.publicTimeline")}</h2>
          {paged.state.kind === "failed" ? <p class="placeholder">{t("landing.timelineUnavailable")}</p> : <Feed paged={paged} label={t("landing.publicTimeline")} />}
        </section>
      </div>
    </>
  );
}
