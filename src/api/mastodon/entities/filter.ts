import type { FilterRow } from "../../../filters/store.ts";

/** Mastodon's Filter entity (v2). */
export function serializeFilter(f: FilterRow) {
  return {
    id: f.id,
    title: f.title,
    context: f.context,
    expires_at: f.expiresAt ? new Date(f.expiresAt).toISOString() : null,
    filter_action: f.action,
    keywords: f.keywords.map(serializeFilterKeyword),
    statuses: f.statuses.map(serializeFilterStatus),
  };
}

/** Mastodon's FilterKeyword entity. */
export function serializeFilterKeyword(k: { id: string; keyword: string; wholeWord: boolean }) {
  return { id: k.id, keyword: k.keyword, whole_word: k.wholeWord };
}

/** Mastodon's FilterStatus entity. */
export function serializeFilterStatus(s: { id: string; statusId: string }) {
  return { id: s.id, status_id: s.statusId };
}

/**
 * Mastodon's deprecated V1::Filter: one per keyword of a v2 filter, the keyword as `phrase`,
 * `irreversible` when the filter hides.
 */
export function serializeV1Filter(f: FilterRow, k: { id: string; keyword: string; wholeWord: boolean }) {
  return {
    id: k.id,
    phrase: k.keyword,
    context: f.context,
    whole_word: k.wholeWord,
    expires_at: f.expiresAt ? new Date(f.expiresAt).toISOString() : null,
    irreversible: f.action === "hide",
  };
}
