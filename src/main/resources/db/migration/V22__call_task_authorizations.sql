-- Issue 13 (operators at scale): the operators' right to the call tasks is granted once on the phone-outreach
-- definition (GroupsAndAuthorizations, OfferedTaskAuthorizations), no longer by one authorization row per call task.
-- An installation that ran before keeps the rows the engine wrote for its open call tasks; they are removed here, so
-- an operator's task queries no longer join tens of thousands of them. The engine's tables exist only on an
-- installation that has run before (on a new one the engine creates them after Flyway): hence the check.
do $$
begin
  if to_regclass('act_ru_authorization') is not null and to_regclass('act_ru_task') is not null then
    delete from act_ru_authorization a
    where a.type_ = 1                      -- grant
      and a.resource_type_ = 7             -- task
      and a.group_id_ = 'contractor-operator'
      and a.user_id_ is null
      and exists (select 1 from act_ru_task t
                  where t.id_ = a.resource_id_ and t.task_def_key_ = 'Task_CallPerson' and t.proc_def_id_ like 'phone-outreach:%');
  end if;
end $$;
