-- Notification requests: filtered notifications, gathered per sender, that the recipient may
-- accept (the sender is then let through for good) or dismiss (Mastodon 4.3's notification policy).
create table notification_requests (
  id bigint primary key default stoa_id(),
  account_id bigint not null references accounts(id) on delete cascade,
  from_account_id bigint not null references accounts(id) on delete cascade,
  last_status_id bigint references statuses(id) on delete set null,
  notifications_count integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (account_id, from_account_id)
);
create index notification_requests_account on notification_requests (account_id, id desc);

-- Senders a recipient accepted: their notifications are never filtered again.
create table notification_permissions (
  account_id bigint not null references accounts(id) on delete cascade,
  from_account_id bigint not null references accounts(id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (account_id, from_account_id)
);

-- Grouped notifications look up a recipient's groups by key.
create index notifications_group on notifications (account_id, group_key, id desc);
create index notifications_filtered on notifications (account_id, from_account_id) where filtered;
