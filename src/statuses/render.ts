import type { AppContext } from "../context.ts";
import type { Db } from "../db/database.ts";

export interface RenderedText {
  html: string;
  mentionedAccountIds: string[];
  /** Normalised (lower-case) hashtag names, in order of first use. */
  tags: string[];
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

// One pass over the text finds URLs, @user(@domain) mentions and #hashtags.
const TOKEN = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])|(?<![\w@/])@([a-z0-9_]{1,30})(?:@([a-z0-9.-]+\.[a-z]{2,}))?\b|(?<![\w&/#])#([\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*)/giu;

/**
 * Renders a post or bio written in plain text as safe HTML: paragraphs on blank lines, line
 * breaks, links, mentions of known accounts and hashtags. Everything else is escaped.
 */
export async function renderPlainText(ctx: AppContext, db: Db, text: string): Promise<RenderedText> {
  const handles = [...text.matchAll(TOKEN)].filter((m) => m[2]).map((m) => ({ username: m[2]!, domain: m[3] ?? null }));
  const accounts = await resolveMentions(ctx, db, handles);
  const mentioned = new Set<string>();
  const tags: string[] = [];
  const renderLine = (line: string) => {
    let html = "";
    let last = 0;
    for (const m of line.matchAll(TOKEN)) {
      html += escapeHtml(line.slice(last, m.index));
      last = m.index! + m[0].length;
      if (m[1]) html += link(m[1]);
      else if (m[2]) {
        const account = accounts.get(handleKey(m[2], m[3] ?? null, ctx.config.domain));
        if (!account) html += escapeHtml(m[0]);
        else {
          mentioned.add(account.id);
          html += `<span class="h-card" translate="no"><a href="${escapeHtml(account.url)}" class="u-url mention">@<span>${escapeHtml(account.username)}</span></a></span>`;
        }
      } else if (m[4]) {
        const name = m[4].toLowerCase();
        if (!tags.includes(name)) tags.push(name);
        html += `<a href="${escapeHtml(`${ctx.config.origin}/tags/${encodeURIComponent(name)}`)}" class="mention hashtag" rel="tag">#<span>${escapeHtml(m[4])}</span></a>`;
      }
    }
    return html + escapeHtml(line.slice(last));
  };
  const paragraphs = text.replace(/\r\n?/g, "\n").trim().split(/\n{2,}/).filter((p) => p.trim() !== "");
  const html = paragraphs.map((p) => `<p>${p.split("\n").map(renderLine).join("<br>")}</p>`).join("");
  return { html, mentionedAccountIds: [...mentioned], tags };
}

function link(url: string): string {
  const shown = url.replace(/^https?:\/\/(www\.)?/, "");
  const display = shown.length > 30 ? `${escapeHtml(shown.slice(0, 30))}<span class="invisible">${escapeHtml(shown.slice(30))}</span>` : escapeHtml(shown);
  return `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener noreferrer" translate="no">${display}</a>`;
}

function handleKey(username: string, domain: string | null, localDomain: string): string {
  const d = domain && domain.toLowerCase() !== localDomain.toLowerCase() ? domain.toLowerCase() : "";
  return `${username.toLowerCase()}@${d}`;
}

async function resolveMentions(ctx: AppContext, db: Db, handles: { username: string; domain: string | null }[]) {
  const found = new Map<string, { id: string; username: string; url: string }>();
  if (handles.length === 0) return found;
  const keys = [...new Set(handles.map((h) => handleKey(h.username, h.domain, ctx.config.domain)))].slice(0, 50);
  const rows = await db<{ id: string; username: string; domain: string | null; url: string | null; uri: string | null }[]>`
    select id, username, domain, url, uri from accounts
    where lower(username) || '@' || coalesce(lower(domain), '') = any(${keys}) and suspended_at is null`;
  for (const r of rows) found.set(handleKey(r.username, r.domain, ctx.config.domain), { id: r.id, username: r.username, url: r.url ?? r.uri ?? "" });
  return found;
}
