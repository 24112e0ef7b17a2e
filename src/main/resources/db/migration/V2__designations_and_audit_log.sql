-- The contract of a fiscal year as far as the door to personal data needs it (the contract process comes later).
create table contract_year (
    fiscal_year       integer      primary key,
    contractor        varchar(200),
    handover_allowed  boolean      not null default false,
    updated_by        varchar(64),
    updated_at        timestamptz  not null default now()
);

-- Who of the contractor may handle personal data, for which purposes, when, and since which training.
create table designation (
    id           bigserial    primary key,
    fiscal_year  integer      not null,
    user_id      varchar(64)  not null,
    role         varchar(20)  not null check (role in ('PERSON_IN_CHARGE', 'HANDLER')),
    purposes     varchar(20)[] not null,
    valid_from   date         not null,
    valid_to     date         not null,
    trained_on   date,
    created_by   varchar(64),
    created_at   timestamptz  not null default now(),
    constraint designation_once_per_year unique (fiscal_year, user_id),
    constraint designation_period check (valid_to >= valid_from)
);

-- Every access to personal data, allowed or refused: append-only and hash-chained.
create table audit_log (
    seq                  bigserial    primary key,
    at                   timestamptz  not null,
    user_id              varchar(64)  not null,
    user_groups          text         not null,
    action               varchar(20)  not null,
    purpose              varchar(20),
    fiscal_year          integer,
    member_ids           bigint[]     not null,
    fields               text         not null,
    task_id              varchar(64),
    process_instance_id  varchar(64),
    outcome              varchar(10)  not null check (outcome in ('ALLOWED', 'REFUSED')),
    detail               text,
    export_count         integer,
    export_sha256        char(64),
    prev_hash            char(64)     not null,
    hash                 char(64)     not null
);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % refused', tg_op;
end;
$$;
create trigger audit_log_no_update_or_delete before update or delete on audit_log
    for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_is_append_only();
