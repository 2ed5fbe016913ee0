-- An amendment the authors put to a vote: decided by the result of its own proposal.
alter table gov_amendments add column vote_proposal_id bigint references gov_proposals(id) on delete set null;
create unique index gov_amendments_vote on gov_amendments (vote_proposal_id) where vote_proposal_id is not null;
