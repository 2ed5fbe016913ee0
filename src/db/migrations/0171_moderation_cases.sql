-- Reports about the same account are grouped into one open case. A case's `seed` is the hash
-- of the log entry that opened it: fixed after opening, unknown before, it drives the jury draw.
create table moderation_cases (
  id bigint primary key,
  target_account_id bigint not null references accounts(id) on delete cascade,
  status text not null default 'open' check (status in ('open', 'decided', 'closed')),
  language text,                                 -- of the reported posts: jurors must read it
  seed text not null,
  opened_log_seq bigint not null,
  eligible_ids bigint[],                         -- snapshot at the draw: replacements come from it
  opened_at timestamptz not null default now(),
  decided_at timestamptz
);
create unique index moderation_cases_open_target on moderation_cases (target_account_id) where status = 'open';

alter table reports add column case_id bigint references moderation_cases(id) on delete set null;
create index reports_case on reports (case_id) where case_id is not null;

-- Jurors in draw order (`position` 0 is the first drawn). `absent` ones were replaced by the
-- next position of the same draw.
create table case_jurors (
  case_id bigint not null references moderation_cases(id) on delete cascade,
  account_id bigint not null references accounts(id) on delete cascade,
  position integer not null,
  absent boolean not null default false,
  drawn_at timestamptz not null default now(),
  primary key (case_id, account_id),
  unique (case_id, position)
);
create index case_jurors_account on case_jurors (account_id, drawn_at);
