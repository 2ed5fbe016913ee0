-- Versions of the terms of service: each takes effect on its date and stays in force until the
-- next one does. Clients read the current one and any past or upcoming version by date.
create table terms_of_service (
  id bigint primary key default stoa_id(),
  effective_date date not null unique,
  text text not null,
  created_at timestamptz not null default now()
);
