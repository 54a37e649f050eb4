-- Which of a decision's rules decided its verdict (the conclusion chain of its decision), apart from those that shaped
-- the plan: overrides count against the deciding rules. NULL on decisions kept before this was recorded.
ALTER TABLE decision_rule ADD COLUMN decided BOOLEAN;
