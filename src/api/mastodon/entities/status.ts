import type { AppContext } from "../../../context.ts";
import { accountColumns, type AccountRow } from "../../../accounts/queries.ts";
import { notFound } from "../../../lib/errors.ts";
import { visibleStatusFilter } from "../../../statuses/visibility.ts";
import { serializeAccount } from "./account.ts";
import { serializeMedia, type MediaRow } from "./media.ts";

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
  editedAt: Date | null;
  createdAt: Date;
}

interface Related {
  accounts: Map<string, AccountRow>;
  media: Map<string, (MediaRow & { statusId: string })[]>;
  mentions: Map<string, { id: string; username: string; domain: string | null; url: string | null; uri: string | null }[]>;
  tags: Map<string, string[]>;
  apps: Map<string, { name: string; website: string | null }>;
  viewer: { favourited: Set<string>; reblogged: Set<string>; bookmarked: Set<string>; pinned: Set<string>; muted: Set<string> };
}

/**
 * Serializes statuses as Mastodon's Status entity for `viewerId`, in the order of `ids`,
 * skipping those that are missing, deleted or not visible. Related rows are loaded in batches.
 */
export async function serializeStatuses(ctx: AppContext, viewerId: string | null, ids: readonly string[]): Promise<Record<string, unknown>[]> {
  if (ids.length === 0) return [];
  const sql = ctx.sql;
  const outer = await sql<StatusRow[]>`select s.* from statuses s where s.id = any(${[...ids]}::bigint[]) and ${visibleStatusFilter(sql, viewerId)}`;
  const reblogIds = outer.map((s) => s.reblogOfId).filter((id): id is string => id !== null);
  const inner = reblogIds.length
    ? await sql<StatusRow[]>`select s.* from statuses s where s.id = any(${reblogIds}::bigint[]) and ${visibleStatusFilter(sql, viewerId)}`
    : [];
  const all = [...outer, ...inner];
  const byId = new Map(all.map((s) => [s.id, s]));
  const related = await loadRelated(ctx, viewerId, all);
  const result: Record<string, unknown>[] = [];
  for (const id of ids) {
    const status = byId.get(id);
    if (!status) continue;
    if (status.reblogOfId) {
      const original = byId.get(status.reblogOfId);
      if (!original) continue;
      result.push({ ...entity(ctx, status, related), reblog: entity(ctx, original, related) });
    } else {
      result.push(entity(ctx, status, related));
    }
  }
  return result;
}

/** One status for the viewer; 404 when it is not visible to them. */
export async function serializeStatus(ctx: AppContext, viewerId: string | null, id: string): Promise<Record<string, unknown>> {
  const [status] = await serializeStatuses(ctx, viewerId, [id]);
  if (!status) throw notFound();
  return status;
}

async function loadRelated(ctx: AppContext, viewerId: string | null, statuses: StatusRow[]): Promise<Related> {
  const sql = ctx.sql;
  const ids = statuses.map((s) => s.id);
  const accountIds = [...new Set(statuses.map((s) => s.accountId))];
  const appIds = [...new Set(statuses.map((s) => s.applicationId).filter((a): a is string => a !== null))];
  const [accounts, media, mentions, tags, apps, viewer] = await Promise.all([
    sql<AccountRow[]>`select ${accountColumns(sql)} from accounts where id = any(${accountIds}::bigint[])`,
    sql<(MediaRow & { statusId: string })[]>`select * from media_attachments where status_id = any(${ids}::bigint[]) order by id`,
    sql<{ statusId: string; id: string; username: string; domain: string | null; url: string | null; uri: string | null }[]>`
      select m.status_id, a.id, a.username, a.domain, a.url, a.uri from mentions m join accounts a on a.id = m.account_id
      where m.status_id = any(${ids}::bigint[]) and not m.silent`,
    sql<{ statusId: string; name: string }[]>`
      select st.status_id, t.name from status_tags st join tags t on t.id = st.tag_id where st.status_id = any(${ids}::bigint[])`,
    appIds.length ? sql<{ id: string; name: string; website: string | null }[]>`select id, name, website from oauth_apps where id = any(${appIds}::bigint[])` : [],
    viewerId ? viewerFlags(ctx, viewerId, ids) : null,
  ]);
  return {
    accounts: new Map(accounts.map((a) => [a.id, a])),
    media: groupBy(media, (m) => m.statusId),
    mentions: groupBy(mentions, (m) => m.statusId),
    tags: new Map([...groupBy(tags, (t) => t.statusId)].map(([k, v]) => [k, v.map((t) => t.name)])),
    apps: new Map(apps.map((a) => [a.id, a])),
    viewer: viewer ?? { favourited: new Set(), reblogged: new Set(), bookmarked: new Set(), pinned: new Set(), muted: new Set() },
  };
}

async function viewerFlags(ctx: AppContext, viewerId: string, ids: string[]) {
  const sql = ctx.sql;
  const rows = await sql<{ kind: string; statusId: string }[]>`
    select 'favourited' as kind, status_id from favourites where account_id = ${viewerId} and status_id = any(${ids}::bigint[])
    union all select 'reblogged', reblog_of_id from statuses where account_id = ${viewerId} and reblog_of_id = any(${ids}::bigint[]) and deleted_at is null
    union all select 'bookmarked', status_id from bookmarks where account_id = ${viewerId} and status_id = any(${ids}::bigint[])
    union all select 'pinned', status_id from status_pins where account_id = ${viewerId} and status_id = any(${ids}::bigint[])
    union all select 'muted', s.id from statuses s join conversation_mutes cm on cm.conversation_id = s.conversation_id
      where cm.account_id = ${viewerId} and s.id = any(${ids}::bigint[])`;
  const flags = { favourited: new Set<string>(), reblogged: new Set<string>(), bookmarked: new Set<string>(), pinned: new Set<string>(), muted: new Set<string>() };
  for (const r of rows) flags[r.kind as keyof typeof flags].add(r.statusId);
  return flags;
}

function entity(ctx: AppContext, s: StatusRow, r: Related): Record<string, unknown> {
  const account = r.accounts.get(s.accountId)!;
  const isReblog = s.reblogOfId !== null;
  const app = s.applicationId ? r.apps.get(s.applicationId) : undefined;
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
    media_attachments: (r.media.get(s.id) ?? []).map((m) => serializeMedia(ctx, m)),
    application: app ? { name: app.name, website: app.website } : null,
    mentions: (r.mentions.get(s.id) ?? []).map((m) => ({
      id: m.id, username: m.username, acct: m.domain ? `${m.username}@${m.domain}` : m.username, url: m.url ?? m.uri,
    })),
    tags: (r.tags.get(s.id) ?? []).map((name) => ({ name, url: `${ctx.config.origin}/tags/${encodeURIComponent(name)}` })),
    emojis: [],
    reblogs_count: s.reblogsCount,
    favourites_count: s.favouritesCount,
    replies_count: s.repliesCount,
    quotes_count: s.quotesCount,
    edited_at: s.editedAt ? new Date(s.editedAt).toISOString() : null,
    favourited: r.viewer.favourited.has(s.id),
    reblogged: r.viewer.reblogged.has(s.id),
    muted: r.viewer.muted.has(s.id),
    bookmarked: r.viewer.bookmarked.has(s.id),
    pinned: r.viewer.pinned.has(s.id),
    filtered: [],
    reblog: null,
    quote: null,
    poll: null,
    card: null,
    language: s.language,
    text: null,
    in_reply_to_id: s.inReplyToId,
    in_reply_to_account_id: s.inReplyToAccountId,
  };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    map.set(k, [...(map.get(k) ?? []), row]);
  }
  return map;
}
