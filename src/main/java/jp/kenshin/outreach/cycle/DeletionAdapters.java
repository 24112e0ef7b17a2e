package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.cycle.CycleVariables.*;

import jp.kenshin.outreach.compliance.DeletionCertificateDocument;
import jp.kenshin.outreach.compliance.DeletionService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The engine adapters of data-return-and-deletion (provision 7). */
final class DeletionAdapters {

    private DeletionAdapters() {
    }

    /** ServiceTask_DestroyYearData: the provable deletion, then the certificate as PDF. */
    @Component("destroyYearDataDelegate")
    static class Destroy implements JavaDelegate {
        private final DeletionService deletion;
        private final DeletionCertificateDocument document;

        Destroy(DeletionService deletion, DeletionCertificateDocument document) {
            this.deletion = deletion;
            this.document = document;
        }

        @Override
        public void execute(DelegateExecution execution) {
            int fiscalYear = AdapterSupport.fiscalYear(execution);
            String by = (String) execution.getVariable("deletionConfirmedBy");
            DeletionService.Certificate certificate = deletion.destroy(fiscalYear, by == null ? "unknown" : by,
                    execution.getProcessInstanceId());
            document.render(certificate);
            execution.setVariable(PURGED_PROCESS_INSTANCES, certificate.counts().get("engine.purgedProcessInstances"));
        }
    }

    /** Task_ConfirmDeliverables and Task_VerifyDeletion. */
    @Component("deletionTaskCheck")
    static class Tasks implements TaskListener {
        private final DeletionService deletion;

        Tasks(DeletionService deletion) {
            this.deletion = deletion;
        }

        @Override
        public void notify(DelegateTask task) {
            String user = AdapterSupport.user(task);
            if (TASK_CONFIRM_DELIVERABLES.equals(task.getTaskDefinitionKey())) {
                if (!Boolean.TRUE.equals(task.getVariable(DELIVERABLES_HANDED_OVER))) {
                    throw new ProcessEngineException("成果物の引渡しと資料の返還を確認してから完了してください");
                }
                try {
                    deletion.confirmDeliverables(AdapterSupport.fiscalYear(task),
                            (String) task.getVariable(DELIVERABLES), user);
                } catch (IllegalArgumentException e) {
                    throw new ProcessEngineException(e.getMessage());
                }
                task.removeVariable(DELIVERABLES);
                task.setVariable("deletionConfirmedBy", user);
            } else {
                if (!Boolean.TRUE.equals(task.getVariable(DELETION_VERIFIED))) {
                    throw new ProcessEngineException("消去証明書を確認してから完了してください");
                }
                deletion.verify(AdapterSupport.fiscalYear(task), user);
            }
        }
    }
}
