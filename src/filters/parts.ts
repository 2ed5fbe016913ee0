import type { Db } from "../db/database.ts";
import { isId } from "../lib/ids.ts";
import { notFound, unprocessable } from "../lib/errors.ts";
import { visibleStatusFilter } from "../statuses/visibility.ts";

/** One keyword of a filter, with the filter it belongs to. */
export interface FilterKeywordRow {
  id: string;
  filterId: string;
  keyword: string;
  wholeWord: boolean;
}

/** One status a filter names. */
export interface FilterStatusRow {
  id: string;
  filterId: string;
  statusId: string;
}

/** At most this many keywords in one filter (as the v2 create route allows). */
const MAX_KEYWORDS = 100;

/** The account's filter `id`, or 404: another account's filter is as absent as a missing one. */
export async function ownFilterId(db: Db, accountId: string, id: string): Promise<string> {
  if (!isId(id)) throw notFound();
  const [row] = await db<{ id: string }[]>`select id from filters where id = ${id} and account_id = ${accountId}`;
  if (!row) throw notFound();
  return row.id;
}

/** Keywords of the account's filters; of one filter when `filterId` is given, one keyword when `id` is. */
export function loadKeywords(db: Db, accountId: string, options: { filterId?: string; id?: string } = {}): Promise<FilterKeywordRow[]> {
  return db<FilterKeywordRow[]>`
    select k.id, k.filter_id, k.keyword, k.whole_word from filter_keywords k join filters f on f.id = k.filter_id
    where f.account_id = ${accountId}
      ${options.filterId ? db`and k.filter_id = ${options.filterId}` : db``}
      ${options.id ? db`and k.id = ${options.id}` : db``}
    order by k.id`;
}

/** The account's keyword `id`, or 404. */
export async function ownKeyword(db: Db, accountId: string, id: string): Promise<FilterKeywordRow> {
  if (!isId(id)) throw notFound();
  const [row] = await loadKeywords(db, accountId, { id });
  if (!row) throw notFound();
  return row;
}

/** Adds a keyword to a filter the caller owns (checked by the caller). */
export async function addKeyword(db: Db, filterId: string, keyword: string, wholeWord: boolean): Promise<string> {
  const [existing] = await db<{ count: number }[]>`select count(*)::int as count from filter_keywords where filter_id = ${filterId}`;
  if ((existing?.count ?? 0) >= MAX_KEYWORDS) throw unprocessable(`Keywords is too long (maximum is ${MAX_KEYWORDS})`);
  const [row] = await db<{ id: string }[]>`insert into filter_keywords (filter_id, keyword, whole_word) values (${filterId}, ${keyword}, ${wholeWord}) returning id`;
  return row!.id;
}

/** Statuses named by the account's filters; of one filter when `filterId` is given, one entry when `id` is. */
export function loadFilterStatuses(db: Db, accountId: string, options: { filterId?: string; id?: string } = {}): Promise<FilterStatusRow[]> {
  return db<FilterStatusRow[]>`
    select fs.id, fs.filter_id, fs.status_id from filter_statuses fs join filters f on f.id = fs.filter_id
    where f.account_id = ${accountId}
      ${options.filterId ? db`and fs.filter_id = ${options.filterId}` : db``}
      ${options.id ? db`and fs.id = ${options.id}` : db``}
    order by fs.id`;
}

/** The account's filter-status entry `id`, or 404. */
export async function ownFilterStatus(db: Db, accountId: string, id: string): Promise<FilterStatusRow> {
  if (!isId(id)) throw notFound();
  const [row] = await loadFilterStatuses(db, accountId, { id });
  if (!row) throw notFound();
  return row;
}

/**
 * Names a status in a filter. Like Mastodon, the status must be one the account can see, and
 * a filter names a status once.
 */
export async function addFilterStatus(db: Db, accountId: string, filterId: string, statusId: string): Promise<string> {
  if (!isId(statusId)) throw notFound();
  const [visible] = await db`select 1 from statuses s where s.id = ${statusId} and ${visibleStatusFilter(db, accountId)}`;
  if (!visible) throw notFound();
  const [dup] = await db`select 1 from filter_statuses where filter_id = ${filterId} and status_id = ${statusId}`;
  if (dup) throw unprocessable("Status has already been taken");
  const [row] = await db<{ id: string }[]>`insert into filter_statuses (filter_id, status_id) values (${filterId}, ${statusId}) returning id`;
  return row!.id;
}
