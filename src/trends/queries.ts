import type { Db } from "../db/database.ts";

export type TrendKind = "tag" | "status" | "link";

export interface TrendRow {
  key: string;
  history: { day: string; uses: string; accounts: string }[];
}

/** One page of the last computed trends of a kind, best first. */
export function loadTrends(db: Db, kind: TrendKind, offset: number, limit: number): Promise<TrendRow[]> {
  return db<TrendRow[]>`select key, history from trends where kind = ${kind} order by rank offset ${offset} limit ${limit}`;
}
