import type { Db } from "../db/database.ts";
import type { ActiveFilter } from "./match.ts";

export const FILTER_CONTEXTS = ["home", "notifications", "public", "thread", "account"] as const;
export type FilterContext = (typeof FILTER_CONTEXTS)[number];

export interface FilterRow {
  id: string;
  title: string;
  context: string[];
  action: "warn" | "hide" | "blur";
  expiresAt: Date | null;
  keywords: { id: string; keyword: string; wholeWord: boolean }[];
  statuses: { id: string; statusId: string }[];
}

/** The account's filters with keywords and statuses; only unexpired ones in `context` when given. */
export async function loadFilters(db: Db, accountId: string, options: { context?: FilterContext; id?: string } = {}): Promise<FilterRow[]> {
  return db<FilterRow[]>`
    select f.id, f.title, f.context, f.action, f.expires_at,
      (select coalesce(jsonb_agg(jsonb_build_object('id', k.id::text, 'keyword', k.keyword, 'whole_word', k.whole_word) order by k.id), '[]')
         from filter_keywords k where k.filter_id = f.id) as keywords,
      (select coalesce(jsonb_agg(jsonb_build_object('id', fs.id::text, 'status_id', fs.status_id::text) order by fs.id), '[]')
         from filter_statuses fs where fs.filter_id = f.id) as statuses
    from filters f where f.account_id = ${accountId}
      ${options.id ? db`and f.id = ${options.id}` : db``}
      ${options.context ? db`and ${options.context} = any(f.context) and (f.expires_at is null or f.expires_at > now())` : db``}
    order by f.id`;
}

export function toActive(f: FilterRow): ActiveFilter {
  return { id: f.id, action: f.action, keywords: f.keywords, statusIds: f.statuses.map((s) => s.statusId) };
}
