-- A year's deletion deletes its members with one statement, and each foreign key that references member made
-- PostgreSQL check every deleted member row against the referencing table, row by row (a trigger and a
-- FOR KEY SHARE look-up per key and member). Measured on 75,000 members with the three keys below: 2.4-2.7 s for the
-- delete; without them: 37-45 ms. These checks were almost all of the year's row deletion.
-- They go, as checkup_result's did (V27). What keeps the rows of a year together instead:
--  * every table here has fiscal_year, and the year's deletion deletes each of them by fiscal_year (calling and
--    inquiry before members: YearData.order) in the one transaction that deletes the members;
--  * the deletion first closes the year (hand-over shut, designations ended), so no operator or contractor writes
--    to it afterwards; the rows hold ids and states only, and anything personal in them is sealed under the year's
--    key, which the deletion destroys;
--  * call_case.member_id, contact_opt_out.member_id and inquiry.member_id keep their indexes (V19).
alter table call_case drop constraint call_case_member_id_fkey;
alter table contact_opt_out drop constraint contact_opt_out_member_id_fkey;
alter table inquiry drop constraint inquiry_member_id_fkey;
