-- What a jury decides: a proposed sanction under given rules, voted uphold/reject before a
-- deadline. `extended`: the deadline was extended once, after absent jurors were replaced.
alter table moderation_cases
  add column proposed_action text check (proposed_action in ('sensitive', 'remove', 'limit', 'suspend')),
  add column proposed_rule_ids bigint[] not null default '{}',
  add column proposed_status_ids bigint[] not null default '{}',
  add column proposal_reason text,
  add column convened_by bigint references accounts(id) on delete set null,
  add column deadline timestamptz,
  add column extended boolean not null default false,
  add column thread_status_id bigint references statuses(id) on delete set null,
  add column verdict text check (verdict in ('upheld', 'rejected')),
  add column votes_uphold integer,
  add column votes_reject integer;

create table case_votes (
  case_id bigint not null references moderation_cases(id) on delete cascade,
  account_id bigint not null references accounts(id) on delete cascade,
  vote text not null check (vote in ('uphold', 'reject')),
  created_at timestamptz not null default now(),
  primary key (case_id, account_id)
);
