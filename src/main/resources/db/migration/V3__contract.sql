-- The contract of a fiscal year under its 13 special provisions (特記事項), registered by the ward,
-- with the contractor's attestation of its protection measures and the ward's review.
create table contract (
    fiscal_year              integer      primary key,
    contract_number          varchar(50)  not null,
    contractor_name          varchar(200) not null,
    contractor_group         varchar(64)  not null,   -- the Camunda group of the contractor's organisation
    period_from              date         not null,
    period_to                date         not null,
    provisions_acknowledged  smallint[]   not null,
    registered_by            varchar(64)  not null,
    registered_at            timestamptz  not null default now(),
    locked_storage           boolean,
    entry_control            boolean,
    media_restriction        boolean,
    per_person_file_access   boolean,
    attested_by              varchar(64),
    attested_at              timestamptz,
    status                   varchar(20)  not null default 'REGISTERED'
                             check (status in ('REGISTERED', 'IN_REVIEW', 'SENT_BACK', 'APPROVED')),
    review_comment           text,
    approved_by              varchar(64),
    approved_at              timestamptz,
    constraint contract_period check (period_to >= period_from)
);
