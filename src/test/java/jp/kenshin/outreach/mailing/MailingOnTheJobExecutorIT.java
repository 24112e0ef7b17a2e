package jp.kenshin.outreach.mailing;

import static jp.kenshin.outreach.process.MailingVariables.*;
import static jp.kenshin.outreach.process.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.selection.SelectionCounts;
import jp.kenshin.outreach.selection.SelectionRequest;
import jp.kenshin.outreach.selection.TargetSelectionService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The mailing as the packaged application runs it: the engine's job executor on, with the application's own thread
 * pool and connection pool (application.yml), many batches at once. Each batch's job holds three connections (the
 * engine's transaction, the batch's own, the audit record's): with the starter's default of ten job threads and a
 * pool of twelve, the jobs waited for each other's connections until they timed out, and the mailing of the demo ward
 * stalled with failed jobs and the web answering 500. Here every batch is rendered and no job fails.
 */
@SpringBootTest(properties = {"camunda.bpm.job-execution.enabled=true", "kenshin.mailing.batch-size=20",
        // the engine registry is static: an engine of its own name, so that closing this context does not take the
        // shared test context's engine ("default", which /engine-rest serves) out of the registry
        "camunda.bpm.process-engine-name=mailing-on-the-job-executor"})
@ActiveProfiles("test")
@DirtiesContext
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
    JdbcTemplate jdbc;

    @Test
    void manyBatchesOnTheApplicationsOwnPoolsAreAllRenderedWithoutAFailedJob() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        new SyntheticWardGenerator(new SyntheticWardSpec(FY, 3_000, FY, StandardCharsets.UTF_8)).writeMembers(file);
        members.importMembers(FY, new ByteArrayInputStream(file.toByteArray()), "m.csv", "UTF-8", true);
        SelectionCounts counts = selection.select(new SelectionRequest(FY, LocalDate.of(FY, 4, 1), 0, null, null, null, null));
        selection.freeze(counts.runId(), "ward");
        int batches = (int) Math.ceil(counts.targets() / 20.0);
        assertThat(batches).as("more batches than job threads").isGreaterThanOrEqualTo(30);

        String process = runtime.startProcessInstanceByKey(MAILING_PROCESS_KEY, Integer.toString(FY), Map.of(FISCAL_YEAR, FY)).getId();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (tasks.createTaskQuery().processInstanceId(process).taskDefinitionKey(TASK_APPROVE_PROOF).count() == 0
                && management.createJobQuery().withException().count() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(jdbc.queryForList("select exception_msg_ from act_ru_job where exception_msg_ is not null", String.class))
                .as("no job failed").isEmpty();
        assertThat(tasks.createTaskQuery().processInstanceId(process).taskDefinitionKey(TASK_APPROVE_PROOF).count())
                .as("the mailing reached the proof").isEqualTo(1);
        assertThat(mailing.progress(FY)).containsEntry("rendered", (long) batches);
    }
}
