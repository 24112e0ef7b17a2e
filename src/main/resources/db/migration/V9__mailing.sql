-- The mailing of a fiscal year: every target of the frozen list gets a mailing id (printed on the card,
-- not the ward's person number), its place in postal-code order and its batch.
create table mailing_item (
    fiscal_year   integer      not null,
    member_id     bigint       not null,
    mailing_id    varchar(20)  not null unique,
    seq           integer      not null,
    batch_no      integer      not null,
    variant       varchar(40)  not null,
    returned_at   timestamptz,
    returned_by   varchar(64),
    primary key (fiscal_year, member_id),
    constraint mailing_item_seq unique (fiscal_year, seq)
);

create table mailing_batch (
    fiscal_year   integer      not null,
    batch_no      integer      not null,
    cards         integer      not null,
    status        varchar(20)  not null default 'PENDING' check (status in ('PENDING', 'RENDERED')),
    pdf_sha256    char(64),
    csv_sha256    char(64),
    rendered_at   timestamptz,
    primary key (fiscal_year, batch_no)
);

create table mailing_dispatch (
    fiscal_year    integer      primary key,
    dispatched_on  date         not null,
    recorded_by    varchar(64)  not null,
    recorded_at    timestamptz  not null default now()
);
