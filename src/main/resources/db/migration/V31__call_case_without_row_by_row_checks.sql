-- The same step as V29, one table down: a year's deletion deletes its call cases with one statement, and the two
-- foreign keys that reference call_case made PostgreSQL check every deleted case against call_attempt and call_queue,
-- row by row (a trigger and a FOR KEY SHARE look-up per key and case). Measured in the full-cycle benchmark at
-- 1,100,000 members: calling's rows took 6.0-6.9 s of the deletion for 247,273 cases, almost all of it these checks.
-- They go. What keeps a case and its rows together instead:
--  * calling alone writes the three tables: an attempt is recorded only for a case just read by its id and found
--    open (CallCaseService.recordAttempt), and a call is queued by a statement that takes its case id and year from
--    the call_case row itself (CallQueue.offer: insert ... select ... from call_case where id = ?);
--  * the year's deletion deletes call_queue, then call_attempt, then call_case of the year in one transaction
--    (CallingYearData), after the year is closed, so nothing writes to it meanwhile;
--  * call_attempt's primary key (case_id, attempt_no) and call_queue_case keep the look-up by case.
alter table call_attempt drop constraint call_attempt_case_id_fkey;
alter table call_queue drop constraint call_queue_case_id_fkey;
