-- What a report pointed at, copied when it was filed: moderators still see it if the author
-- edits or deletes the statuses afterwards.
create table report_evidence (
  report_id bigint not null references reports(id) on delete cascade,
  status_id bigint not null,
  text text not null,
  content text not null,
  spoiler_text text not null,
  visibility text not null,
  status_created_at timestamptz not null,
  primary key (report_id, status_id)
);
