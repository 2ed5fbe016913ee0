-- The decision type of a proposal (a body power such as rules, budget, moderation). An indirect
-- vote needs a body that holds this power over the proposal's scope.
alter table gov_proposals add column decision_type text;
