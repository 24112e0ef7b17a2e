-- The engine execution (the batch's job) that rendered a batch's files: a retry of the same job (after an
-- optimistic-locking conflict rolled it back, or on another node after the first node stopped) finds its
-- batch rendered, its files as recorded, and writes nothing again. A new round (proof rejected) has new executions.
alter table mailing_batch add column rendered_by varchar(64);
