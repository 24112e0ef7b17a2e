-- A checkup result is one person's result of one year: (member_id, result_year) already identified it, and nothing
-- reads the surrogate id. Storing a results import paid for that id and for an index that queries do not need:
--  * id: a nextval() for every row, and a third index (checkup_result_pkey) to keep;
--  * checkup_result_by_cycle: every row of one import has the same (cycle_year, result_year), so each insert went to
--    the end of one long run of equal keys. The readers of a cycle's results find them through its members (the
--    analysis, the call cases, the mailing, the dashboard go by member_id); only counting a year and deleting it go
--    by cycle_year, and a scan of the table serves those once a year.
-- At 262,328 results into a table of 13,059 (EXPLAIN ANALYZE, 2026-12-01), the insert took 2.95 s with the three
-- indexes, 1.91 s without checkup_result_by_cycle, and 1.33 s with the primary key on (member_id, result_year) alone.
alter table checkup_result drop constraint checkup_result_pkey;
alter table checkup_result drop column id;
drop index checkup_result_by_cycle;
alter table checkup_result drop constraint checkup_result_once_per_year;
alter table checkup_result add constraint checkup_result_pkey primary key (member_id, result_year);
