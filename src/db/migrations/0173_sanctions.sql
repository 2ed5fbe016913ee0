-- Sanctions applied from verdicts, each with the statement of reasons sent to the affected
-- person. `previous` keeps what the sanction changed (e.g. the former content warnings) so a
-- reversal can restore it.
create table sanctions (
  id bigint primary key default stoa_id(),
  case_id bigint not null references moderation_cases(id) on delete cascade,
  account_id bigint not null references accounts(id) on delete cascade,
  action text not null check (action in ('sensitive', 'remove', 'limit', 'suspend')),
  status_ids bigint[] not null default '{}',
  rule_ids bigint[] not null default '{}',
  statement text not null,
  previous jsonb not null default '{}',
  created_at timestamptz not null default now(),
  reverted_at timestamptz
);
create index sanctions_account on sanctions (account_id, id desc);
