-- Stoa core schema: accounts, OAuth, statuses and the social graph.
-- Ids are time-sortable 64-bit integers (milliseconds << 16 | sequence), as Mastodon's,
-- so that max_id/since_id/min_id pagination is an index range scan.

create sequence if not exists stoa_id_seq;

create or replace function stoa_id(at timestamptz default clock_timestamp()) returns bigint
language sql volatile as $$
  select ((extract(epoch from at) * 1000)::bigint << 16) | (nextval('stoa_id_seq') % 65536)
$$;

create table instance_settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

create table accounts (
  id bigint primary key default stoa_id(),
  username text not null,
  domain text,                                   -- null for local accounts
  display_name text not null default '',
  note text not null default '',                 -- source text (local) or sanitized HTML (remote)
  note_html text not null default '',
  fields jsonb not null default '[]',
  locked boolean not null default false,
  bot boolean not null default false,
  discoverable boolean not null default true,
  indexable boolean not null default true,
  hide_collections boolean not null default false,
  avatar_file_key text,                          -- stored file of a local upload or cached remote image
  header_file_key text,
  avatar_remote_url text,
  header_remote_url text,
  uri text,
  url text,
  inbox_url text,
  shared_inbox_url text,
  outbox_url text,
  followers_url text,
  featured_url text,
  public_key_pem text,
  private_key_pem text,
  ed25519_public_jwk jsonb,
  ed25519_private_jwk jsonb,
  also_known_as text[] not null default '{}',
  moved_to_account_id bigint references accounts(id) on delete set null,
  suspended_at timestamptz,
  silenced_at timestamptz,
  sensitized_at timestamptz,
  memorial boolean not null default false,
  statuses_count integer not null default 0,
  followers_count integer not null default 0,
  following_count integer not null default 0,
  last_status_at timestamptz,
  fetched_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index accounts_local_username on accounts (lower(username)) where domain is null;
create unique index accounts_remote_handle on accounts (lower(username), lower(domain)) where domain is not null;
create unique index accounts_uri on accounts (uri) where uri is not null;
create index accounts_search on accounts using gin (to_tsvector('simple', username || ' ' || display_name));

create table users (
  id bigint primary key default stoa_id(),
  account_id bigint not null unique references accounts(id) on delete cascade,
  email text not null,
  password_hash text not null,
  role text not null default 'user' check (role in ('owner', 'admin', 'moderator', 'user')),
  approved boolean not null default true,
  confirmed_at timestamptz,
  disabled boolean not null default false,
  locale text not null default 'en',
  reason text,
  settings jsonb not null default '{}',          -- preferences and wellbeing settings
  created_at timestamptz not null default now(),
  last_sign_in_at timestamptz
);
create unique index users_email on users (lower(email));

create table oauth_apps (
  id bigint primary key default stoa_id(),
  name text not null,
  website text,
  redirect_uris text[] not null,
  scopes text[] not null,
  client_id text not null unique,
  client_secret text not null,
  created_at timestamptz not null default now()
);

create table oauth_codes (
  code_hash text primary key,
  app_id bigint not null references oauth_apps(id) on delete cascade,
  user_id bigint not null references users(id) on delete cascade,
  redirect_uri text not null,
  scopes text[] not null,
  code_challenge text,
  code_challenge_method text,
  expires_at timestamptz not null,
  used_at timestamptz
);

create table oauth_tokens (
  id bigint primary key default stoa_id(),
  token_hash text not null unique,
  refresh_hash text unique,
  app_id bigint references oauth_apps(id) on delete cascade,
  user_id bigint references users(id) on delete cascade,   -- null for client_credentials
  scopes text[] not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz
);
create index oauth_tokens_user on oauth_tokens (user_id);

create table media_attachments (
  id bigint primary key default stoa_id(),
  account_id bigint not null references accounts(id) on delete cascade,
  status_id bigint,
  type text not null default 'unknown' check (type in ('unknown', 'image', 'gifv', 'video', 'audio')),
  state text not null default 'processing' check (state in ('processing', 'ready', 'failed')),
  file_key text,
  thumbnail_key text,
  original_key text,
  content_type text,
  file_size integer,
  remote_url text,
  description text,
  focus_x real not null default 0,
  focus_y real not null default 0,
  blurhash text,
  meta jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index media_status on media_attachments (status_id) where status_id is not null;
create index media_account on media_attachments (account_id, id desc);

create table polls (
  id bigint primary key default stoa_id(),
  status_id bigint,
  account_id bigint not null references accounts(id) on delete cascade,
  options text[] not null,
  votes integer[] not null,
  multiple boolean not null default false,
  hide_totals boolean not null default false,
  expires_at timestamptz,
  votes_count integer not null default 0,
  voters_count integer not null default 0,
  uri text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table poll_votes (
  poll_id bigint not null references polls(id) on delete cascade,
  account_id bigint not null references accounts(id) on delete cascade,
  choice integer not null,
  uri text,
  created_at timestamptz not null default now(),
  primary key (poll_id, account_id, choice)
);

create table conversations (
  id bigint primary key default stoa_id(),
  uri text unique,
  created_at timestamptz not null default now()
);

create table statuses (
  id bigint primary key default stoa_id(),
  account_id bigint not null references accounts(id) on delete cascade,
  uri text,
  url text,
  local boolean not null default true,
  text text not null default '',                  -- source text of local statuses
  content text not null default '',               -- rendered, sanitized HTML
  spoiler_text text not null default '',
  sensitive boolean not null default false,
  visibility text not null default 'public' check (visibility in ('public', 'unlisted', 'private', 'direct')),
  language text,
  in_reply_to_id bigint references statuses(id) on delete set null,
  in_reply_to_account_id bigint references accounts(id) on delete set null,
  in_reply_to_uri text,
  reblog_of_id bigint references statuses(id) on delete cascade,
  quote_of_id bigint references statuses(id) on delete set null,
  quote_state text check (quote_state in ('pending', 'accepted', 'rejected', 'revoked', 'deleted', 'unauthorized')),
  quote_policy text not null default 'public' check (quote_policy in ('public', 'followers', 'nobody')),
  conversation_id bigint references conversations(id) on delete set null,
  poll_id bigint references polls(id) on delete set null,
  application_id bigint references oauth_apps(id) on delete set null,
  replies_count integer not null default 0,
  reblogs_count integer not null default 0,
  favourites_count integer not null default 0,
  quotes_count integer not null default 0,
  edited_at timestamptz,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  search tsvector
);
create unique index statuses_uri on statuses (uri) where uri is not null;
create index statuses_account on statuses (account_id, id desc) where deleted_at is null;
create index statuses_reply on statuses (in_reply_to_id) where in_reply_to_id is not null;
create index statuses_reblog on statuses (reblog_of_id) where reblog_of_id is not null;
create unique index statuses_one_reblog on statuses (account_id, reblog_of_id) where reblog_of_id is not null and deleted_at is null;
create index statuses_public on statuses (id desc) where visibility = 'public' and deleted_at is null and reblog_of_id is null;
create index statuses_conversation on statuses (conversation_id);
create index statuses_search on statuses using gin (search);
alter table polls add constraint polls_status foreign key (status_id) references statuses(id) on delete cascade;
alter table media_attachments add constraint media_status_fk foreign key (status_id) references statuses(id) on delete set null;

create table status_edits (
  id bigint primary key default stoa_id(),
  status_id bigint not null references statuses(id) on delete cascade,
  account_id bigint not null references accounts(id) on delete cascade,
  text text not null,
  content text not null,
  spoiler_text text not null default '',
  sensitive boolean not null default false,
  media_ids bigint[] not null default '{}',
  media_descriptions text[] not null default '{}',
  poll_options text[],
  created_at timestamptz not null default now()
);
create index status_edits_status on status_edits (status_id, id);

create table mentions (
  status_id bigint not null references statuses(id) on delete cascade,
  account_id bigint not null references accounts(id) on delete cascade,
  silent boolean not null default false,
  primary key (status_id, account_id)
);
create index mentions_account on mentions (account_id, status_id desc);

create table tags (
  id bigint primary key default stoa_id(),
  name text not null,                              -- normalized (lower case)
  display_name text not null,
  usable boolean not null default true,
  trendable boolean not null default true,
  created_at timestamptz not null default now()
);
create unique index tags_name on tags (name);

create table status_tags (
  status_id bigint not null references statuses(id) on delete cascade,
  tag_id bigint not null references tags(id) on delete cascade,
  primary key (tag_id, status_id)
);
create index status_tags_status on status_tags (status_id);

create table favourites (
  id bigint primary key default stoa_id(),
  account_id bigint not null references accounts(id) on delete cascade,
  status_id bigint not null references statuses(id) on delete cascade,
  uri text,
  created_at timestamptz not null default now(),
  unique (account_id, status_id)
);
create index favourites_status on favourites (status_id);

create table bookmarks (
  id bigint primary key default stoa_id(),
  account_id bigint not null references accounts(id) on delete cascade,
  status_id bigint not null references statuses(id) on delete cascade,
  created_at timestamptz not null default now(),
  unique (account_id, status_id)
);

create table status_pins (
  id bigint primary key default stoa_id(),
  account_id bigint not null references accounts(id) on delete cascade,
  status_id bigint not null references statuses(id) on delete cascade,
  created_at timestamptz not null default now(),
  unique (account_id, status_id)
);

create table conversation_mutes (
  account_id bigint not null references accounts(id) on delete cascade,
  conversation_id bigint not null references conversations(id) on delete cascade,
  primary key (account_id, conversation_id)
);

create table follows (
  id bigint primary key default stoa_id(),
  account_id bigint not null references accounts(id) on delete cascade,
  target_account_id bigint not null references accounts(id) on delete cascade,
  show_reblogs boolean not null default true,
  notify boolean not null default false,
  languages text[],
  uri text,
  created_at timestamptz not null default now(),
  unique (account_id, target_account_id)
);
create index follows_target on follows (target_account_id, account_id);

create table follow_requests (
  id bigint primary key default stoa_id(),
  account_id bigint not null references accounts(id) on delete cascade,
  target_account_id bigint not null references accounts(id) on delete cascade,
  show_reblogs boolean not null default true,
  notify boolean not null default false,
  languages text[],
  uri text,
  created_at timestamptz not null default now(),
  unique (account_id, target_account_id)
);
create index follow_requests_target on follow_requests (target_account_id, id desc);

create table blocks (
  id bigint primary key default stoa_id(),
  account_id bigint not null references accounts(id) on delete cascade,
  target_account_id bigint not null references accounts(id) on delete cascade,
  uri text,
  created_at timestamptz not null default now(),
  unique (account_id, target_account_id)
);
create index blocks_target on blocks (target_account_id);

create table mutes (
  id bigint primary key default stoa_id(),
  account_id bigint not null references accounts(id) on delete cascade,
  target_account_id bigint not null references accounts(id) on delete cascade,
  hide_notifications boolean not null default true,
  expires_at timestamptz,
  created_at timestamptz not null default now(),
  unique (account_id, target_account_id)
);

create table account_domain_blocks (
  id bigint primary key default stoa_id(),
  account_id bigint not null references accounts(id) on delete cascade,
  domain text not null,
  created_at timestamptz not null default now(),
  unique (account_id, domain)
);

create table account_notes (
  account_id bigint not null references accounts(id) on delete cascade,
  target_account_id bigint not null references accounts(id) on delete cascade,
  comment text not null,
  primary key (account_id, target_account_id)
);

create table endorsements (
  id bigint primary key default stoa_id(),
  account_id bigint not null references accounts(id) on delete cascade,
  target_account_id bigint not null references accounts(id) on delete cascade,
  created_at timestamptz not null default now(),
  unique (account_id, target_account_id)
);

-- Home timelines are materialised (fan-out on write) so reading one is an index range scan.
create table home_feed (
  account_id bigint not null references accounts(id) on delete cascade,
  status_id bigint not null references statuses(id) on delete cascade,
  primary key (account_id, status_id)
);
create index home_feed_status on home_feed (status_id);

create table lists (
  id bigint primary key default stoa_id(),
  account_id bigint not null references accounts(id) on delete cascade,
  title text not null,
  replies_policy text not null default 'list' check (replies_policy in ('followed', 'list', 'none')),
  exclusive boolean not null default false,
  created_at timestamptz not null default now()
);

create table list_accounts (
  list_id bigint not null references lists(id) on delete cascade,
  account_id bigint not null references accounts(id) on delete cascade,
  primary key (list_id, account_id)
);
create index list_accounts_account on list_accounts (account_id);

create table followed_tags (
  account_id bigint not null references accounts(id) on delete cascade,
  tag_id bigint not null references tags(id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (account_id, tag_id)
);

create table filters (
  id bigint primary key default stoa_id(),
  account_id bigint not null references accounts(id) on delete cascade,
  title text not null,
  context text[] not null,
  action text not null default 'warn' check (action in ('warn', 'hide', 'blur')),
  expires_at timestamptz,
  created_at timestamptz not null default now()
);

create table filter_keywords (
  id bigint primary key default stoa_id(),
  filter_id bigint not null references filters(id) on delete cascade,
  keyword text not null,
  whole_word boolean not null default true
);

create table filter_statuses (
  id bigint primary key default stoa_id(),
  filter_id bigint not null references filters(id) on delete cascade,
  status_id bigint not null references statuses(id) on delete cascade
);

create table account_conversations (
  id bigint primary key default stoa_id(),
  account_id bigint not null references accounts(id) on delete cascade,
  conversation_id bigint not null references conversations(id) on delete cascade,
  participant_ids bigint[] not null,
  last_status_id bigint references statuses(id) on delete set null,
  unread boolean not null default true,
  updated_at timestamptz not null default now(),
  unique (account_id, conversation_id)
);

create table notifications (
  id bigint primary key default stoa_id(),
  account_id bigint not null references accounts(id) on delete cascade,
  from_account_id bigint not null references accounts(id) on delete cascade,
  type text not null,
  status_id bigint references statuses(id) on delete cascade,
  group_key text not null,
  filtered boolean not null default false,
  created_at timestamptz not null default now()
);
create index notifications_account on notifications (account_id, id desc);

create table notification_policies (
  account_id bigint primary key references accounts(id) on delete cascade,
  for_not_following text not null default 'accept',
  for_not_followers text not null default 'accept',
  for_new_accounts text not null default 'accept',
  for_private_mentions text not null default 'filter',
  for_limited_accounts text not null default 'filter'
);

create table markers (
  account_id bigint not null references accounts(id) on delete cascade,
  timeline text not null check (timeline in ('home', 'notifications')),
  last_read_id bigint not null,
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  primary key (account_id, timeline)
);

create table scheduled_statuses (
  id bigint primary key default stoa_id(),
  account_id bigint not null references accounts(id) on delete cascade,
  scheduled_at timestamptz not null,
  params jsonb not null,
  media_ids bigint[] not null default '{}',
  application_id bigint references oauth_apps(id) on delete set null,
  created_at timestamptz not null default now()
);

create table idempotency_keys (
  account_id bigint not null references accounts(id) on delete cascade,
  key text not null,
  status_id bigint references statuses(id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (account_id, key)
);

create table reports (
  id bigint primary key default stoa_id(),
  account_id bigint not null references accounts(id) on delete cascade,
  target_account_id bigint not null references accounts(id) on delete cascade,
  status_ids bigint[] not null default '{}',
  rule_ids bigint[] not null default '{}',
  category text not null default 'other',
  comment text not null default '',
  forward boolean not null default false,
  action_taken_at timestamptz,
  uri text,
  created_at timestamptz not null default now()
);

create table rules (
  id bigint primary key default stoa_id(),
  text text not null,
  hint text not null default '',
  position integer not null default 0,
  created_at timestamptz not null default now(),
  deleted_at timestamptz
);

create table custom_emojis (
  id bigint primary key default stoa_id(),
  shortcode text not null,
  domain text,
  image_url text not null,
  static_url text not null,
  visible_in_picker boolean not null default true,
  category text,
  created_at timestamptz not null default now()
);
create unique index custom_emojis_code on custom_emojis (shortcode, coalesce(domain, ''));

create table announcements (
  id bigint primary key default stoa_id(),
  text text not null,
  content text not null,
  starts_at timestamptz,
  ends_at timestamptz,
  all_day boolean not null default false,
  published boolean not null default true,
  published_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table announcement_reads (
  announcement_id bigint not null references announcements(id) on delete cascade,
  account_id bigint not null references accounts(id) on delete cascade,
  primary key (announcement_id, account_id)
);

create table announcement_reactions (
  announcement_id bigint not null references announcements(id) on delete cascade,
  account_id bigint not null references accounts(id) on delete cascade,
  name text not null,
  primary key (announcement_id, account_id, name)
);

create table domain_blocks (
  id bigint primary key default stoa_id(),
  domain text not null unique,
  severity text not null check (severity in ('silence', 'suspend', 'noop')),
  reject_media boolean not null default false,
  reject_reports boolean not null default false,
  private_comment text,
  public_comment text,
  obfuscate boolean not null default false,
  created_at timestamptz not null default now()
);

-- Durable job queue (transactional outbox): jobs are written in the same transaction as the
-- change that causes them, and claimed with FOR UPDATE SKIP LOCKED by any worker process.
create table jobs (
  id bigserial primary key,
  kind text not null,
  payload jsonb not null,
  run_at timestamptz not null default now(),
  attempts integer not null default 0,
  max_attempts integer not null default 12,
  locked_until timestamptz,
  last_error text,
  failed_at timestamptz,
  created_at timestamptz not null default now()
);
create index jobs_ready on jobs (run_at) where failed_at is null;

-- Key/value store with expiry (Fedify's KvStore, caches shared between processes).
create table kv (
  key text primary key,
  value jsonb not null,
  expires_at timestamptz
);
