-- Next year's call priority (issue 16): one row per proposal made from an approved effect analysis. A plan made
-- from fiscal year N's analysis steers the selection of fiscal year N + 1. Aggregates only: the strata (sex x 5-year
-- age band) with their counts of people (10 or more; smaller strata are suppressed), shrunken estimates and
-- intervals, and the DMN table generated from them. No member id, no personal value, no free text typed by staff
-- (the reason of a send-back stays in the engine). Kept when the year's data are deleted: it is what the next
-- year reads.
create table call_plan (
    id                       bigserial     primary key,
    fiscal_year              integer       not null,
    -- no foreign key needed to survive, but the analysis run is kept too
    analysis_run_id          bigint        not null references analysis_run (id),
    status                   varchar(20)   not null check (status in ('PROPOSED', 'APPROVED', 'SENT_BACK', 'SUPERSEDED')),
    call_budget              bigint        not null check (call_budget >= 0),
    holdout_share            numeric(6, 4) not null check (holdout_share >= 0 and holdout_share <= 0.5),
    figures                  text          not null,
    dmn_xml                  text          not null,
    decision_definition_id   varchar(64),
    created_by               varchar(64)   not null,
    created_at               timestamptz   not null default now(),
    approved_by              varchar(64),
    approved_at              timestamptz
);
create index call_plan_by_year on call_plan (fiscal_year, id);
create unique index call_plan_one_approved on call_plan (fiscal_year) where status = 'APPROVED';

-- The selection records the call priority it applied, and who of the phone owners the plan left without calls.
alter table selection_run add column call_plan_decision_id varchar(64);
alter table selection_entry add column not_called_by_plan boolean not null default false;
