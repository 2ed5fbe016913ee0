-- Governance, part 2: proposals (draft → deliberation → vote → result), amendments,
-- implementation updates, ballots with receipts, and liquid delegations (DESIGN §5).

create table gov_proposals (
  id bigint primary key default stoa_id(),
  author_id bigint not null references accounts(id) on delete cascade,
  scope_id bigint not null references gov_scopes(id),
  body_id bigint references gov_bodies(id),          -- indirect participation: this body's members decide
  title text not null,
  text text not null,
  state text not null default 'draft' check (state in ('draft', 'deliberation', 'voting', 'closed', 'withdrawn')),
  method text not null,
  method_config jsonb not null,                      -- the ballot file's header: options or projects, seats, quorum…
  participation text not null check (participation in ('direct', 'indirect', 'liquid')),
  discuss_spheres text[] not null,
  decide_spheres text[] not null,
  secret boolean not null default false,
  delegate_cap integer check (delegate_cap > 0),
  thread_status_id bigint references statuses(id) on delete set null,
  opens_at timestamptz,
  closes_at timestamptz,
  result jsonb,
  ballot_file jsonb,
  closed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((participation = 'indirect') = (body_id is not null)),
  check (not (secret and participation = 'liquid'))
);
create index gov_proposals_state on gov_proposals (state, id);
create index gov_proposals_scope on gov_proposals (scope_id, id);

create table gov_proposal_authors (
  proposal_id bigint not null references gov_proposals(id) on delete cascade,
  account_id bigint not null references accounts(id) on delete cascade,
  added_at timestamptz not null default now(),
  primary key (proposal_id, account_id)
);

create table gov_amendments (
  id bigint primary key default stoa_id(),
  proposal_id bigint not null references gov_proposals(id) on delete cascade,
  account_id bigint not null references accounts(id) on delete cascade,
  text text not null,                                -- the whole proposed text
  reason text not null default '',
  state text not null default 'proposed' check (state in ('proposed', 'accepted', 'rejected')),
  previous_text text,                                -- the text it replaced, once accepted
  created_at timestamptz not null default now(),
  decided_at timestamptz
);
create index gov_amendments_proposal on gov_amendments (proposal_id, id);

create table gov_proposal_updates (
  id bigint primary key default stoa_id(),
  proposal_id bigint not null references gov_proposals(id) on delete cascade,
  account_id bigint not null references accounts(id) on delete cascade,
  status text not null check (status in ('planned', 'in-progress', 'done', 'abandoned')),
  text text not null,
  created_at timestamptz not null default now()
);

-- Who voted (public participation record); for secret proposals nothing links it to a ballot.
create table gov_voters (
  proposal_id bigint not null references gov_proposals(id) on delete cascade,
  account_id bigint not null references accounts(id) on delete cascade,
  first_voted_at timestamptz not null default now(),
  last_voted_at timestamptz not null default now(),
  primary key (proposal_id, account_id)
);

-- Ballots. voter_id is null on secret proposals; receipt_hash is sha256 of the receipt the voter holds.
create table gov_ballots (
  id bigint primary key default stoa_id(),
  proposal_id bigint not null references gov_proposals(id) on delete cascade,
  voter_id bigint references accounts(id) on delete cascade,
  receipt_hash text not null,
  ballot jsonb not null,
  cast_at timestamptz not null default now(),
  unique (proposal_id, receipt_hash)
);
create unique index gov_ballots_voter on gov_ballots (proposal_id, voter_id) where voter_id is not null;

-- Liquid delegation: one per truster and functional scope; a null scope is the global delegation.
create table gov_delegations (
  id bigint primary key default stoa_id(),
  truster_id bigint not null references accounts(id) on delete cascade,
  trustee_id bigint not null references accounts(id) on delete cascade,
  scope_id bigint references gov_scopes(id) on delete cascade,
  created_at timestamptz not null default now(),
  check (truster_id <> trustee_id)
);
create unique index gov_delegations_one on gov_delegations (truster_id, coalesce(scope_id, 0));
create index gov_delegations_trustee on gov_delegations (trustee_id);
