-- Every version of the instance rules stays readable: a snapshot per change, in order.
create table rule_versions (
  version integer primary key,
  rules jsonb not null,                          -- [{ id, text, hint }] in display order
  changed_by bigint references accounts(id) on delete set null,
  created_at timestamptz not null default now()
);
