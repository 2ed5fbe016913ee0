import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from "@fedify/fedify";
import type { Sql } from "../db/database.ts";

/**
 * Fedify's KvStore on the `kv` table. A key is stored as its JSON array text, so a prefix
 * `["a","b"]` matches `["a","b"]` itself and every key starting `["a","b",`. Values travel as
 * JSON text: postgres.camel would otherwise rename the keys inside jsonb values.
 */
export class PostgresKvStore implements KvStore {
  readonly sql: Sql;

  constructor(sql: Sql) {
    this.sql = sql;
  }

  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const [row] = await this.sql<{ value: string }[]>`
      select value::text as value from kv
      where key = ${encode(key)} and (expires_at is null or expires_at > now())`;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    await this.sql`
      insert into kv (key, value, expires_at) values (${encode(key)}, ${JSON.stringify(value)}::text::jsonb, ${expiry(options)})
      on conflict (key) do update set value = excluded.value, expires_at = excluded.expires_at`;
  }

  async delete(key: KvKey): Promise<void> {
    await this.sql`delete from kv where key = ${encode(key)}`;
  }

  /** Compare-and-swap: `expectedValue` undefined means the key must be absent (or expired). */
  async cas(key: KvKey, expectedValue: unknown, newValue: unknown, options?: KvStoreSetOptions): Promise<boolean> {
    const value = JSON.stringify(newValue);
    const rows = expectedValue === undefined
      ? await this.sql`
          insert into kv (key, value, expires_at) values (${encode(key)}, ${value}::text::jsonb, ${expiry(options)})
          on conflict (key) do update set value = excluded.value, expires_at = excluded.expires_at
          where kv.expires_at is not null and kv.expires_at <= now()
          returning 1`
      : await this.sql`
          update kv set value = ${value}::text::jsonb, expires_at = ${expiry(options)}
          where key = ${encode(key)} and value = ${JSON.stringify(expectedValue)}::text::jsonb
            and (expires_at is null or expires_at > now())
          returning 1`;
    return rows.length === 1;
  }

  async *list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    const rows = prefix === undefined
      ? await this.sql<{ key: string; value: string }[]>`
          select key, value::text as value from kv
          where key like '[%' and (expires_at is null or expires_at > now()) order by key`
      : await this.sql<{ key: string; value: string }[]>`
          select key, value::text as value from kv
          where (key = ${encode(prefix)} or starts_with(key, ${`${encode(prefix).slice(0, -1)},`}))
            and (expires_at is null or expires_at > now())
          order by key`;
    for (const row of rows) yield { key: JSON.parse(row.key) as KvKey, value: JSON.parse(row.value) };
  }
}

function encode(key: KvKey): string {
  return JSON.stringify(key);
}

function expiry(options: KvStoreSetOptions | undefined): Date | null {
  return options?.ttl ? new Date(Date.now() + options.ttl.total("millisecond")) : null;
}
