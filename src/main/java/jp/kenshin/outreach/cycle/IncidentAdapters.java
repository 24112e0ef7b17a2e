package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.IncidentReportVariables.*;
import static jp.kenshin.outreach.process.ProcessVariables.*;

import java.time.Clock;
import jp.kenshin.outreach.compliance.IncidentService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The engine adapters of incident-report: each hands a step to the incident service. */
final class IncidentAdapters {

    private IncidentAdapters() {
    }

    static long incidentId(org.camunda.bpm.engine.delegate.VariableScope scope) {
        return ((Number) scope.getVariable(INCIDENT_ID)).longValue();
    }

    /** StartEvent_IncidentRaised: records the incident (unless started through the API, which did) and sets the deadlines. */
    @Component("raiseIncidentListener")
    static class Raise implements ExecutionListener {
        private final IncidentService incidents;
        private final Clock clock;

        Raise(IncidentService incidents, Clock clock) {
            this.incidents = incidents;
            this.clock = clock;
        }

        @Override
        public void notify(DelegateExecution execution) {
            if (execution.hasVariable(INCIDENT_ID)) {
                return;
            }
            Object affected = execution.getVariable(AFFECTED_COUNT);
            IncidentService.Raised raised = AdapterSupport.guarded(() -> incidents.raise(
                    AdapterSupport.fiscalYear(execution), (String) execution.getVariable(INCIDENT_CATEGORY),
                    AdapterSupport.date(execution.getVariable(OCCURRED_ON), clock.getZone()),
                    affected instanceof Number n ? n.intValue() : 0, (String) execution.getVariable(INCIDENT_SUMMARY),
                    AdapterSupport.user(execution)));
            execution.setVariable(INCIDENT_ID, raised.id());
            execution.setVariable(NOTICE_DUE, raised.noticeDue());
            execution.setVariable(REPORT_DUE, raised.reportDue());
            execution.setVariable(REMINDER_AT, raised.reminderAt());
            execution.removeVariable(INCIDENT_SUMMARY); // kept in the incident record, not in the process
        }

    }

    /** The user tasks of incident-report: each step recorded in the incident. */
    @Component("incidentTaskCheck")
    static class Tasks implements TaskListener {
        private final IncidentService incidents;

        Tasks(IncidentService incidents) {
            this.incidents = incidents;
        }

        @Override
        public void notify(DelegateTask task) {
            long id = incidentId(task);
            String user = AdapterSupport.user(task);
            AdapterSupport.guarded(() -> {
                switch (task.getTaskDefinitionKey()) {
                    case TASK_ACKNOWLEDGE_INCIDENT -> incidents.acknowledge(id);
                    case TASK_SUBMIT_WRITTEN_REPORT -> {
                        incidents.report(id, (String) task.getVariable(WRITTEN_REPORT), user);
                        task.removeVariable(WRITTEN_REPORT);
                    }
                    case TASK_FOLLOW_UP_OVERDUE_REPORT -> incidents.escalate(id);
                    case TASK_GIVE_INSTRUCTIONS -> {
                        incidents.instruct(id, (String) task.getVariable(INSTRUCTIONS), user);
                        task.removeVariable(INSTRUCTIONS);
                    }
                    case TASK_CLOSE_INCIDENT -> incidents.close(id, Boolean.TRUE.equals(task.getVariable(PUBLISH_INCIDENT)), user);
                    default -> throw new IllegalStateException("No incident step for " + task.getTaskDefinitionKey());
                }
                return null;
            });
        }
    }

    /** ServiceTask_RemindReport: the reminder before the written report falls due. */
    @Component("remindIncidentReportDelegate")
    static class Remind implements JavaDelegate {
        private final IncidentService incidents;

        Remind(IncidentService incidents) {
            this.incidents = incidents;
        }

        @Override
        public void execute(DelegateExecution execution) {
            incidents.remind(incidentId(execution));
        }
    }
}
