-- The register of the fiscal years' data keys. The keys themselves live outside the database, wrapped by
-- the master key, in the key store directory: a dump or backup of the database holds no key, so
-- destroying a year's key file makes that year's data in every copy unreadable.
create table fiscal_year_key (
    fiscal_year      integer primary key,
    key_fingerprint  char(64)    not null,
    created_at       timestamptz not null default now(),
    destroyed_at     timestamptz,
    destroyed_by     varchar(64)
);

-- One row per file import (members or checkup results), kept whether the file was taken or refused.
create table import_run (
    id                 bigserial primary key,
    kind               varchar(20)  not null check (kind in ('MEMBERS', 'RESULTS')),
    fiscal_year        integer      not null,
    file_name          varchar(255),
    encoding           varchar(20),
    sha256             char(64),
    accept_rejections  boolean      not null,
    status             varchar(20)  not null check (status in ('RUNNING', 'COMMITTED', 'REFUSED', 'FAILED')),
    refusal_reason     text,
    rows_read          integer      not null default 0,
    rows_accepted      integer      not null default 0,
    rows_rejected      integer      not null default 0,
    inserted           integer      not null default 0,
    updated            integer      not null default 0,
    unusable_phones    integer      not null default 0,
    notices            integer      not null default 0,
    dropped_columns    text         not null default '',
    ignored_columns    text         not null default '',
    started_at         timestamptz  not null default now(),
    finished_at        timestamptz
);

-- Rejected rows and notices of an import: line, column and reason, never the value itself.
create table import_issue (
    import_id    bigint       not null references import_run (id),
    line         integer      not null,
    column_name  varchar(40),
    severity     varchar(10)  not null check (severity in ('REJECTED', 'NOTICE')),
    reason       text         not null
);
create index import_issue_by_import on import_issue (import_id, line);

-- The insured people of one fiscal year's cycle. Personal fields are sealed in "personal"
-- (AES-GCM under the year's key); the clear columns are what selection needs and carry no name,
-- address, phone number, birth date or insurance number.
create table member (
    id               bigserial    primary key,
    fiscal_year      integer      not null,
    person_no        varchar(15)  not null,
    sex              smallint     not null check (sex in (1, 2)),
    age_at_fy_end    smallint     not null,
    qualified_from   date         not null,
    qualified_until  date,
    special_address  boolean      not null,
    away_code        smallint     not null check (away_code in (0, 1, 2)),
    phone_usable     boolean      not null,
    has_ticket       boolean      not null,
    ticket_index     bytea,
    personal         bytea        not null,
    -- no foreign key: checked row by row it triples a million-row import; import_run rows are never deleted
    import_id        bigint       not null,
    source_line      integer      not null,   -- the line of that import's file the row came from
    -- deferrable: a first extract is copied straight in and its duplicate lines are removed before commit
    constraint member_person_per_year unique (fiscal_year, person_no) deferrable initially immediate
);
-- No index on ticket_index: kept up row by row, its random keys more than double a large import. A results
-- import that matches by ticket number builds a lookup of the year's tickets for itself.

-- Checkup attendance and results, belonging to a cycle (the year whose members they match).
create table checkup_result (
    id              bigserial    primary key,
    cycle_year      integer      not null,
    member_id       bigint       not null references member (id),
    result_year     integer      not null,
    exam_date       date         not null,
    institution_no  varchar(10),
    items           bytea,
    source          varchar(10)  not null check (source in ('CSV', 'XML')),
    import_id       bigint       not null references import_run (id),
    constraint checkup_result_once_per_year unique (member_id, result_year)
);
create index checkup_result_by_cycle on checkup_result (cycle_year, result_year);

-- Target selection runs of a fiscal year; at most one is frozen.
create table selection_run (
    id                  bigserial     primary key,
    fiscal_year         integer       not null,
    reference_date      date          not null,
    members_import_id   bigint        references import_run (id),
    results_import_id   bigint        references import_run (id),
    holdout_share       numeric(6, 4) not null,
    holdout_seed        bigint        not null,
    decision_id         varchar(100)  not null,
    status              varchar(20)   not null check (status in ('DRAFT', 'FROZEN', 'SUPERSEDED')),
    process_instance_id varchar(64),
    created_at          timestamptz   not null default now(),
    frozen_at           timestamptz,
    frozen_by           varchar(100)
);
create unique index selection_run_one_frozen on selection_run (fiscal_year) where status = 'FROZEN';

-- One row per member and run, written by one INSERT ... SELECT from member (so no row-by-row foreign key checks).
create table selection_entry (
    run_id            bigint       not null,
    member_id         bigint       not null,
    eligible          boolean      not null,
    exclusion_reason  varchar(40),
    target_group      varchar(20)  check (target_group in ('NOTICE_ONLY', 'NOTICE_AND_CALL')),
    holdout           boolean      not null default false,
    sex               smallint     not null,
    age               smallint     not null,
    age_band          varchar(10),
    primary key (run_id, member_id)
);
