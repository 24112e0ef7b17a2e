package jp.kenshin.outreach.mailing;

import static jp.kenshin.outreach.process.MailingVariables.*;
import static jp.kenshin.outreach.process.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.selection.SelectionCounts;
import jp.kenshin.outreach.selection.SelectionRequest;
import jp.kenshin.outreach.selection.TargetSelectionService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The mailing's batch jobs run as the packaged application's job executor runs them: as many at once as its job
 * threads ({@code camunda.bpm.job-execution.max-pool-size} of application.yml), on its connection pool. Each batch's
 * job holds three connections at once (the engine's transaction, the batch's own, the audit record's): with the
 * starter's default of ten job threads and a pool of twelve, the jobs waited for each other's connections until they
 * timed out, and the mailing of the demo ward stalled with failed jobs and the web answering 500. Here every batch is
 * rendered and no job fails but on a conflict of two batches completing at once, which the engine retries.
 */
@IntegrationTest
class MailingOnTheJobExecutorIT {

    private static final int FY = 2188;

    @Autowired
    MembersImportService members;
    @Autowired
    TargetSelectionService selection;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    MailingService mailing;
    @Autowired
    CamundaBpmProperties camunda;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void asManyBatchJobsAtOnceAsTheApplicationHasJobThreadsAreAllRenderedWithoutAFailedJob() throws Exception {
        int threads = camunda.getJobExecution().getMaxPoolSize();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        new SyntheticWardGenerator(new SyntheticWardSpec(FY, 5_000, FY, StandardCharsets.UTF_8)).writeMembers(file);
        members.importMembers(FY, new ByteArrayInputStream(file.toByteArray()), "m.csv", "UTF-8", true);
        SelectionCounts counts = selection.select(new SelectionRequest(FY, LocalDate.of(FY, 4, 1), 0, null, null, null, null));
        selection.freeze(counts.runId(), "ward");
        int batches = (int) Math.ceil(counts.targets() / 50.0);
        assertThat(batches).as("more batches than job threads").isGreaterThanOrEqualTo(3 * threads);

        String process = runtime.startProcessInstanceByKey(MAILING_PROCESS_KEY, Integer.toString(FY), Map.of(FISCAL_YEAR, FY)).getId();
        List<String> failures = new ArrayList<>();
        ExecutorService jobThreads = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 200; round++) {
                List<Job> due = management.createJobQuery().processInstanceId(process).messages().withRetriesLeft().list();
                if (due.isEmpty()) {
                    break;
                }
                List<Future<?>> running = new ArrayList<>();
                for (Job job : due) {
                    running.add(jobThreads.submit(() -> management.executeJob(job.getId())));
                }
                for (Future<?> run : running) {
                    try {
                        run.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (!(e.getCause() instanceof OptimisticLockingException)) { // retried at once (JobFailures)
                            failures.add(e.getCause().getClass().getName());
                        }
                    }
                }
            }
        } finally {
            jobThreads.shutdownNow();
        }
        assertThat(failures).as("no job failed, with " + threads + " job threads").isEmpty();
        assertThat(jdbc.queryForList("select exception_msg_ from act_ru_job where process_instance_id_ = ? and exception_msg_ is not null",
                String.class, process)).as("no job kept a failure").isEmpty();
        assertThat(tasks.createTaskQuery().processInstanceId(process).taskDefinitionKey(TASK_APPROVE_PROOF).count())
                .as("the mailing reached the proof").isEqualTo(1);
        assertThat(mailing.progress(FY)).containsEntry("rendered", (long) batches);
    }
}
