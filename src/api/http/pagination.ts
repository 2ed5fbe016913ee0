import type { Context } from "hono";
import { z } from "zod";
import { isId } from "../../lib/ids.ts";
import { validate } from "./params.ts";
import type { Db } from "../../db/database.ts";

/** A page request as Mastodon clients send it. */
export interface PageParams {
  maxId: string | null;
  sinceId: string | null;
  minId: string | null;
  limit: number;
}

const zCursor = z.preprocess((v) => (v === "" ? undefined : v), z.string().refine(isId, "must be an id").optional());

/** Reads `max_id`, `since_id`, `min_id` and `limit` (clamped to `max`, default `def`). */
export function pageParams(query: Record<string, unknown>, def = 20, max = 40): PageParams {
  const p = validate(
    z.object({
      max_id: zCursor,
      since_id: zCursor,
      min_id: zCursor,
      limit: z.coerce.number().int().optional().catch(undefined),
    }),
    query,
  );
  const limit = Math.min(Math.max(p.limit ?? def, 1), max);
  return { maxId: p.max_id ?? null, sinceId: p.since_id ?? null, minId: p.min_id ?? null, limit };
}

/**
 * Sets the `Link` header: `next` continues to older items (`max_id` = last id on this page),
 * `prev` to newer ones (`min_id` = first id). `ids` are the page's pagination ids, newest first.
 */
export function setLinkHeader(c: Context, origin: string, ids: readonly string[]): void {
  if (ids.length === 0) return;
  const url = new URL(c.req.url);
  const base = (key: string, value: string) => {
    const u = new URL(url.pathname, origin);
    for (const [k, v] of url.searchParams) if (!["max_id", "min_id", "since_id"].includes(k)) u.searchParams.append(k, v);
    u.searchParams.set(key, value);
    return u.toString();
  };
  c.header("Link", `<${base("max_id", ids[ids.length - 1]!)}>; rel="next", <${base("min_id", ids[0]!)}>; rel="prev"`);
}

/**
 * SQL fragment restricting `column` to the page window. Pair with `pageOrder` and
 * `finishPage`: with `min_id` the page is read oldest-first (the items immediately newer
 * than min_id), then reversed.
 */
export function pageFilter(sql: Db, p: PageParams, column: string) {
  const col = sql(column);
  return sql`
    ${p.maxId ? sql`and ${col} < ${p.maxId}` : sql``}
    ${p.sinceId ? sql`and ${col} > ${p.sinceId}` : sql``}
    ${p.minId ? sql`and ${col} > ${p.minId}` : sql``}`;
}

/** `order by column desc`, or `asc` when paging forward from `min_id`. */
export function pageOrder(sql: Db, p: PageParams, column: string) {
  return p.minId ? sql`order by ${sql(column)} asc` : sql`order by ${sql(column)} desc`;
}

/** Puts a page read by `pageOrder` back into newest-first order. */
export function finishPage<T>(rows: readonly T[], p: PageParams): T[] {
  return p.minId ? [...rows].reverse() : [...rows];
}
