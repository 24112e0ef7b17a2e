-- Checkup results are loaded in bulk, like members: their foreign keys were checked row by row (a trigger and a
-- FOR KEY SHARE lock on the member's and on the import's row for every result), which made the store step of a
-- results import several times the cost of the rows themselves. They go, as member.import_id has none:
--  * import_id: import_run rows are never deleted;
--  * member_id: a result is stored only for a member the same import matched in the same transaction, and a year's
--    members are deleted only by the year's deletion, which deletes the results first while holding the year's
--    results lock (ResultsYearData), the lock every results import of that year holds to its commit: an import
--    either commits before the deletion's delete (whose rows it then deletes) or waits and finds no members.
alter table checkup_result drop constraint checkup_result_member_id_fkey;
alter table checkup_result drop constraint checkup_result_import_id_fkey;
