-- Governance, part 3: petitions (signatures toward a threshold, then a proposal) and
-- elections (candidacies, a vote counted by the registry, seats filled with terms; recall).

create table gov_petitions (
  id bigint primary key default stoa_id(),
  author_id bigint not null references accounts(id) on delete cascade,
  scope_id bigint not null references gov_scopes(id),
  title text not null,
  text text not null,
  method text not null,
  method_config jsonb not null,                    -- the proposal's counting settings once it becomes one
  sign_spheres text[] not null,
  threshold integer not null check (threshold > 0),
  signatures_count integer not null default 0,
  state text not null default 'open' check (state in ('open', 'succeeded', 'withdrawn')),
  proposal_id bigint references gov_proposals(id) on delete set null,
  created_at timestamptz not null default now(),
  succeeded_at timestamptz
);
create index gov_petitions_state on gov_petitions (state, id);

create table gov_petition_signatures (
  petition_id bigint not null references gov_petitions(id) on delete cascade,
  account_id bigint not null references accounts(id) on delete cascade,
  signed_at timestamptz not null default now(),
  primary key (petition_id, account_id)
);

create table gov_elections (
  id bigint primary key default stoa_id(),
  body_id bigint not null references gov_bodies(id) on delete cascade,
  created_by bigint not null references accounts(id) on delete cascade,
  kind text not null default 'election' check (kind in ('election', 'recall')),
  seats integer not null check (seats > 0),
  method text not null check (method in ('stv', 'schulze', 'irv', 'approval', 'score', 'majority')),
  recall_account_id bigint references accounts(id) on delete cascade,
  state text not null default 'candidacy' check (state in ('candidacy', 'voting', 'closed')),
  proposal_id bigint references gov_proposals(id) on delete set null,
  elected bigint[] not null default '{}',
  created_at timestamptz not null default now(),
  check ((kind = 'recall') = (recall_account_id is not null))
);
create unique index gov_elections_proposal on gov_elections (proposal_id);

create table gov_candidacies (
  election_id bigint not null references gov_elections(id) on delete cascade,
  account_id bigint not null references accounts(id) on delete cascade,
  statement text not null default '',
  created_at timestamptz not null default now(),
  primary key (election_id, account_id)
);
