-- The effect analysis of a fiscal year: one row per run. The figures are aggregates only (counts, rates,
-- intervals, tests, curves), kept as JSON so that the approved report can be rendered again exactly as
-- approved. No member id and no personal value is stored here. A new run supersedes the year's draft; an
-- approval supersedes the year's earlier approved run, so a year has at most one approved analysis.
create table analysis_run (
    id                 bigserial     primary key,
    fiscal_year        integer       not null,
    -- no foreign key: the analysis outlives the year's target list, which is deleted with the year's data
    selection_run_id   bigint        not null,
    cut_off            date          not null,
    unit_cost_card     numeric(12, 2),
    unit_cost_call     numeric(12, 2),
    status             varchar(20)   not null check (status in ('DRAFT', 'APPROVED', 'SUPERSEDED')),
    figures            text          not null,
    created_by         varchar(64)   not null,
    created_at         timestamptz   not null default now(),
    approved_by        varchar(64),
    approved_at        timestamptz,
    published_at       timestamptz,
    published_files    text,
    constraint analysis_run_costs_together check ((unit_cost_card is null) = (unit_cost_call is null))
);
create index analysis_run_by_year on analysis_run (fiscal_year, id);
create unique index analysis_run_one_approved on analysis_run (fiscal_year) where status = 'APPROVED';
