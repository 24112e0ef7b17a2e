-- The year's calls end at the results cut-off: every case still open then is ended as a recorded fact, with the
-- state ENDED_AT_CUT_OFF (結果の締切日で架電終了), by the annual cycle's step after the cut-off.
alter table call_case drop constraint call_case_state_check;
alter table call_case add constraint call_case_state_check check (state in ('OPEN', 'REACHED', 'DECLINED',
    'HAD_CHECKUP_ELSEWHERE', 'UNREACHABLE', 'WRONG_NUMBER', 'OPTED_OUT', 'ATTENDED', 'ENDED_AT_CUT_OFF'));

-- The cases still open of a year, in id order: the cut-off takes them batch by batch.
create index call_case_open on call_case (fiscal_year, id) where state = 'OPEN';
