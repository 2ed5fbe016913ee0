import type { AccountRow } from "../../../accounts/queries.ts";
import type { AppContext } from "../../../context.ts";

/** Where a stored media file is served. */
export function mediaUrl(origin: string, fileKey: string): string {
  return `${origin}/system/${fileKey}`;
}

function image(ctx: AppContext, key: string | null, remote: string | null, missing: string): string {
  if (key) return mediaUrl(ctx.config.origin, key);
  return remote ?? `${ctx.config.origin}/${missing}`;
}

function dateOnly(d: Date | null): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

/** Mastodon's Account entity. `moved` is the serialized target account, when loaded. */
export function serializeAccount(ctx: AppContext, a: AccountRow, moved?: Record<string, unknown> | null): Record<string, unknown> {
  const avatar = image(ctx, a.avatarFileKey, a.avatarRemoteUrl, "avatars/original/missing.png");
  const header = image(ctx, a.headerFileKey, a.headerRemoteUrl, "headers/original/missing.png");
  const local = a.domain === null;
  const created = new Date(a.createdAt);
  created.setUTCHours(0, 0, 0, 0);
  return {
    id: a.id,
    username: a.username,
    acct: local ? a.username : `${a.username}@${a.domain}`,
    url: a.url ?? a.uri,
    uri: a.uri,
    display_name: a.displayName,
    note: a.noteHtml,
    avatar,
    avatar_static: avatar,
    header,
    header_static: header,
    locked: a.locked,
    fields: a.fields.map((f) => ({ name: f.name, value: f.valueHtml ?? f.value, verified_at: f.verifiedAt ?? null })),
    emojis: [],
    bot: a.bot,
    group: false,
    discoverable: a.discoverable,
    indexable: a.indexable,
    hide_collections: a.hideCollections,
    noindex: !a.indexable,
    created_at: created.toISOString(),
    last_status_at: dateOnly(a.lastStatusAt),
    statuses_count: a.statusesCount,
    followers_count: a.hideCollections ? 0 : a.followersCount,
    following_count: a.hideCollections ? 0 : a.followingCount,
    roles: [],
    memorial: a.memorial || undefined,
    suspended: a.suspendedAt ? true : undefined,
    limited: a.silencedAt ? true : undefined,
    ...(moved !== undefined && moved !== null ? { moved } : {}),
  };
}
