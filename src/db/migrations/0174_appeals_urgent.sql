-- Appeals and urgent actions are cases whose sanction is already in force: an upheld verdict
-- keeps it, a rejected one (or no confirmation by the deadline) reverts it.
alter table moderation_cases
  add column appeal_of bigint unique references moderation_cases(id) on delete cascade,
  add column sanction_in_force boolean not null default false;

-- Appeals concern an account that may have another open case: only plain cases are grouped.
drop index moderation_cases_open_target;
create unique index moderation_cases_open_target on moderation_cases (target_account_id)
  where status = 'open' and appeal_of is null and not sanction_in_force;
