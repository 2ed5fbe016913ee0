import { escapeHtml } from "../../statuses/render.ts";
import { htmlToText } from "../../filters/match.ts";

/** HTML that is already safe to embed: either escaped by `html` or sanitized by the server. */
export interface SafeHtml {
  readonly html: string;
}

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

function isSafe(value: unknown): value is SafeHtml {
  return typeof value === "object" && value !== null && "html" in value;
}

function partToHtml(part: Part): string {
  if (part === null || part === undefined || part === false) return "";
  if (Array.isArray(part)) return part.map(partToHtml).join("");
  if (isSafe(part)) return part.html;
  return escapeHtml(String(part));
}

/** Template tag: every interpolated value is escaped unless it is already SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => { out += partToHtml(value) + strings[i + 1]!; });
  return { html: out };
}

/** Marks HTML the server sanitized itself (post content, profile notes) as safe to embed. */
export function trusted(sanitized: string): SafeHtml {
  return { html: sanitized };
}

/** Plain text of sanitized HTML, cut to `max` characters on a word boundary (meta descriptions). */
export function excerpt(sanitized: string, max = 200): string {
  const text = htmlToText(sanitized).replace(/\s+/g, " ").trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2))}…`;
}

/** What a page says about itself to browsers, search engines and link previews. */
export interface PageMeta {
  title: string;
  description: string;
  canonical: string;
  siteName: string;
  ogType: "website" | "article" | "profile";
  image?: string | undefined;
  /** The ActivityPub object this page shows, for fediverse software that reads the page. */
  activityPub?: string | undefined;
  /** Older/newer pages of a timeline. */
  next?: string | undefined;
}

/** The page frame. `enhance` says when the web app takes over: for everyone, or only logged-in people. */
export interface PageFrame {
  locale: string;
  meta: PageMeta;
  style: string;
  appEntry: string | null;
  enhance: "always" | "session" | "never";
  skipLabel: string;
  header: SafeHtml;
  main: SafeHtml;
}

/** A complete server-rendered page, readable without JavaScript. */
export function renderPage(frame: PageFrame): string {
  const { meta } = frame;
  const enhance = frame.appEntry && frame.enhance !== "never";
  return `<!doctype html>${html`<html lang="${frame.locale}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<title>${meta.title}</title>
<meta name="description" content="${meta.description}">
<link rel="canonical" href="${meta.canonical}">
${meta.activityPub ? html`<link rel="alternate" type="application/activity+json" href="${meta.activityPub}">` : ""}
${meta.next ? html`<link rel="next" href="${meta.next}">` : ""}
<meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${meta.description}">
<meta property="og:type" content="${meta.ogType}">
<meta property="og:url" content="${meta.canonical}">
<meta property="og:site_name" content="${meta.siteName}">
${meta.image ? html`<meta property="og:image" content="${meta.image}">` : ""}
<meta name="twitter:card" content="summary">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>${trusted(frame.style)}</style>
${enhance ? html`<meta name="stoa-app" content="${frame.appEntry}"><script type="module" src="/enhance.js"></script>` : ""}
</head>
<body data-enhance="${frame.enhance}">
<a class="skip" href="#main">${frame.skipLabel}</a>
<header class="site">${frame.header}</header>
<main id="main" tabindex="-1">${frame.main}</main>
</body>
</html>`.html}`;
}
