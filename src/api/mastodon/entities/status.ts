import type { AppContext } from "../../../context.ts";
import { accountColumns, type AccountRow } from "../../../accounts/queries.ts";
import { notFound } from "../../../lib/errors.ts";
import { visibleStatusFilter } from "../../../statuses/visibility.ts";
import { attachEmojis } from "./emoji.ts";
import { serializeAccount } from "./account.ts";
import { serializeMedia, type MediaRow } from "./media.ts";
import { serializePoll, type PollData } from "./poll.ts";
import { loadFilters, toActive, type FilterContext, type FilterRow } from "../../../filters/store.ts";
import { htmlToText, matchFilters } from "../../../filters/match.ts";
import { serializeFilter } from "./filter.ts";
import { serializeQuoteApproval, serializeQuotes, type QuoteRow } from "./quote.ts";

interface StatusRow {
  id: string;
  accountId: string;
  uri: string | null;
  url: string | null;
  text: string;
  content: string;
  spoilerText: string;
  sensitive: boolean;
  visibility: string;
  language: string | null;
  inReplyToId: string | null;
  inReplyToAccountId: string | null;
  reblogOfId: string | null;
  applicationId: string | null;
  repliesCount: number;
  reblogsCount: number;
  favouritesCount: number;
  quotesCount: number;
  quotePolicy: string;
  editedAt: Date | null;
  createdAt: Date;
  // Related rows, embedded by `loadStatuses` so a page costs one query, not one per relation.
  mediaList: MediaRow[];
  mentionList: { id: string; username: string; domain: string | null; url: string | null; uri: string | null }[];
  tagNames: string[];
  app: { name: string; website: string | null } | null;
  pollData: PollData | null;
  viewerFavourited: boolean;
  viewerReblogged: boolean;
  viewerBookmarked: boolean;
  viewerPinned: boolean;
  viewerMuted: boolean;
  viewerFollowsAuthor: boolean;
  quoteRow: QuoteRow | null;
}

/**
 * Serializes statuses as Mastodon's Status entity for `viewerId`, in the order of `ids`,
 * skipping those that are missing, deleted or not visible.
 */
export function serializeStatuses(ctx: AppContext, viewerId: string | null, ids: readonly string[], context?: FilterContext): Promise<Record<string, unknown>[]> {
  return render(ctx, viewerId, ids, context, false);
}

/** `quoted` renders statuses inside a quote: their own quotes are shallow, as in Mastodon. */
async function render(ctx: AppContext, viewerId: string | null, ids: readonly string[], context: FilterContext | undefined, quoted: boolean): Promise<Record<string, unknown>[]> {
  if (ids.length === 0) return [];
  const filters = viewerId && context ? await loadFilters(ctx.sql, viewerId, { context }) : [];
  const outer = await loadStatuses(ctx, viewerId, ids);
  const reblogIds = outer.map((s) => s.reblogOfId).filter((id): id is string => id !== null);
  const all = [...outer, ...(reblogIds.length ? await loadStatuses(ctx, viewerId, reblogIds) : [])];
  const byId = new Map(all.map((s) => [s.id, s]));
  const sql = ctx.sql;
  const accountIds = [...new Set(all.map((s) => s.accountId))];
  const accounts = new Map((await sql<AccountRow[]>`select ${accountColumns(sql)} from accounts where id = any(${accountIds}::bigint[])`).map((a) => [a.id, a]));
  const quotes = await serializeQuotes(ctx, viewerId, all, quoted ? null : (quotedIds) => render(ctx, viewerId, quotedIds, undefined, true));
  const result: Record<string, unknown>[] = [];
  for (const id of ids) {
    const status = byId.get(id);
    if (!status) continue;
    const original = status.reblogOfId ? byId.get(status.reblogOfId) : status;
    if (!original) continue;
    const filtered = filterResults(filters, original);
    if (filtered === "hide") continue;
    const body = { ...entity(ctx, original, accounts, viewerId), quote: quotes.get(original.id) ?? null, filtered };
    result.push(status === original ? body : { ...entity(ctx, status, accounts, viewerId), filtered, reblog: body });
  }
  return attachEmojis(ctx, result);
}

/** The viewer's filters that match a status, as FilterResult entities; "hide" when one hides it. */
function filterResults(filters: FilterRow[], s: StatusRow): Record<string, unknown>[] | "hide" {
  if (filters.length === 0) return [];
  const text = [s.spoilerText, htmlToText(s.content), ...s.mediaList.map((m) => m.description ?? "")].join("\n");
  const matches = matchFilters(filters.map(toActive), s.id, text);
  if (matches.some((m) => m.action === "hide")) return "hide";
  return matches.map((m) => ({
    filter: serializeFilter(filters.find((f) => f.id === m.filterId)!),
    keyword_matches: m.keywordMatches,
    status_matches: m.statusMatches,
  }));
}

/** One status for the viewer; 404 when it is not visible to them. */
export async function serializeStatus(ctx: AppContext, viewerId: string | null, id: string): Promise<Record<string, unknown>> {
  const [status] = await serializeStatuses(ctx, viewerId, [id]);
  if (!status) throw notFound();
  return status;
}

/** Visible statuses with their media, mentions, tags, application and the viewer's flags, in one query. */
function loadStatuses(ctx: AppContext, viewerId: string | null, ids: readonly string[]) {
  const sql = ctx.sql;
  const viewer = viewerId ?? "0";
  return sql<StatusRow[]>`
    select s.*,
      (select coalesce(jsonb_agg(to_jsonb(m) || jsonb_build_object('id', m.id::text) order by m.id), '[]')
         from media_attachments m where m.status_id = s.id) as media_list,
      (select coalesce(jsonb_agg(jsonb_build_object('id', a.id::text, 'username', a.username, 'domain', a.domain, 'url', a.url, 'uri', a.uri)), '[]')
         from mentions mm join accounts a on a.id = mm.account_id where mm.status_id = s.id and not mm.silent) as mention_list,
      (select coalesce(array_agg(t.name), '{}') from status_tags st join tags t on t.id = st.tag_id where st.status_id = s.id) as tag_names,
      (select jsonb_build_object('name', o.name, 'website', o.website) from oauth_apps o where o.id = s.application_id) as app,
      (select jsonb_build_object('id', p.id::text, 'expires_at', p.expires_at, 'expired', coalesce(p.expires_at <= now(), false),
         'multiple', p.multiple, 'votes_count', p.votes_count, 'voters_count', p.voters_count, 'options', p.options,
         'votes', p.votes, 'hide_totals', p.hide_totals, 'author', p.account_id::text,
         'own_votes', (select coalesce(jsonb_agg(v.choice order by v.choice), '[]') from poll_votes v where v.poll_id = p.id and v.account_id = ${viewer}))
       from polls p where p.id = s.poll_id) as poll_data,
      exists (select 1 from favourites f where f.account_id = ${viewer} and f.status_id = s.id) as viewer_favourited,
      exists (select 1 from statuses r where r.account_id = ${viewer} and r.reblog_of_id = s.id and r.deleted_at is null) as viewer_reblogged,
      exists (select 1 from bookmarks b where b.account_id = ${viewer} and b.status_id = s.id) as viewer_bookmarked,
      exists (select 1 from status_pins p where p.account_id = ${viewer} and p.status_id = s.id) as viewer_pinned,
      exists (select 1 from conversation_mutes cm where cm.account_id = ${viewer} and cm.conversation_id = s.conversation_id) as viewer_muted,
      exists (select 1 from follows f where f.account_id = ${viewer} and f.target_account_id = s.account_id) as viewer_follows_author,
      (select jsonb_build_object('state', q.state, 'quoted_status_id', q.quoted_status_id::text) from quotes q where q.status_id = s.id) as quote_row
    from statuses s where s.id = any(${[...ids]}::bigint[]) and ${visibleStatusFilter(sql, viewerId)}`;
}

function entity(ctx: AppContext, s: StatusRow, accounts: Map<string, AccountRow>, viewerId: string | null): Record<string, unknown> {
  const account = accounts.get(s.accountId)!;
  const isReblog = s.reblogOfId !== null;
  return {
    id: s.id,
    uri: s.uri,
    url: isReblog ? null : s.url ?? s.uri,
    created_at: new Date(s.createdAt).toISOString(),
    account: serializeAccount(ctx, account),
    content: isReblog ? "" : s.content,
    visibility: s.visibility,
    sensitive: s.sensitive,
    spoiler_text: s.spoilerText,
    media_attachments: s.mediaList.map((m) => serializeMedia(ctx, m)),
    application: s.app,
    mentions: s.mentionList.map((m) => ({
      id: m.id, username: m.username, acct: m.domain ? `${m.username}@${m.domain}` : m.username, url: m.url ?? m.uri,
    })),
    tags: s.tagNames.map((name) => ({ name, url: `${ctx.config.origin}/tags/${encodeURIComponent(name)}` })),
    emojis: [],
    reblogs_count: s.reblogsCount,
    favourites_count: s.favouritesCount,
    replies_count: s.repliesCount,
    quotes_count: s.quotesCount,
    edited_at: s.editedAt ? new Date(s.editedAt).toISOString() : null,
    favourited: s.viewerFavourited,
    reblogged: s.viewerReblogged,
    muted: s.viewerMuted,
    bookmarked: s.viewerBookmarked,
    pinned: s.viewerPinned,
    reblog: null,
    quote: null,
    quote_approval: isReblog ? null : serializeQuoteApproval(s, viewerId, s.viewerFollowsAuthor),
    poll: s.pollData ? serializePoll(s.pollData, viewerId) : null,
    card: null,
    language: s.language,
    text: null,
    in_reply_to_id: s.inReplyToId,
    in_reply_to_account_id: s.inReplyToAccountId,
  };
}
