import type { ComponentChildren } from "preact";
import { useI18n } from "../i18n/i18n.tsx";
import { Link, useNavigation } from "../navigation.tsx";
import { profilePath } from "../router.ts";
import { useSession } from "../session.tsx";
import { Icon, type IconName } from "./icons.tsx";

/** Landmarks every screen shares: skip link, banner with navigation, main, complementary. */
export function Shell({ aside, onCompose, onHelp, children }: { aside: ComponentChildren; onCompose(): void; onHelp(): void; children: ComponentChildren }) {
  const { t } = useI18n();
  const { session, instance } = useSession();
  const { path } = useNavigation();
  const item = (href: string, icon: IconName, label: string) => (
    <li><Link href={href} class="nav-link" aria-current={path === href ? "page" : undefined}><Icon name={icon} /><span>{label}</span></Link></li>
  );
  return (
    <div class="shell">
      <a class="skip-link" href="#main">{t("app.skip")}</a>
      <header class="banner">
        <Link href={session ? "/home" : "/"} class="brand">
          <svg class="brand-mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true"><path d="M6 10h20M8 10v14M13 10v14M19 10v14M24 10v14M5 25h22M16 4 5 9h22z" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" /></svg>
          <span>{instance?.title || "Stoa"}</span>
        </Link>
        {session && (
          <nav aria-label={t("nav.label")}>
            <ul class="nav-list">
              {item("/home", "home", t("nav.home"))}
              {item("/notifications", "bell", t("nav.notifications"))}
              {item("/public/local", "people", t("nav.local"))}
              {item("/public", "globe", t("nav.federated"))}
              {item("/search", "search", t("nav.search"))}
              {item("/bookmarks", "bookmark", t("nav.bookmarks"))}
              {item("/favourites", "favourite", t("nav.favourites"))}
              {item("/settings", "gear", t("nav.settings"))}
              {item(profilePath(session.acct), "person", t("nav.profile"))}
              <li><button type="button" class="nav-link" onClick={onCompose}><Icon name="pen" /><span>{t("nav.compose")}</span></button></li>
            </ul>
          </nav>
        )}
        <button type="button" class="nav-link help-button" onClick={onHelp}><Icon name="keyboard" /><span>{t("nav.help")}</span></button>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
      <aside class="sidebar" aria-label={t("settings.label")}>{aside}</aside>
    </div>
  );
}
