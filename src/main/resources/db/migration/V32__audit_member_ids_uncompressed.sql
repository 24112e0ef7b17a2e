-- A record of a whole year's read (the deletion's scan, a holdout draw) names its members 100,000 to a record. Such a
-- member_ids array is 800 kB and was compressed by PostgreSQL's pglz on insert: 1.6 s for the 11 records of a ward of
-- 1,100,000 members, on the deletion's longest path; stored out of line without compression, 0.4 s (measured by
-- ValuesBenchmark with -Dbench.arrays=true). The embedded server has no lz4. Records of a few members stay in the row, as
-- before: only values over about 2 kB go out of line. No row is rewritten by this statement.
alter table audit_log alter column member_ids set storage external;
