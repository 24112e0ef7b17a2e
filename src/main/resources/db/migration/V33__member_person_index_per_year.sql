-- A 整理番号 is unique within its fiscal year. That was one unique constraint on (fiscal_year, person_index) over
-- every year. Its keys are keyed HMACs, random by design, so each of a year's rows went into a random place of
-- that index: on 1,100,000 members this one index was 5.5-8 s of a 9-11.5 s COPY into member (the table with its
-- primary key alone: 3.6 s).
--
-- Now each year has its own unique index, partial on the year (member_person_<year>). The first extract of a year
-- is copied into member without one and its index is built afterwards, in the same transaction, with one sort
-- (MembersImportService). That build plus the COPY took 5.9 s where the COPY into the old index took 9-11.5 s.
-- Queries that look a person up by person_index name the year as a literal, so that the planner can use the
-- year's partial index. The rows of a year alone are read by a scan of the table (the selection, the counts and
-- the deletion read most of a year's rows anyway). No index on fiscal_year alone: kept up row by row, an index
-- whose key is the same for a whole year added 1.2-2.4 s to a 3.6 s COPY of 1,100,000 members.
do $$
declare
    years integer[] := array(select distinct fiscal_year from member order by 1); -- read whole first: no index is
    y integer;                                                                    -- built while a query reads member
begin
    foreach y in array coalesce(years, '{}') loop
        execute format('create unique index %I on member (person_index) where fiscal_year = %s', 'member_person_' || y, y);
    end loop;
end $$;
alter table member drop constraint member_person_per_year;
