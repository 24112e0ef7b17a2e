-- The texts of the notice postcard, per fiscal year and message variant; staff change them per cycle.
create table card_template (
    fiscal_year        integer      not null,
    variant            varchar(40)  not null,
    cover_heading      text         not null,
    greeting           text         not null,
    checkup_period     text         not null,
    how_to_book        text         not null,
    booking_url        text         not null,
    why_it_matters     text         not null,
    inquiry_desk       text         not null,
    privacy_note       text         not null,
    sender             text         not null,
    updated_by         varchar(64),
    updated_at         timestamptz  not null default now(),
    primary key (fiscal_year, variant)
);
