-- Reports the ward asks of the contractor (provision 8), and the ward's on-site audits with their findings (provision 9).
create table report_request (
    id             bigserial    primary key,
    fiscal_year    integer      not null,
    subject        text         not null,
    requested_by   varchar(64)  not null,
    requested_at   timestamptz  not null default now(),
    due            timestamptz  not null,
    reminders_sent integer      not null default 0,
    escalated_at   timestamptz,
    answer         text,
    answered_by    varchar(64),
    answered_at    timestamptz,
    accepted_by    varchar(64),
    accepted_at    timestamptz
);

create table site_audit (
    id             bigserial    primary key,
    fiscal_year    integer      not null,
    audited_on     date         not null,
    auditor        varchar(64)  not null,
    findings       text         not null,
    follow_up      boolean      not null,
    remedies       text,
    rounds         integer      not null default 0,
    closed_by      varchar(64),
    closed_at      timestamptz
);
