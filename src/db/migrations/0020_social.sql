-- Social graph additions: featured hashtags, dismissed follow suggestions, and the indexes
-- that the relationship lists page through (by row id, newest first).

create table featured_tags (
  id bigint primary key default stoa_id(),
  account_id bigint not null references accounts(id) on delete cascade,
  tag_id bigint not null references tags(id) on delete cascade,
  created_at timestamptz not null default now(),
  unique (account_id, tag_id)
);

create table suggestion_dismissals (
  account_id bigint not null references accounts(id) on delete cascade,
  target_account_id bigint not null references accounts(id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (account_id, target_account_id)
);

create index follows_account_page on follows (account_id, id desc);
create index follows_target_page on follows (target_account_id, id desc);
create index follow_requests_account on follow_requests (account_id, id desc);
create index blocks_account_page on blocks (account_id, id desc);
create index mutes_account_page on mutes (account_id, id desc);
create index mutes_target on mutes (target_account_id);
create index endorsements_account_page on endorsements (account_id, id desc);
create index account_domain_blocks_page on account_domain_blocks (account_id, id desc);
