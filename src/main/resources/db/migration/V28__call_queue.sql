-- Issue 13/14 (operators at scale): the calls waiting to be taken, one row per open, unassigned Task_CallPerson,
-- kept by the task's listener (cycle/CallTaskListeners.Queue) and taken by 次の電話 with FOR UPDATE SKIP LOCKED, so
-- that thirty operators never sort 50,000 engine tasks to find the next call, and never get the same one. The engine's
-- tasks stay the truth (Tasklist, Cockpit and the reports see every call); this is an index of them, ids and times
-- only. The rows of an installation that ran before are filled in at start (calling/CallQueue.fillFromEngine).
create table call_queue (
    task_id        varchar(64)  primary key,
    case_id        varchar(20)  not null references call_case (id),
    fiscal_year    integer      not null,
    priority       integer      not null,
    due_at         timestamptz,
    callable_from  timestamptz,
    created_at     timestamptz  not null default now()
);
create index call_queue_next on call_queue (fiscal_year, priority desc, due_at, created_at, task_id);
create index call_queue_case on call_queue (case_id);
