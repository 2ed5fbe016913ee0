import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { Hono, type Context } from "hono";
import type { AppContext } from "../../context.ts";
import { findAccountByAcct } from "../../accounts/queries.ts";
import { isId } from "../../lib/ids.ts";
import { visibleStatusFilter } from "../../statuses/visibility.ts";
import { notSilencedFilter } from "../../timelines/filters.ts";
import { formatMessage } from "../../../web/src/i18n/format.ts";
import { loadCatalog, pickLocale } from "../../../web/src/i18n/locales.ts";
import type { Env } from "../http/env.ts";
import { serializeAccount } from "../mastodon/entities/account.ts";
import { serializeStatuses } from "../mastodon/entities/status.ts";
import { excerpt, html, renderPage, type PageMeta, type SafeHtml } from "./public-html.ts";
import { accountHeader, statusArticle, statusList, type PublicAccount, type PublicStatus, type ViewContext } from "./public-views.ts";
import { defaultWebDist } from "./static.ts";

/** A timeline page holds this many posts: enough to read, small enough for the 30 KB budget. */
const PAGE_SIZE = 20;
/** issue 4: a server-rendered public page weighs at most 30 KB. */
export const PAGE_BUDGET = 30 * 1024;
const LANDING_SIZE = 10;

const STYLE_FILES = [
  new URL("../../../web/src/styles/tokens.css", import.meta.url),
  new URL("../../../web/src/styles/base.css", import.meta.url),
  new URL("./public.css", import.meta.url),
];

interface Page {
  meta: Omit<PageMeta, "siteName">;
  main: SafeHtml;
  enhance: "always" | "session" | "never";
  current?: string;
}

interface Assets {
  style: string;
  csp: string;
  appEntry: string | null;
}

/** The inline style is allowed by its hash: the pages keep the app's strict policy otherwise. */
async function loadAssets(distDir: string): Promise<Assets> {
  const css = (await Promise.all(STYLE_FILES.map((file) => readFile(file, "utf8")))).join("\n");
  // Comments and indentation cost every page a couple of kilobytes of its 30 KB.
  const style = css.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\s+/g, " ").trim();
  const hash = createHash("sha256").update(style).digest("base64");
  const csp = [
    "default-src 'self'", "script-src 'self'", `style-src 'self' 'sha256-${hash}'`, "img-src * data: blob:", "media-src * blob:",
    "connect-src *", "font-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'", "object-src 'none'",
  ].join("; ");
  let appEntry: string | null = null;
  try {
    const index = await readFile(`${distDir}/index.html`, "utf8");
    const script = /<script type="module"[^>]*\ssrc="(\/assets\/[^"]+\.js)"/.exec(index)?.[1];
    const sheets = [...index.matchAll(/<link rel="stylesheet"[^>]*\shref="(\/assets\/[^"]+\.css)"/g)].map((m) => m[1]!);
    // The app's script first, then its style sheets: what enhance.js needs to start it here.
    appEntry = script ? [script, ...sheets].join(" ") : null;
  } catch {
    // Not built: the pages stay server-rendered only, which is all a reader without JS gets anyway.
  }
  return { style, csp, appEntry };
}

/** The reader's language from Accept-Language, among the web app's locales. */
function readerLocale(header: string | undefined): string[] {
  return (header ?? "").split(",").map((part) => part.split(";")[0]!.trim()).filter((tag) => tag !== "" && tag !== "*");
}

/**
 * Public pages rendered on the server, readable without JavaScript and small enough to share:
 * the landing, the public timeline, a profile and a post. A logged-in reader's browser hands the
 * page over to the web app (`/enhance.js`). Register before `webRoutes`.
 */
export function publicPageRoutes(ctx: AppContext, distDir: string = defaultWebDist): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;
  let assets: Promise<Assets> | null = null;

  /** The whole page as HTML, and the policy that lets its style apply. */
  async function render(page: Page, view: ViewContext): Promise<{ body: string; csp: string }> {
    assets ??= loadAssets(distDir);
    const { style, csp, appEntry } = await assets;
    const siteName = await instanceTitle();
    const nav = [["/", view.t("nav.about")], ["/public", view.t("public.timeline")]] as const;
    const header = html`<a class="brand" href="/">${siteName}</a><nav aria-label="${view.t("nav.label")}"><ul>${nav.map(([href, label]) =>
      html`<li><a href="${href}"${page.current === href ? html` aria-current="page"` : ""}>${label}</a></li>`)}</ul></nav>`;
    const body = renderPage({
      locale: view.locale, style, appEntry, enhance: page.enhance, skipLabel: view.t("app.skip"), header, main: page.main,
      meta: { ...page.meta, siteName },
    });
    return { body, csp };
  }

  async function respond(c: Context<Env>, page: Page, view: ViewContext, status: 200 | 404 = 200): Promise<Response> {
    return send(c, await render(page, view), status);
  }

  /**
   * Renders as many of `statuses` as fit the page budget: long posts make shorter pages, and the
   * link to older posts starts after the last one shown. `more` is whether the query had more.
   */
  async function respondWithin(c: Context<Env>, view: ViewContext, statuses: readonly PublicStatus[], more: boolean,
    build: (shown: readonly PublicStatus[], olderThan: string | null) => Page): Promise<Response> {
    for (let n = statuses.length; ; n--) {
      const olderThan = more || n < statuses.length ? statuses[n - 1]?.id ?? null : null;
      const rendered = await render(build(statuses.slice(0, n), olderThan), view);
      if (n <= 1 || Buffer.byteLength(rendered.body) <= PAGE_BUDGET) return send(c, rendered);
    }
  }

  function send(c: Context<Env>, { body, csp }: { body: string; csp: string }, status: 200 | 404 = 200): Response {
    c.header("Content-Security-Policy", csp);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    c.header("Cache-Control", "public, max-age=60");
    c.header("Vary", "Accept, Accept-Language");
    return c.html(body, status);
  }

  async function viewFor(c: Context<Env>): Promise<ViewContext> {
    const locale = pickLocale(readerLocale(c.req.header("accept-language")));
    const catalog: Record<string, string> = await loadCatalog(locale);
    return { locale, t: (key, values) => formatMessage(catalog[key] ?? key, values, locale) };
  }

  async function instanceTitle(): Promise<string> {
    const [row] = await sql<{ title: string | null }[]>`select value #>> '{}' as title from instance_settings where key = 'title'`;
    return row?.title || "Stoa";
  }

  async function publicStatuses(ids: readonly string[]): Promise<PublicStatus[]> {
    return (await serializeStatuses(ctx, null, ids)) as unknown as PublicStatus[];
  }

  // Fediverse software asks these URLs for ActivityPub documents; those are not pages.
  const wantsActivityPub = (c: Context<Env>) => /application\/(activity|ld)\+json/.test(c.req.header("accept") ?? "");

  app.get("/", async (c) => {
    const view = await viewFor(c);
    const [about] = await sql<{ description: string | null }[]>`select value #>> '{}' as description from instance_settings where key = 'description'`;
    const rules = await sql<{ text: string }[]>`select text from rules where deleted_at is null order by position, id`;
    const rows = await sql<{ id: string }[]>`
      select s.id from statuses s where s.local and s.visibility = 'public' and s.reblog_of_id is null
        and ${visibleStatusFilter(sql, null)} and ${notSilencedFilter(sql, null)}
      order by s.id desc limit ${LANDING_SIZE}`;
    const title = await instanceTitle();
    const description = about?.description || view.t("landing.tagline");
    return respondWithin(c, view, await publicStatuses(rows.map((r) => r.id)), false, (shown) => ({
      meta: { title, description, canonical: `${ctx.config.origin}/`, ogType: "website" }, enhance: "always", current: "/",
      main: html`<h1 class="title">${view.t("landing.title", { title })}</h1><p class="lede">${view.t("landing.tagline")}</p>
<h2>${view.t("landing.about")}</h2><p>${description}</p>
<h2>${view.t("landing.rules")}</h2>${rules.length ? html`<ol class="rules">${rules.map((r) => html`<li>${r.text}</li>`)}</ol>` : html`<p class="muted">${view.t("landing.noRules")}</p>`}
<section aria-labelledby="recent"><h2 id="recent">${view.t("landing.publicTimeline")}</h2>${statusList(view, shown, 3)}</section>`,
    }));
  });

  app.get("/public", async (c) => {
    const view = await viewFor(c);
    const maxId = c.req.query("max_id");
    const before = maxId && isId(maxId) ? maxId : null;
    const rows = await sql<{ id: string }[]>`
      select s.id from statuses s where s.visibility = 'public' and s.reblog_of_id is null
        ${before ? sql`and s.id < ${before}` : sql``}
        and ${visibleStatusFilter(sql, null)} and ${notSilencedFilter(sql, null)}
      order by s.id desc limit ${PAGE_SIZE}`;
    const statuses = await publicStatuses(rows.map((r) => r.id));
    const title = `${view.t("public.timeline")} · ${await instanceTitle()}`;
    return respondWithin(c, view, statuses, rows.length === PAGE_SIZE, (shown, olderThan) => {
      const next = olderThan ? `/public?max_id=${olderThan}` : undefined;
      return {
        meta: { title, description: view.t("public.intro"), canonical: `${ctx.config.origin}/public`, ogType: "website", next: next && `${ctx.config.origin}${next}` },
        main: html`<h1 class="title">${view.t("public.timeline")}</h1><p class="muted">${view.t("public.intro")}</p>
${statusList(view, shown)}${olderLink(view, next)}`,
        enhance: "session", current: "/public",
      };
    });
  });

  app.get("/:handle{@[^/]+}", async (c, next) => {
    if (wantsActivityPub(c)) return next();
    const view = await viewFor(c);
    const row = await findAccountByAcct(sql, decodeURIComponent(c.req.param("handle")).slice(1), ctx.config.domain);
    if (!row || row.suspendedAt) return notFoundPage(c, view, view.t("profile.notFound"));
    const account = serializeAccount(ctx, row) as unknown as PublicAccount;
    const maxId = c.req.query("max_id");
    const before = maxId && isId(maxId) ? maxId : null;
    const ids = await sql<{ id: string }[]>`
      select s.id from statuses s where s.account_id = ${row.id} and s.visibility = 'public' and s.reblog_of_id is null
        ${before ? sql`and s.id < ${before}` : sql``}
        and ${visibleStatusFilter(sql, null)} order by s.id desc limit ${PAGE_SIZE}`;
    const name = account.display_name || account.username;
    return respondWithin(c, view, await publicStatuses(ids.map((r) => r.id)), ids.length === PAGE_SIZE, (shown, olderThan) => {
      const next = olderThan ? `/@${account.acct}?max_id=${olderThan}` : undefined;
      return {
        meta: {
          title: `${name} (@${account.acct})`, description: excerpt(account.note) || `@${account.acct}`,
          canonical: account.url, ogType: "profile", image: account.avatar_static, activityPub: account.uri, next: next && `${ctx.config.origin}${next}`,
        },
        main: html`${accountHeader(view, account)}<section aria-labelledby="posts"><h2 id="posts" class="visually-hidden">${view.t("profile.posts", { count: account.statuses_count })}</h2>
${statusList(view, shown, 3)}${olderLink(view, next)}</section>`,
        enhance: "session",
      };
    });
  });

  app.get("/:handle{@[^/]+}/:id{[0-9]+}", async (c, next) => {
    if (wantsActivityPub(c)) return next();
    const view = await viewFor(c);
    const id = c.req.param("id");
    const acct = decodeURIComponent(c.req.param("handle")).slice(1);
    const [status] = isId(id) ? await publicStatuses([id]) : [];
    if (!status || status.reblog || status.account.acct.toLowerCase() !== acct.toLowerCase() && status.account.username.toLowerCase() !== acct.toLowerCase()) {
      return notFoundPage(c, view, view.t("thread.notFound"));
    }
    const name = status.account.display_name || status.account.username;
    const text = excerpt(status.content) || status.media_attachments.map((m) => m.description ?? "").join(" ").trim();
    const description = status.spoiler_text.trim() ? `${view.t("status.contentWarning")}: ${status.spoiler_text}` : text;
    const main = html`<h1 class="title">${view.t("thread.title")}</h1><div class="focused">${statusArticle(view, status)}</div>`;
    const image = status.media_attachments.find((m) => m.type === "image");
    return respond(c, {
      meta: {
        title: `${name}: “${excerpt(status.content, 70) || view.t("thread.title")}”`, description: description || name,
        canonical: status.url ?? `${ctx.config.origin}/@${status.account.acct}/${status.id}`, ogType: "article",
        image: image?.preview_url ?? status.account.avatar_static, activityPub: status.uri,
      },
      main, enhance: "session",
    }, view);
  });

  function notFoundPage(c: Context<Env>, view: ViewContext, message: string): Promise<Response> {
    const main = html`<h1 class="title">${view.t("app.notFound")}</h1><p>${message}</p>`;
    return respond(c, { meta: { title: view.t("app.notFound"), description: message, canonical: `${ctx.config.origin}${c.req.path}`, ogType: "website" }, main, enhance: "session" }, view, 404);
  }

  return app;
}

function olderLink(view: ViewContext, next: string | undefined): SafeHtml {
  return next ? html`<p class="more"><a class="button" href="${next}" rel="next">${view.t("timeline.older")}</a></p>` : html``;
}
