-- Phone outreach: one call case per NOTICE_AND_CALL target with a usable phone number. The case id is the
-- phone-outreach instance's business key; it carries no personal data.
create table call_case (
    id                   varchar(20)  primary key,
    fiscal_year          integer      not null,
    member_id            bigint       not null references member (id),
    state                varchar(30)  not null default 'OPEN' check (state in ('OPEN', 'REACHED', 'DECLINED',
                            'HAD_CHECKUP_ELSEWHERE', 'UNREACHABLE', 'WRONG_NUMBER', 'OPTED_OUT', 'ATTENDED')),
    attempts             integer      not null default 0,
    process_instance_id  varchar(64),
    opened_at            timestamptz  not null default now(),
    closed_at            timestamptz,
    constraint call_case_once_per_person unique (fiscal_year, member_id)
);
create index call_case_to_start on call_case (fiscal_year, id) where process_instance_id is null;

-- One row per call made. A task is recorded once (task_id unique): two operators completing the same
-- task cannot both record it. The note is sealed under the year's key through the door.
create table call_attempt (
    case_id      varchar(20)  not null references call_case (id),
    attempt_no   integer      not null,
    task_id      varchar(64)  not null unique,
    outcome      varchar(30)  not null,
    time_band    varchar(20)  not null,
    operator     varchar(64)  not null,
    called_at    timestamptz  not null default now(),
    callback_at  timestamptz,
    note         bytea,
    primary key (case_id, attempt_no)
);
create index call_attempt_by_day on call_attempt (called_at);

-- People who asked not to be contacted again this cycle (from the inquiry desk or during a call).
create table contact_opt_out (
    fiscal_year  integer      not null,
    member_id    bigint       not null references member (id),
    source       varchar(10)  not null check (source in ('INQUIRY', 'CALL')),
    source_ref   varchar(20)  not null,
    recorded_by  varchar(64)  not null,
    recorded_at  timestamptz  not null default now(),
    primary key (fiscal_year, member_id)
);

-- The inquiry desk: one row per inbound call. The caller is linked once found through the door; what
-- was said is sealed under the year's key.
create table inquiry (
    id                   varchar(20)  primary key,
    fiscal_year          integer      not null,
    member_id            bigint       references member (id),
    category             varchar(30)  check (category in ('HOW_TO_TAKE', 'CLINICS', 'COST', 'ALREADY_TAKEN',
                            'ADDRESS_CHANGE', 'STOP_CONTACT', 'COMPLAINT', 'PRIVACY', 'OTHER')),
    escalated            boolean      not null default false,
    escalation_due       date,
    state                varchar(20)  not null default 'OPEN' check (state in ('OPEN', 'ANSWERED', 'CLOSED')),
    received_by          varchar(64)  not null,
    received_at          timestamptz  not null default now(),
    answered_by          varchar(64),
    answered_at          timestamptz,
    closed_at            timestamptz,
    note                 bytea,
    process_instance_id  varchar(64)
);
create index inquiry_by_year on inquiry (fiscal_year, received_at);

create sequence call_case_seq;
create sequence inquiry_seq;
