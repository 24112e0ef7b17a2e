-- Provision 7: what was held of a fiscal year, how and when it was destroyed, and the proof.
-- The deliverables the ward confirmed before the deletion started.
create table deletion_request (
    fiscal_year   integer      primary key,
    deliverables  text         not null,
    confirmed_by  varchar(64)  not null,
    confirmed_at  timestamptz  not null default now()
);

create table deletion_certificate (
    fiscal_year        integer      primary key,
    deliverables       text         not null default '',   -- what the ward received, as confirmed before deletion
    deliverables_by    varchar(64),
    counts             text         not null,   -- what the database held before deletion, as "name=count" lines
    not_purged         text         not null default '',
    key_destroyed_at   timestamptz  not null,
    scan_values        integer      not null,
    scan_columns       integer      not null,
    audit_chain_head   char(64)     not null,
    issued_by          varchar(64)  not null,
    issued_at          timestamptz  not null default now(),
    pdf                bytea,
    verified_by        varchar(64),
    verified_at        timestamptz
);
