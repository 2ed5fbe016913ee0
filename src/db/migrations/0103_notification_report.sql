-- admin.report notifications carry the report they are about (Mastodon's Notification.report).
alter table notifications add column report_id bigint references reports(id) on delete cascade;
