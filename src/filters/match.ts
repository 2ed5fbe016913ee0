/** A filter as the matcher needs it. */
export interface ActiveFilter {
  id: string;
  action: "warn" | "hide" | "blur";
  keywords: { keyword: string; wholeWord: boolean }[];
  statusIds: string[];
}

export interface FilterMatch {
  filterId: string;
  action: ActiveFilter["action"];
  keywordMatches: string[] | null;
  statusMatches: string[] | null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whether `keyword` occurs in `text`, case-insensitively; whole words are bounded by non-letters (any script). */
export function keywordMatches(text: string, keyword: string, wholeWord: boolean): boolean {
  const k = escapeRegExp(keyword.trim());
  if (!k) return false;
  const pattern = wholeWord ? `(?<![\\p{L}\\p{N}_])${k}(?![\\p{L}\\p{N}_])` : k;
  return new RegExp(pattern, "iu").test(text);
}

/** Which of the viewer's filters a status triggers (text = content without tags, spoiler, alt texts). */
export function matchFilters(filters: readonly ActiveFilter[], statusId: string, text: string): FilterMatch[] {
  const results: FilterMatch[] = [];
  for (const f of filters) {
    const keywords = f.keywords.filter((k) => keywordMatches(text, k.keyword, k.wholeWord)).map((k) => k.keyword);
    const statuses = f.statusIds.includes(statusId) ? [statusId] : [];
    if (keywords.length || statuses.length) {
      results.push({ filterId: f.id, action: f.action, keywordMatches: keywords.length ? keywords : null, statusMatches: statuses.length ? statuses : null });
    }
  }
  return results;
}

/** Plain text of rendered HTML, for matching. */
export function htmlToText(html: string): string {
  return html.replace(/<br\s*\/?>|<\/p>/gi, "\n").replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}
