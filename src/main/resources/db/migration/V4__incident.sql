-- Accidents and breaches (provision 11) and their publication (provision 12). Texts are written by staff
-- and must not name people; the process carries only the incident's id.
create table incident (
    id                 bigserial    primary key,
    fiscal_year        integer      not null,
    category           varchar(30)  not null,
    occurred_on        date         not null,
    affected_count     integer      not null default 0 check (affected_count >= 0),
    summary            text         not null,
    raised_by          varchar(64)  not null,
    raised_at          timestamptz  not null default now(),
    report_due         timestamptz  not null,
    written_report     text,
    reported_by        varchar(64),
    reported_at        timestamptz,
    reminders_sent     integer      not null default 0,
    escalated_at       timestamptz,
    instructions       text,
    instructed_by      varchar(64),
    status             varchar(20)  not null default 'RAISED'
                       check (status in ('RAISED', 'ACKNOWLEDGED', 'REPORTED', 'INSTRUCTED', 'CLOSED')),
    published          boolean      not null default false,
    closed_by          varchar(64),
    closed_at          timestamptz
);
