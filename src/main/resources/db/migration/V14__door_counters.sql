-- The door's counters (issue 11). Counts and ids only, nothing personal.
-- Persons read through the door per user and window (the hour and the day, by the door's zone) for the read budget;
-- refused counts the reads refused past it, alerted_at when the ward was alerted (once per user and window).
create table door_read_budget (
    user_id       varchar(64)  not null,
    window_kind   varchar(4)   not null check (window_kind in ('HOUR', 'DAY')),
    window_start  timestamptz  not null,
    persons       integer      not null default 0 check (persons >= 0),
    refused       integer      not null default 0,
    alerted_at    timestamptz,
    primary key (user_id, window_kind, window_start)
);

-- Lookups of callers within one inquiry at the desk, capped per inquiry, and the member ids the latest lookup
-- found (the only persons a contractor user may then choose as the caller).
create table door_inquiry_lookup (
    inquiry_id  varchar(64)  primary key,
    lookups     integer      not null default 0,
    last_found  bigint[]     not null default '{}'
);
