-- Quote posts (Mastodon 4.5, FEP-044f). One row per quoting status, holding the state of its
-- authorization: local quoted authors decide at once (accepted, or the post is refused);
-- remote ones answer a QuoteRequest later (pending → accepted | rejected); the quoted author
-- may revoke an accepted quote at any time. `deleted` and per-viewer states (blocked_account,
-- muted_account) are derived when rendering, not stored.
-- (statuses.quote_of_id/quote_state from 0001 are left unused: a state machine with
-- federation URIs needs a row of its own.)
create table quotes (
  id bigint primary key default stoa_id(),
  status_id bigint not null unique references statuses(id) on delete cascade,
  account_id bigint not null references accounts(id) on delete cascade,
  quoted_status_id bigint references statuses(id) on delete set null,
  quoted_account_id bigint references accounts(id) on delete set null,
  state text not null default 'pending'
    check (state in ('pending', 'accepted', 'rejected', 'revoked', 'unauthorized')),
  -- FEP-044f: the QuoteRequest activity we sent, and the QuoteAuthorization stamp we received or issued.
  request_uri text,
  approval_uri text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index quotes_quoted on quotes (quoted_status_id, id desc);
create index quotes_quoted_account on quotes (quoted_account_id) where quoted_account_id is not null;
