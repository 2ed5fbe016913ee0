import type { Db, Sql, Tx } from "../db/database.ts";
import { canonicalJson } from "./canonical.ts";
import { GENESIS_HASH, sealEntry, type LogEntry } from "./entry.ts";
import { instanceSigningKey } from "./signing-key.ts";

/** Arbitrary constant: serialises appends so the chain never forks. */
const APPEND_LOCK = 7_301_170;

/** What a caller logs: a kind (`moderation.verdict`, `rules.changed`, …) and public facts. */
export interface NewLogEntry {
  kind: string;
  payload: Record<string, unknown>;
}

interface LogRow {
  seq: string;
  createdAt: Date;
  kind: string;
  payload: string;
  prevHash: string;
  hash: string;
  signature: string;
}

/**
 * Appends entries inside the caller's transaction, so a decision and its log entry commit
 * together. The advisory lock is held until that transaction ends: concurrent appenders wait
 * and then chain onto the new head.
 */
export async function appendToLog(tx: Tx, entries: NewLogEntry[]): Promise<LogEntry[]> {
  if (!entries.length) return [];
  await tx`select pg_advisory_xact_lock(${APPEND_LOCK})`;
  const key = await instanceSigningKey(tx);
  const [head] = await tx<{ seq: string; hash: string }[]>`select seq, hash from transparency_log order by seq desc limit 1`;
  let seq = head ? Number(head.seq) : 0;
  let prev = head?.hash ?? GENESIS_HASH;
  const time = new Date().toISOString();
  const sealed = entries.map((e) => {
    const entry = sealEntry({ seq: ++seq, time, kind: e.kind, payload: JSON.parse(canonicalJson(e.payload)) as Record<string, unknown>, prev }, key.privateKey);
    prev = entry.hash;
    return entry;
  });
  await tx`insert into transparency_log (seq, created_at, kind, payload, prev_hash, hash, signature)
    select * from unnest(${sealed.map((e) => e.seq)}::bigint[], ${sealed.map((e) => e.time)}::timestamptz[], ${sealed.map((e) => e.kind)}::text[],
      ${sealed.map((e) => canonicalJson(e.payload))}::text[], ${sealed.map((e) => e.prev)}::text[], ${sealed.map((e) => e.hash)}::text[], ${sealed.map((e) => e.signature)}::text[])`;
  return sealed;
}

/** Appends one entry in its own transaction. */
export async function logDecision(sql: Sql, kind: string, payload: Record<string, unknown>): Promise<LogEntry> {
  return (await sql.begin((tx) => appendToLog(tx, [{ kind, payload }])))[0]!;
}

/** The newest entry, or null for an empty log. */
export async function logHead(db: Db): Promise<LogEntry | null> {
  const [row] = await db<LogRow[]>`select * from transparency_log order by seq desc limit 1`;
  return row ? toEntry(row) : null;
}

/** Entries in order with `seq > after`, at most `limit`. */
export async function logPage(db: Db, after: number, limit: number): Promise<LogEntry[]> {
  const rows = await db<LogRow[]>`select * from transparency_log where seq > ${after} order by seq limit ${limit}`;
  return rows.map(toEntry);
}

/** Entries newest first with `seq < before`, at most `limit` (for pages that show the latest). */
export async function logPageDescending(db: Db, before: number, limit: number): Promise<LogEntry[]> {
  const rows = await db<LogRow[]>`select * from transparency_log where seq < ${before} order by seq desc limit ${limit}`;
  return rows.map(toEntry);
}

/** Every entry up to `upTo` in order, in batches (for exports of any size). */
export async function* allLogEntries(sql: Sql, upTo: number, batch = 2000): AsyncGenerator<LogEntry[]> {
  for (let after = 0; after < upTo; ) {
    const page = (await logPage(sql, after, batch)).filter((e) => e.seq <= upTo);
    if (!page.length) return;
    yield page;
    after = page[page.length - 1]!.seq;
  }
}

function toEntry(r: LogRow): LogEntry {
  return {
    seq: Number(r.seq), time: r.createdAt.toISOString(), kind: r.kind, payload: JSON.parse(r.payload) as Record<string, unknown>,
    prev: r.prevHash, hash: r.hash, signature: r.signature,
  };
}
