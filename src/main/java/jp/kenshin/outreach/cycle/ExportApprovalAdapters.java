package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.ExportApprovalVariables.*;

import jp.kenshin.outreach.privacy.ExportApprovals;
import jp.kenshin.outreach.privacy.Purpose;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The engine adapters of export-approval (provision 5). */
final class ExportApprovalAdapters {

    private ExportApprovalAdapters() {
    }

    /** StartEvent_ExportRequested: the request is recorded for the user who started the process. */
    @Component("requestExportListener")
    static class Request implements ExecutionListener {
        private final ExportApprovals approvals;

        Request(ExportApprovals approvals) {
            this.approvals = approvals;
        }

        @Override
        public void notify(DelegateExecution execution) {
            String user = AdapterSupport.user(execution);
            Object count = execution.getVariable(MEMBER_COUNT);
            long id = AdapterSupport.guarded(() -> approvals.request(AdapterSupport.fiscalYear(execution),
                    Purpose.valueOf((String) execution.getVariable(EXPORT_PURPOSE)),
                    count instanceof Number n ? n.intValue() : 0, (String) execution.getVariable(EXPORT_REASON),
                    user));
            execution.setVariable(EXPORT_APPROVAL_ID, id);
            execution.removeVariable(EXPORT_REASON);
        }
    }

    /** Task_ApproveExport: the ward's decision. */
    @Component("approveExportTaskCheck")
    static class Approve implements TaskListener {
        private final ExportApprovals approvals;

        Approve(ExportApprovals approvals) {
            this.approvals = approvals;
        }

        @Override
        public void notify(DelegateTask task) {
            boolean approved = Boolean.TRUE.equals(task.getVariable(EXPORT_APPROVED));
            task.setVariable(EXPORT_APPROVED, approved);
            approvals.decide(((Number) task.getVariable(EXPORT_APPROVAL_ID)).longValue(), approved, AdapterSupport.user(task));
        }
    }
}
