package jp.kenshin.outreach.mailing;

import static jp.kenshin.outreach.process.MailingVariables.*;
import static jp.kenshin.outreach.process.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.Map;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.selection.SelectionCounts;
import jp.kenshin.outreach.selection.SelectionRequest;
import jp.kenshin.outreach.selection.TargetSelectionService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** mailing.bpmn: one job per batch, proof sent back once, dispatch, returned mail until the closing date. */
@IntegrationTest
class MailingProcessIT {

    private static final int FY = 2099;

    @Autowired
    ProcessEngine engine;
    @Autowired
    MembersImportService members;
    @Autowired
    TargetSelectionService selection;
    @Autowired
    MailingService mailing;
    @Autowired
    MailingProperties properties;

    private int runJobs(ProcessInstance instance) {
        int executed = 0;
        for (int round = 0; round < 100; round++) {
            var jobs = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).messages().list();
            if (jobs.isEmpty()) {
                return executed;
            }
            for (Job job : jobs) {
                engine.getManagementService().executeJob(job.getId());
                executed++;
            }
        }
        return executed;
    }

    /** A synthetic ward of 300 for the year (its members file into {@code file}), imported, selected and frozen. */
    private SelectionCounts aFrozenList(int fiscalYear, ByteArrayOutputStream file) throws Exception {
        new SyntheticWardGenerator(new SyntheticWardSpec(fiscalYear, 300, fiscalYear, Charset.forName("windows-31j"))).writeMembers(file);
        members.importMembers(fiscalYear, new ByteArrayInputStream(file.toByteArray()), "m.csv", "windows-31j", true);
        SelectionCounts counts = selection.select(new SelectionRequest(fiscalYear, LocalDate.of(fiscalYear, 4, 1), 0, null, null, null, null));
        selection.freeze(counts.runId(), "ward");
        return counts;
    }

    @Test
    void batchesAreRenderedAsJobsAndTheMailingRunsToTheClosingOfReturnedMail() throws Exception {
        AbstractAssertions.init(engine);
        SelectionCounts counts = aFrozenList(FY, new ByteArrayOutputStream());

        ProcessInstance process = engine.getRuntimeService().startProcessInstanceByKey(MAILING_PROCESS_KEY, Integer.toString(FY),
                Map.of(FISCAL_YEAR, FY));
        int batches = (int) Math.ceil(counts.targets() / 50.0);
        assertThat(runJobs(process)).isEqualTo(1 + 1 + batches + 1); // plan, multi-instance body, one per batch, manifest
        assertThat(process).isWaitingAt(TASK_APPROVE_PROOF).variables()
                .containsEntry(BATCH_COUNT, batches).containsEntry(CARD_COUNT, (int) counts.targets());
        assertThat(mailing.progress(FY)).containsEntry("rendered", (long) batches);
        assertThat(Files.exists(properties.directory(FY).resolve("manifest.pdf"))).isTrue();
        assertThat(mailing.proof(FY, 3)).isNotEmpty();

        // approve and send back are two explicit choices: neither given, or a send-back without its reason, is refused
        String proof = task().getId();
        assertThatThrownBy(() -> engine.getTaskService().complete(proof))
                .hasMessageContaining("見本を承認するか差し戻すかを選んでください（proofApproved）");
        assertThatThrownBy(() -> engine.getTaskService().complete(proof, Map.of(PROOF_APPROVED, false, PROOF_COMMENT, " ")))
                .hasMessageContaining("差し戻す理由を入力してください（proofComment）");
        assertThat(process).isWaitingAt(TASK_APPROVE_PROOF);
        complete(task(), withVariables(PROOF_APPROVED, false, PROOF_COMMENT, "問い合わせ先の電話番号を直す"));
        assertThat(runJobs(process)).isEqualTo(1 + 1 + batches + 1);
        try (var files = Files.list(properties.directory(FY))) {
            assertThat(files.filter(p -> p.toString().endsWith(".csv")).count()).isEqualTo(batches);
        }
        assertThat(process).isWaitingAt(TASK_APPROVE_PROOF).variables().doesNotContainKeys(PROOF_APPROVED, PROOF_COMMENT);
        complete(task(), withVariables(PROOF_APPROVED, true));
        complete(task(TASK_HAND_OVER_PRINT_DATA));
        complete(task(TASK_RECORD_DISPATCH), withVariables(DISPATCH_DATE, FY + "-05-10"));
        assertThat(process).isWaitingAt(TASK_ACCEPT_RETURNED_MAIL);
        // the closing falls at the start of the day in the ward's zone (kenshin.zone, Asia/Tokyo)
        assertThat(job("BoundaryEvent_ReturnedMailClosing").getDuedate()).isEqualTo(java.util.Date.from(
                LocalDate.of(FY, 5, 10).plusDays(60).atStartOfDay(java.time.ZoneId.of("Asia/Tokyo")).toInstant()));
        execute(job("BoundaryEvent_ReturnedMailClosing"));
        assertThat(process).isEnded().hasPassed("EndEvent_MailingDone");
    }

    /**
     * A batch whose print file cannot be put in place (here a folder stands where its PDF goes, as a full disk or a
     * folder without rights would) fails as a job: Cockpit shows staff the application's reason in Japanese, the
     * engine keeps no card's value, and once the obstacle is gone the retried job writes the batch once.
     */
    @Test
    void aBatchThatCannotBeWrittenShowsItsReasonAndIsWrittenOnceWhenRetried(@Autowired javax.sql.DataSource dataSource)
            throws Exception {
        AbstractAssertions.init(engine);
        int fy = 2186; // a year no other test uses: the tests share one database
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        SelectionCounts counts = aFrozenList(fy, file);
        java.nio.file.Path obstacle = properties.directory(fy).resolve("batch-0001.pdf");
        Files.createDirectories(obstacle);
        Files.writeString(obstacle.resolve("keep"), "x");

        ProcessInstance process = engine.getRuntimeService().startProcessInstanceByKey(MAILING_PROCESS_KEY, Integer.toString(fy),
                Map.of(FISCAL_YEAR, fy));
        var management = engine.getManagementService();
        Job failed = null;
        for (int round = 0; round < 20 && failed == null; round++) {
            for (Job job : management.createJobQuery().processInstanceId(process.getId()).messages().withRetriesLeft().list()) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException e) {
                    failed = management.createJobQuery().jobId(job.getId()).singleResult();
                    break;
                }
            }
        }
        assertThat(failed).as("the first batch's job fails").isNotNull();
        assertThat(failed.getExceptionMessage()).isEqualTo("バッチ 1 の印刷ファイルを書けませんでした（再実行すると書き直します）");
        assertThat(management.getJobExceptionStacktrace(failed.getId())).contains("(message withheld)")
                .doesNotContain(obstacle.toString());
        assertThat(jp.kenshin.outreach.PersonalValues.findIn(dataSource, "act_",
                jp.kenshin.outreach.PersonalValues.of(file.toByteArray(), Charset.forName("windows-31j")))).isEmpty();

        Files.delete(obstacle.resolve("keep"));
        Files.delete(obstacle);
        management.setJobRetries(failed.getId(), 1);
        int batches = (int) Math.ceil(counts.targets() / 50.0);
        runJobs(process);
        assertThat(process).isWaitingAt(TASK_APPROVE_PROOF);
        assertThat(mailing.progress(fy)).containsEntry("rendered", (long) batches);
        try (var files = Files.list(properties.directory(fy))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("batch-0001")).sorted().toList())
                    .containsExactly("batch-0001.csv", "batch-0001.pdf");
        }
        assertThat(Files.isRegularFile(obstacle)).isTrue();
    }
}
