-- Issue 13 (calls at a ward's size): the case a phone-outreach instance works on is looked up by its process
-- instance on every call task created (the call queue's listener), every call form opened and every case closed
-- (CallCaseService.findByProcess). Without an index each look-up read the whole table: 0.75 ms a call at 20,000
-- members (pg_stat_statements), some ten times that at 200,000, the largest single cost of a recorded call.
create index call_case_by_process on call_case (process_instance_id) where process_instance_id is not null;
