-- Provision 7: the state of a fiscal year's deletion, one row per year. The deletion runs in steps that each
-- commit (access ended and the engine's history purged, scan, rows deleted, key destroyed); a rerun after a
-- crash reads the step reached here and goes on from it. Ids, counts and column names only: never a value.
create table deletion_run (
    fiscal_year        integer      primary key,
    step               varchar(20)  not null check (step in ('STARTED', 'CLOSED', 'SCANNED', 'ROWS_DELETED', 'DONE')),
    counts             text         not null default '',   -- what was held before the deletion, "name=count" lines
    not_purged         text         not null default '',   -- engine instances kept, with the reason
    scan_values        integer      not null default 0,
    tables_total       integer      not null default 0,
    tables_done        integer      not null default 0,
    columns_scanned    integer      not null default 0,
    rows_scanned       bigint       not null default 0,
    finding            text,                                 -- "table.column" where a value of the year was found
    started_at         timestamptz  not null default now(),
    updated_at         timestamptz  not null default now()
);

-- Deleting a year's members checks every row that references them: without an index on the referencing column
-- each of those checks reads the whole table (quadratic in the year's size).
create index call_case_by_member on call_case (member_id);
create index contact_opt_out_by_member on contact_opt_out (member_id);
create index inquiry_by_member on inquiry (member_id);
