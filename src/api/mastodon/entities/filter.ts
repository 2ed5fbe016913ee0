import type { FilterRow } from "../../../filters/store.ts";

/** Mastodon's Filter entity (v2). */
export function serializeFilter(f: FilterRow) {
  return {
    id: f.id,
    title: f.title,
    context: f.context,
    expires_at: f.expiresAt ? new Date(f.expiresAt).toISOString() : null,
    filter_action: f.action,
    keywords: f.keywords.map((k) => ({ id: k.id, keyword: k.keyword, whole_word: k.wholeWord })),
    statuses: f.statuses.map((s) => ({ id: s.id, status_id: s.statusId })),
  };
}
