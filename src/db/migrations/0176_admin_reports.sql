-- Mastodon admin API: who handles a report, and who closed it.
alter table reports
  add column assigned_account_id bigint references accounts(id) on delete set null,
  add column action_taken_by_account_id bigint references accounts(id) on delete set null,
  add column updated_at timestamptz not null default now();
