-- Provision 5: an export of personal data other than the approved print data needs the ward's approval first.
create table export_approval (
    id             bigserial    primary key,
    fiscal_year    integer      not null,
    purpose        varchar(20)  not null,
    member_count   integer      not null check (member_count > 0),
    reason         text         not null,
    requested_by   varchar(64)  not null,
    requested_at   timestamptz  not null default now(),
    status         varchar(20)  not null default 'REQUESTED' check (status in ('REQUESTED', 'APPROVED', 'REFUSED', 'USED')),
    decided_by     varchar(64),
    decided_at     timestamptz,
    used_at        timestamptz
);
