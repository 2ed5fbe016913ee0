import type { Db } from "../db/database.ts";
import type { LogEntry } from "./entry.ts";
import { logHead, logPage } from "./log.ts";

/** Entries per OrderedCollectionPage. */
export const AP_PAGE_SIZE = 100;

/**
 * The log as an ActivityPub OrderedCollection (for the federation layer to serve at
 * `collectionId`). Without `page`: the collection with its first page link; with `page` (1-based):
 * an OrderedCollectionPage of entries in log order, each a `Note`-free plain object carrying the
 * entry verbatim under `stoa:logEntry`, so remote verifiers get exactly the signed fields.
 */
export async function logCollection(db: Db, collectionId: string, page?: number): Promise<Record<string, unknown>> {
  const context = ["https://www.w3.org/ns/activitystreams", { stoa: "https://stoa.social/ns#", logEntry: "stoa:logEntry" }];
  const head = await logHead(db);
  const total = head?.seq ?? 0;
  if (page === undefined) {
    return { "@context": context, id: collectionId, type: "OrderedCollection", totalItems: total, first: `${collectionId}?page=1` };
  }
  const entries = await logPage(db, (page - 1) * AP_PAGE_SIZE, AP_PAGE_SIZE);
  return {
    "@context": context, id: `${collectionId}?page=${page}`, type: "OrderedCollectionPage", partOf: collectionId, totalItems: total,
    ...(page * AP_PAGE_SIZE < total ? { next: `${collectionId}?page=${page + 1}` } : {}),
    ...(page > 1 ? { prev: `${collectionId}?page=${page - 1}` } : {}),
    orderedItems: entries.map((e: LogEntry) => ({ id: `${collectionId}/${e.seq}`, type: "Object", published: e.time, logEntry: e })),
  };
}
