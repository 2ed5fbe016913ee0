import type { FeaturedTagRow } from "../../../social/featured-tags.ts";

/** Mastodon's FeaturedTag entity (`statuses_count` is a string there, `last_status_at` a date). */
export function serializeFeaturedTag(origin: string, username: string, t: FeaturedTagRow): Record<string, unknown> {
  return {
    id: t.id,
    name: t.name,
    url: `${origin}/@${username}/tagged/${encodeURIComponent(t.name.toLowerCase())}`,
    statuses_count: String(t.statusesCount),
    last_status_at: t.lastStatusAt ? new Date(t.lastStatusAt).toISOString().slice(0, 10) : null,
  };
}
