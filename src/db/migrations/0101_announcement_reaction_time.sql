-- Reactions are listed in the order they first appeared, as Mastodon lists them.
alter table announcement_reactions add column created_at timestamptz not null default now();
