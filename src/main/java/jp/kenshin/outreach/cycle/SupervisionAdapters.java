package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.ProcessVariables.*;
import static jp.kenshin.outreach.process.ReportRequestVariables.*;
import static jp.kenshin.outreach.process.SiteAuditVariables.*;

import java.time.Clock;
import jp.kenshin.outreach.compliance.SupervisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The engine adapters of report-request (provision 8) and site-audit (provision 9). */
final class SupervisionAdapters {

    private SupervisionAdapters() {
    }

    private static long id(org.camunda.bpm.engine.delegate.VariableScope scope, String variable) {
        return ((Number) scope.getVariable(variable)).longValue();
    }


    /** StartEvent_ReportRequested: the request is recorded with its due date; the text leaves the process. */
    @Component("requestReportListener")
    static class RequestReport implements ExecutionListener {
        private final SupervisionService supervision;

        RequestReport(SupervisionService supervision) {
            this.supervision = supervision;
        }

        @Override
        public void notify(DelegateExecution execution) {
            Object days = execution.getVariable(DUE_IN_DAYS);
            SupervisionService.Requested requested = AdapterSupport.guarded(() -> supervision.requestReport(
                    AdapterSupport.fiscalYear(execution), (String) execution.getVariable(REPORT_SUBJECT),
                    days instanceof Number n ? n.intValue() : 7, AdapterSupport.user(execution)));
            execution.setVariable(REPORT_REQUEST_ID, requested.id());
            execution.setVariable(REPORT_DUE, requested.due());
            execution.setVariable(REMINDER_AT, requested.reminderAt());
            execution.removeVariable(REPORT_SUBJECT);
        }
    }

    /** StartEvent_AuditRecorded: the audit and its findings are recorded; the text leaves the process. */
    @Component("recordAuditListener")
    static class RecordAudit implements ExecutionListener {
        private final SupervisionService supervision;
        private final Clock clock;

        RecordAudit(SupervisionService supervision, Clock clock) {
            this.supervision = supervision;
            this.clock = clock;
        }

        @Override
        public void notify(DelegateExecution execution) {
            boolean followUp = Boolean.TRUE.equals(execution.getVariable(FOLLOW_UP_NEEDED));
            long auditId = AdapterSupport.guarded(() -> supervision.recordAudit(
                    AdapterSupport.fiscalYear(execution),
                    AdapterSupport.date(execution.getVariable(AUDITED_ON), clock.getZone()), (String) execution.getVariable(AUDIT_FINDINGS),
                    followUp, AdapterSupport.user(execution)));
            execution.setVariable(AUDIT_ID, auditId);
            execution.setVariable(FOLLOW_UP_NEEDED, followUp);
            execution.removeVariable(AUDIT_FINDINGS);
        }
    }

    /** The user tasks of both processes: each step recorded. */
    @Component("supervisionTaskCheck")
    static class Tasks implements TaskListener {
        private final SupervisionService supervision;

        Tasks(SupervisionService supervision) {
            this.supervision = supervision;
        }

        @Override
        public void notify(DelegateTask task) {
            String user = AdapterSupport.user(task);
            AdapterSupport.guarded(() -> {
                switch (task.getTaskDefinitionKey()) {
                    case TASK_ANSWER_REPORT_REQUEST -> {
                        supervision.answerReport(id(task, REPORT_REQUEST_ID), (String) task.getVariable(REPORT_ANSWER), user);
                        task.removeVariable(REPORT_ANSWER);
                    }
                    case TASK_FOLLOW_UP_LATE_REPORT -> supervision.escalateReport(id(task, REPORT_REQUEST_ID));
                    case TASK_ACCEPT_REPORT -> supervision.acceptReport(id(task, REPORT_REQUEST_ID), user);
                    case TASK_REMEDY_FINDINGS -> {
                        supervision.remedy(id(task, AUDIT_ID), (String) task.getVariable(REMEDIES));
                        task.removeVariable(REMEDIES);
                    }
                    case TASK_VERIFY_REMEDIES -> {
                        boolean closed = Boolean.TRUE.equals(task.getVariable(AUDIT_CLOSED));
                        task.setVariable(AUDIT_CLOSED, closed);
                        if (closed) {
                            supervision.closeAudit(id(task, AUDIT_ID), user);
                        }
                    }
                    default -> throw new IllegalStateException("No supervision step for " + task.getTaskDefinitionKey());
                }
                return null;
            });
        }
    }

    /** ServiceTask_RemindReportRequest: the reminder the day before the due date. */
    @Component("remindReportRequestDelegate")
    static class Remind implements JavaDelegate {
        private final SupervisionService supervision;

        Remind(SupervisionService supervision) {
            this.supervision = supervision;
        }

        @Override
        public void execute(DelegateExecution execution) {
            supervision.remindReport(id(execution, REPORT_REQUEST_ID));
        }
    }
}
