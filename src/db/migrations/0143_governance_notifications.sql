-- What a `governance` notification is about. Mastodon clients see type `governance` with the
-- proposal's thread as its status; the Stoa API adds the event and the proposal from here.
create table gov_notification_events (
  notification_id bigint primary key references notifications(id) on delete cascade,
  event text not null check (event in ('proposal', 'vote_opened', 'vote_closed', 'delegate_voted')),
  proposal_id bigint not null references gov_proposals(id) on delete cascade
);
