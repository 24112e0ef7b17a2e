package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.AnnualOutreachCycleVariables.*;
import static jp.kenshin.outreach.process.PhoneOutreachVariables.*;
import static jp.kenshin.outreach.process.ProcessVariables.*;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.Set;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.calling.CallOutcome;
import jp.kenshin.outreach.calling.CallingHours;
import jp.kenshin.outreach.calling.CallingProperties;
import jp.kenshin.outreach.calling.CaseState;
import jp.kenshin.outreach.privacy.PersonalDataService.AccessContext;
import jp.kenshin.outreach.privacy.Requester;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The engine adapters of phone-outreach.bpmn and of the annual cycle's start and end of the calls. */
final class PhoneOutreachAdapters {

    private PhoneOutreachAdapters() {
    }

    /** Event_NoticesDispatched (mailing): tells the annual cycle the cards went out and when its calls start. */
    @Component("noticesDispatchedDelegate")
    static class NoticesDispatched implements JavaDelegate {
        private final CallingProperties properties;
        private final Clock clock;

        NoticesDispatched(CallingProperties properties, Clock clock) {
            this.properties = properties;
            this.clock = clock;
        }

        @Override
        public void execute(DelegateExecution execution) {
            org.camunda.bpm.engine.runtime.ProcessInstance cycle = execution.getProcessEngineServices().getRuntimeService()
                    .createProcessInstanceQuery().subProcessInstanceId(execution.getProcessInstanceId()).singleResult();
            if (cycle == null) {
                return; // a mailing run on its own: no cycle waits for it
            }
            ZoneId zone = clock.getZone();
            LocalDate dispatched = AdapterSupport.date(execution.getVariable(DISPATCH_DATE), zone);
            Date startAt = Date.from(dispatched.plusDays(properties.startDelayDays()).atTime(properties.startTime())
                    .atZone(zone).toInstant());
            execution.getProcessEngineServices().getRuntimeService().createMessageCorrelation(MESSAGE_NOTICES_DISPATCHED)
                    .processInstanceId(cycle.getId()).setVariable(DISPATCH_DATE, dispatched.toString())
                    .setVariable(CALLS_START_AT, startAt).correlate();
        }
    }

    /** ServiceTask_OpenCallCases (annual cycle): one case per person to phone; the starter starts their processes. */
    @Component("openCallCasesDelegate")
    static class OpenCallCases implements JavaDelegate {
        private final CallCaseService calls;

        OpenCallCases(CallCaseService calls) {
            this.calls = calls;
        }

        @Override
        public void execute(DelegateExecution execution) {
            execution.setVariable(CALL_CASE_COUNT, AdapterSupport.guarded(() -> calls.openCases(AdapterSupport.fiscalYear(execution))));
        }
    }

    /**
     * ServiceTask_EndCallsAtCutOff (annual cycle, after the results cut-off): every case still open ends, its process
     * cancelled. The batches commit on their own, so they run on a worker thread outside this job's transaction and
     * engine command, with the job's lock kept from expiring meanwhile; a rerun ends only what is still open.
     */
    @Component("endCallsAtCutOffDelegate")
    static class EndCallsAtCutOff implements JavaDelegate {
        private final CallsAtCutOff cutOff;
        private final org.springframework.jdbc.core.JdbcTemplate jdbc;

        EndCallsAtCutOff(CallsAtCutOff cutOff, org.springframework.jdbc.core.JdbcTemplate jdbc) {
            this.cutOff = cutOff;
            this.jdbc = jdbc;
        }

        @Override
        public void execute(DelegateExecution execution) {
            int fiscalYear = AdapterSupport.fiscalYear(execution);
            DeletionAdapters.JobLock lock = DeletionAdapters.JobLock.of(execution, jdbc, SERVICE_TASK_END_CALLS_AT_CUT_OFF);
            java.util.concurrent.ScheduledExecutorService keeper = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                    r -> new Thread(r, "cut-off-" + fiscalYear + "-lock"));
            java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor(
                    r -> new Thread(r, "cut-off-" + fiscalYear));
            try {
                if (lock != null) {
                    long every = Math.max(1000, lock.lockTimeMillis() / 3);
                    keeper.scheduleWithFixedDelay(lock::extend, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
                execution.setVariable(CALLS_ENDED_AT_CUT_OFF, worker.submit(() -> cutOff.endCalls(fiscalYear)).get());
            } catch (java.util.concurrent.ExecutionException e) {
                // as the service threw it: the engine keeps its own messages (the year and counts only) and withholds a
                // library's (JobFailures)
                throw AdapterSupport.rethrown(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProcessEngineException("締切日の架電の終了が中断されました。再実行すると残りを終えます");
            } finally {
                worker.shutdown();
                keeper.shutdownNow();
            }
        }
    }

    /**
     * Task_CallPerson, on complete: records the call once per task (the REST endpoint has usually recorded
     * it with its note already; then nothing is added) and gives the decision its inputs.
     */
    @Component("recordCallListener")
    static class RecordCall implements TaskListener {
        private final CallCaseService calls;
        private final CallingProperties properties;
        private final CallingHours hours;

        RecordCall(CallCaseService calls, CallingProperties properties, CallingHours hours) {
            this.calls = calls;
            this.properties = properties;
            this.hours = hours;
        }

        @Override
        public void notify(DelegateTask task) {
            CallOutcome outcome = AdapterSupport.guarded(() -> CallOutcome.parse(task.getVariable(CALL_OUTCOME)));
            Instant callbackAt = AdapterSupport.guarded(() -> hours.instant(task.getVariable(CALLBACK_AT)));
            String caseId = task.getExecution().getProcessBusinessKey();
            Requester operator = new Requester(AdapterSupport.user(task), Set.of());
            CallCaseService.Attempt attempt = AdapterSupport.guarded(() -> calls.recordAttempt(caseId, task.getId(), outcome,
                    callbackAt, operator, null, now(), new AccessContext(task.getId(), task.getProcessInstanceId(), "架電結果の記録")));
            task.setVariable(ATTEMPT_COUNT, attempt.attemptNo());
            task.setVariable(MAX_ATTEMPTS, properties.maxAttempts());
            task.setVariable(CALL_OUTCOME, outcome.name());
        }
    }

    /** ServiceTask_PlanRetry: the next band not yet tried, in calling hours, after the retry gap. */
    @Component("planRetryDelegate")
    static class PlanRetry implements JavaDelegate {
        private final CallCaseService calls;
        private final CallingHours hours;

        PlanRetry(CallCaseService calls, CallingHours hours) {
            this.calls = calls;
            this.hours = hours;
        }

        @Override
        public void execute(DelegateExecution execution) {
            String caseId = execution.getProcessBusinessKey();
            CallingHours.Slot slot = hours.nextRetry(now(), calls.bandsTried(caseId));
            plan(execution, slot, CALL_KIND_RETRY);
        }
    }

    /** ServiceTask_PlanCallback: the time the person asked for, or the next calling time after it. */
    @Component("planCallbackDelegate")
    static class PlanCallback implements JavaDelegate {
        private final CallingHours hours;

        PlanCallback(CallingHours hours) {
            this.hours = hours;
        }

        @Override
        public void execute(DelegateExecution execution) {
            Instant requested = AdapterSupport.guarded(() -> hours.instant(execution.getVariable(CALLBACK_AT)));
            plan(execution, hours.callback(requested), CALL_KIND_CALLBACK);
        }
    }

    private static void plan(DelegateExecution execution, CallingHours.Slot slot, String kind) {
        execution.setVariable(NEXT_CALL_AT, Date.from(slot.start()));
        execution.setVariable(CALL_DUE_AT, Date.from(slot.end()));
        execution.setVariable(CALL_KIND, kind);
        execution.removeVariable(CALLBACK_AT);
    }

    /** ServiceTask_CloseCallCase: ends the case with the decision's reason. */
    @Component("closeCallCaseDelegate")
    static class CloseCallCase implements JavaDelegate {
        private final CallCaseService calls;

        CloseCallCase(CallCaseService calls) {
            this.calls = calls;
        }

        @Override
        public void execute(DelegateExecution execution) {
            String action = (String) execution.getVariable(NEXT_ACTION);
            if (action == null || !action.startsWith("CLOSE_")) {
                throw new ProcessEngineException("架電の次の手順 " + action + " は終了ではありません");
            }
            calls.close(execution.getProcessBusinessKey(), CaseState.valueOf(action.substring("CLOSE_".length())),
                    AdapterSupport.user(execution));
        }
    }

    /** ServiceTask_CloseStoppedCase: the person's checkup result arrived, or they asked the desk not to be contacted. */
    @Component("closeStoppedCaseDelegate")
    static class CloseStoppedCase implements JavaDelegate {
        private final CallCaseService calls;

        CloseStoppedCase(CallCaseService calls) {
            this.calls = calls;
        }

        @Override
        public void execute(DelegateExecution execution) {
            CaseState reason = STOP_REASON_ATTENDED.equals(execution.getVariable(STOP_REASON)) ? CaseState.ATTENDED : CaseState.OPTED_OUT;
            calls.close(execution.getProcessBusinessKey(), reason, "system");
        }
    }

    /**
     * The engine's time (tests move it with ClockUtil, as they drive timers): a call's time is compared with its
     * task's due date and the timers' times, which are the engine's. In production it is the system's instant, as
     * the ward's clock's is; the zone the hours are read in is the ward's.
     */
    static Instant now() {
        return org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant();
    }
}
