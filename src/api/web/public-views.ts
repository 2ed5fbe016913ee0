import { html, trusted, type SafeHtml } from "./public-html.ts";

/** The fields of Mastodon's Account entity the public pages show. */
export interface PublicAccount {
  id: string;
  username: string;
  acct: string;
  url: string;
  uri: string;
  display_name: string;
  note: string;
  avatar_static: string;
  locked: boolean;
  bot: boolean;
  statuses_count: number;
  followers_count: number;
  following_count: number;
}

interface PublicMedia {
  id: string;
  type: string;
  url: string;
  preview_url: string | null;
  description: string | null;
}

/** The fields of Mastodon's Status entity the public pages show. */
export interface PublicStatus {
  id: string;
  uri: string;
  url: string | null;
  created_at: string;
  content: string;
  spoiler_text: string;
  sensitive: boolean;
  language: string | null;
  in_reply_to_id: string | null;
  reblog: unknown;
  replies_count: number;
  account: PublicAccount;
  media_attachments: PublicMedia[];
}

/** Translates a message key of the web app's catalogs. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** What every view needs: translations and dates in the reader's language. */
export interface ViewContext {
  t: Translate;
  locale: string;
}

/** The path of a post's public page on this server. */
export const statusPagePath = (s: PublicStatus) => `/@${s.account.acct}/${s.id}`;

function dateTime(view: ViewContext, iso: string): string {
  return new Intl.DateTimeFormat(view.locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso));
}

function mediaList(status: PublicStatus): SafeHtml {
  const items = status.media_attachments.map((m) => m.type === "image" || m.type === "gifv"
    ? html`<a href="${m.url}"><img src="${m.preview_url ?? m.url}" alt="${m.description ?? ""}" loading="lazy"></a>`
    : html`<a href="${m.url}">${m.description || m.url}</a>`);
  return items.length ? html`<div class="media">${items}</div>` : html``;
}

/** One post as an article: author, date linking to its page, content (behind its warning), media. */
export function statusArticle(view: ViewContext, status: PublicStatus, headingLevel: 2 | 3 = 2): SafeHtml {
  const name = status.account.display_name || status.account.username;
  const id = `post-${status.id}`;
  const body = html`<div class="content">${trusted(status.content)}</div>${mediaList(status)}`;
  const heading = headingLevel === 2
    ? html`<h2 class="visually-hidden" id="${id}">${view.t("status.by", { name })}</h2>`
    : html`<h3 class="visually-hidden" id="${id}">${view.t("status.by", { name })}</h3>`;
  return html`<article class="status" data-post aria-labelledby="${id}"${status.language ? html` lang="${status.language}"` : ""}>
${heading}
<header class="status-header"><img class="avatar" src="${status.account.avatar_static}" alt="" width="44" height="44" loading="lazy">
<div class="byline"><a class="author" href="/@${status.account.acct}"><span class="name">${name}</span> <span class="acct">@${status.account.acct}</span></a>
<a class="time" href="${statusPagePath(status)}"><time datetime="${status.created_at}">${dateTime(view, status.created_at)}</time></a></div></header>
${status.spoiler_text.trim()
    ? html`<details class="warning"><summary>${view.t("status.contentWarning")}: ${status.spoiler_text}</summary>${body}</details>`
    : body}
${status.replies_count > 0 ? html`<p class="context">${view.t("status.replies", { count: status.replies_count })}</p>` : ""}
</article>`;
}

/** A list of posts, or the empty-timeline sentence. */
export function statusList(view: ViewContext, statuses: readonly PublicStatus[], headingLevel: 2 | 3 = 2): SafeHtml {
  if (statuses.length === 0) return html`<p class="muted">${view.t("timeline.empty")}</p>`;
  return html`${statuses.map((s) => statusArticle(view, s, headingLevel))}`;
}

/** A profile's header: avatar, name, handle, badges, bio and counts. */
export function accountHeader(view: ViewContext, account: PublicAccount): SafeHtml {
  const name = account.display_name || account.username;
  const badges = [account.bot && view.t("profile.bot"), account.locked && view.t("profile.locked")].filter(Boolean);
  return html`<div class="profile"><img class="avatar large" src="${account.avatar_static}" alt="" width="88" height="88">
<div><h1 class="title">${name}</h1><p class="acct">@${account.acct}</p>${badges.length ? html`<p class="muted">${badges.join(" · ")}</p>` : ""}</div></div>
<div class="content">${trusted(account.note)}</div>
<ul class="counts"><li>${view.t("profile.posts", { count: account.statuses_count })}</li>
<li>${view.t("profile.followers", { count: account.followers_count })}</li>
<li>${view.t("profile.following", { count: account.following_count })}</li></ul>`;
}
