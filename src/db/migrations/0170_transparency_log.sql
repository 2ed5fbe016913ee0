-- The public transparency log: an append-only, hash-chained, signed list of decisions
-- (docs/transparency-log.md). `payload` is kept as the exact canonical JSON text that was
-- hashed: jsonb would reorder keys and the camelCase row transform would rename them.
create table transparency_log (
  seq bigint primary key check (seq >= 1),
  created_at timestamptz not null,
  kind text not null,
  payload text not null check (payload::jsonb is not null),
  prev_hash text not null,
  hash text not null unique,
  signature text not null
);

-- Nothing rewrites the log through the database either: updates, deletes and truncation fail.
create function transparency_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the transparency log is append-only';
end
$$;
create trigger transparency_log_no_update before update or delete on transparency_log
  for each row execute function transparency_log_append_only();
create trigger transparency_log_no_truncate before truncate on transparency_log
  for each statement execute function transparency_log_append_only();

-- The instance's Ed25519 signing key, shared by every process (web and workers) through the
-- database. One row; generated on first use.
create table instance_signing_keys (
  purpose text primary key,
  public_jwk jsonb not null,
  private_jwk jsonb not null,
  created_at timestamptz not null default now()
);
