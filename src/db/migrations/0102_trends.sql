-- Trends as last computed by the refresh job: requests read this table and never compute.
create table trends (
  kind text not null check (kind in ('tag', 'status', 'link')),
  rank integer not null,
  key text not null,                          -- tag id, status id, or URL
  score double precision not null,
  history jsonb not null default '[]',        -- per day, newest first: uses and distinct accounts
  primary key (kind, rank)
);
