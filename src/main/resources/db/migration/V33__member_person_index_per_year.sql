-- A 整理番号 is unique within its fiscal year. That was one unique constraint on (fiscal_year, person_index) over
-- every year. Its keys are keyed HMACs, random by design, so each of a year's rows went into a random place of
-- that index: on 1,100,000 members this one index was 5.5-8 s of a 9-11.5 s COPY into member (the table with its
-- primary key alone: 3.6 s).
--
-- Now each year has its own unique index, partial on the year (member_person_<year>). The first extract of a year
-- is copied into member without one and its index is built afterwards, in the same transaction, with one sort
-- (MembersImportService). That build plus the COPY took 5.9 s where the COPY into the old index took 9-11.5 s.
-- Queries that look a person up by person_index name the year as a literal, so that the planner can use the
-- year's partial index. member_by_year keeps the year's rows found by year alone, as the old constraint's first
-- column did; its key is the same for a whole year, so each row of an import is appended at its end.
do $$
declare
    y integer;
begin
    for y in select distinct fiscal_year from member order by 1 loop
        execute format('create unique index %I on member (person_index) where fiscal_year = %s', 'member_person_' || y, y);
    end loop;
end $$;
alter table member drop constraint member_person_per_year;
create index member_by_year on member (fiscal_year);
