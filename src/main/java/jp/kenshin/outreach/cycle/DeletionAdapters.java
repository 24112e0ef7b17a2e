package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.DataReturnAndDeletionVariables.*;

import jp.kenshin.outreach.compliance.DeletionCertificateDocument;
import jp.kenshin.outreach.compliance.DeletionService;
import jp.kenshin.outreach.infrastructure.logging.WithheldMessages;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The engine adapters of data-return-and-deletion (provision 7). */
final class DeletionAdapters {

    private DeletionAdapters() {
    }

    /**
     * ServiceTask_DestroyYearData: the provable deletion, then the certificate as PDF. The deletion's steps commit
     * on their own, so they run on a worker thread outside this job's transaction and engine command; while they
     * run, the job's lock is kept from expiring (so the job executor never starts the same job a second time) and
     * the progress is shown in Cockpit as the variable deletionProgress (counts only). A rerun goes on from the
     * step an earlier run reached; once the certificate is recorded, a rerun only renders its PDF again.
     */
    @Component("destroyYearDataDelegate")
    static class Destroy implements JavaDelegate {
        private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Destroy.class);
        private final DeletionService deletion;
        private final DeletionCertificateDocument document;
        private final RuntimeService runtime;
        private final JdbcTemplate jdbc;

        Destroy(DeletionService deletion, DeletionCertificateDocument document, RuntimeService runtime, JdbcTemplate jdbc) {
            this.deletion = deletion;
            this.document = document;
            this.runtime = runtime;
            this.jdbc = jdbc;
        }

        @Override
        public void execute(DelegateExecution execution) {
            int fiscalYear = AdapterSupport.fiscalYear(execution);
            String by = (String) execution.getVariable(DELETION_CONFIRMED_BY);
            String processInstanceId = execution.getProcessInstanceId();
            DeletionService.Certificate certificate = deletion.issued(fiscalYear)
                    .orElseGet(() -> run(execution, fiscalYear, by == null ? "unknown" : by, processInstanceId));
            document.render(certificate);
            execution.setVariable(PURGED_PROCESS_INSTANCES, certificate.counts().get("engine.purgedProcessInstances"));
        }

        private DeletionService.Certificate run(DelegateExecution execution, int fiscalYear, String by, String processInstanceId) {
            JobLock lock = JobLock.of(execution, jdbc);
            ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(
                    r -> new Thread(r, "deletion-" + fiscalYear + "-progress"));
            ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "deletion-" + fiscalYear));
            try {
                if (lock != null) {
                    long every = Math.max(1000, lock.lockTimeMillis() / 3);
                    reporter.scheduleWithFixedDelay(lock::extend, every, every, TimeUnit.MILLISECONDS);
                }
                Future<DeletionService.Certificate> result = worker.submit(() -> deletion.destroy(fiscalYear, by, processInstanceId,
                        progress -> reporter.execute(() -> {
                            show(processInstanceId, progress);
                            if (lock != null) {
                                lock.extend(); // also per table, not only on the schedule
                            }
                        })));
                return result.get();
            } catch (ExecutionException e) {
                // as the service threw it: the engine keeps its own messages (steps, tables and columns, never a value) and
                // withholds a library's (JobFailures)
                throw AdapterSupport.rethrown(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProcessEngineException("年度データの消去が中断されました。再実行すると続きから進みます");
            } finally {
                worker.shutdown();
                reporter.shutdown();
                try {
                    reporter.awaitTermination(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void show(String processInstanceId, DeletionService.Progress p) {
            try {
                runtime.setVariable(processInstanceId, DELETION_PROGRESS, p.step() + " " + p.tablesDone() + "/" + p.tablesTotal()
                        + " tables, " + p.rowsScanned() + " rows, " + p.scanValues() + " values");
            } catch (RuntimeException e) {
                log.warn("Deletion progress of process instance {} not shown: {}", processInstanceId, e.getClass().getSimpleName());
            }
        }
    }

    /** The lock of the job running the deletion, kept from expiring while the deletion runs. */
    record JobLock(String jobId, String owner, long lockTimeMillis, JdbcTemplate jdbc) {

        static JobLock of(DelegateExecution execution, JdbcTemplate jdbc) {
            return of(execution, jdbc, SERVICE_TASK_DESTROY_YEAR_DATA);
        }

        /** The lock of the job of this activity of the execution's instance, if a job executor runs it. */
        static JobLock of(DelegateExecution execution, JdbcTemplate jdbc, String activityId) {
            var configuration = org.camunda.bpm.engine.impl.context.Context.getProcessEngineConfiguration();
            var job = execution.getProcessEngineServices().getManagementService().createJobQuery()
                    .processInstanceId(execution.getProcessInstanceId()).activityId(activityId).singleResult();
            if (job == null || configuration == null || configuration.getJobExecutor() == null) {
                return null;
            }
            String owner = jdbc.query("select lock_owner_ from act_ru_job where id_ = ?", rs -> rs.next() ? rs.getString(1) : null,
                    job.getId());
            return owner == null ? null : new JobLock(job.getId(), owner, configuration.getJobExecutor().getLockTimeInMillis(), jdbc);
        }

        void extend() {
            try {
                jdbc.update("update act_ru_job set lock_exp_time_ = ? where id_ = ? and lock_owner_ = ?",
                        new java.sql.Timestamp(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().getTime() + lockTimeMillis), jobId, owner);
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(JobLock.class).warn("Lock of job {} not extended: {}", jobId, e.getClass().getSimpleName());
            }
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
                    throw new ProcessEngineException(WithheldMessages.ownMessage(e).orElse("成果物と資料の一覧を読めません"), e);
                }
                task.removeVariable(DELIVERABLES);
                task.setVariable(DELETION_CONFIRMED_BY, user);
            } else {
                if (!Boolean.TRUE.equals(task.getVariable(DELETION_VERIFIED))) {
                    throw new ProcessEngineException("消去証明書を確認してから完了してください");
                }
                deletion.verify(AdapterSupport.fiscalYear(task), user);
            }
        }
    }
}
