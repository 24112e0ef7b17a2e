package jp.kenshin.outreach.cycle;

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
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import jp.kenshin.outreach.ContractGate;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.PersonalValues;
import jp.kenshin.outreach.fileimport.ImportReport;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.process.AnnualOutreachCycleVariables;
import jp.kenshin.outreach.results.ResultsImportService;
import jp.kenshin.outreach.selection.TargetSelectionService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Walks the annual cycle from its start to the frozen target list, with one send-back on the way. */
@IntegrationTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class AnnualOutreachCycleProcessIT {

    private static final int FY = 2033;
    private static final Charset CP932 = Charset.forName("windows-31j");

    @Autowired
    ProcessEngine engine;
    @Autowired
    CycleStarter starter;
    @Autowired
    MembersImportService members;
    @Autowired
    ResultsImportService results;
    @Autowired
    TargetSelectionService selection;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    jp.kenshin.outreach.compliance.ContractService contracts;
    @Autowired
    DataSource dataSource;

    @BeforeEach
    void engine() {
        AbstractAssertions.init(engine);
    }

    @Test
    void walksTheCycleToTheFrozenListAndLeavesNoPersonalValueInTheEngineOrTheLog(
            org.springframework.boot.test.system.CapturedOutput log) throws Exception {
        SyntheticWardGenerator generator = new SyntheticWardGenerator(new SyntheticWardSpec(2033, 400, FY, CP932));
        ByteArrayOutputStream membersFile = new ByteArrayOutputStream();
        generator.writeMembers(membersFile);
        ByteArrayOutputStream resultsFile = new ByteArrayOutputStream();
        generator.writeResults(FY - 1, resultsFile);

        CycleStarter.CycleState state = starter.start(new CycleStarter.CycleStart(FY, LocalDate.of(FY, 4, 1), 0.0, null));
        ProcessInstance cycle = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(state.processInstanceId()).singleResult();
        assertThat(cycle).isWaitingAt(AnnualOutreachCycleVariables.CALL_ACTIVITY_CONTRACT).hasBusinessKey(Integer.toString(FY));
        ContractGate.pass(engine.getIdentityService(), engine.getTaskService(), contracts, FY);
        assertThat(cycle).isWaitingAt(AnnualOutreachCycleVariables.TASK_IMPORT_MEMBERS);
        assertThat(task()).hasCandidateGroup("ward-staff");
        assertThatThrownBy(() -> starter.start(new CycleStarter.CycleStart(FY, LocalDate.of(FY, 4, 1), 0.0, null)))
                .isInstanceOf(IllegalStateException.class);

        ImportReport membersImport = members.importMembers(FY, new ByteArrayInputStream(membersFile.toByteArray()),
                "members.csv", "windows-31j", true);
        ImportReport resultsImport = results.importResults(FY, new ByteArrayInputStream(resultsFile.toByteArray()),
                "results.csv", "windows-31j", false);
        assertThat(resultsImport.rowsRejected()).isZero();

        // an import id of the wrong kind is refused with a message that names ids only
        assertThatThrownBy(() -> complete(task(), withVariables(AnnualOutreachCycleVariables.MEMBERS_IMPORT_ID, resultsImport.id())))
                .hasMessageContaining("取込番号 " + resultsImport.id());
        complete(task(), withVariables(AnnualOutreachCycleVariables.MEMBERS_IMPORT_ID, membersImport.id()));
        assertThat(cycle).isWaitingAt(AnnualOutreachCycleVariables.TASK_IMPORT_PREVIOUS_RESULTS);
        complete(task(), withVariables(AnnualOutreachCycleVariables.PREVIOUS_RESULTS_IMPORT_ID, resultsImport.id()));

        assertThat(cycle).isWaitingAt(AnnualOutreachCycleVariables.SERVICE_TASK_SELECT_TARGETS);
        execute(job());
        assertThat(cycle).isWaitingAt(AnnualOutreachCycleVariables.TASK_APPROVE_TARGET_LIST);
        long firstRun = ((Number) engine.getRuntimeService().getVariable(cycle.getId(), AnnualOutreachCycleVariables.SELECTION_RUN_ID)).longValue();
        assertThat(cycle).variables().containsKeys(AnnualOutreachCycleVariables.TARGET_COUNT, AnnualOutreachCycleVariables.NOTICE_AND_CALL_COUNT,
                AnnualOutreachCycleVariables.SELECTION_SUMMARY);

        // sent back once: the cycle returns to the imports, with the previous ids kept in the form
        complete(task(), withVariables(AnnualOutreachCycleVariables.TARGET_LIST_APPROVED, false, AnnualOutreachCycleVariables.APPROVAL_COMMENT, "前年度の結果ファイルが古い版でした"));
        assertThat(cycle).isWaitingAt(AnnualOutreachCycleVariables.TASK_IMPORT_MEMBERS);
        complete(task(), withVariables(AnnualOutreachCycleVariables.MEMBERS_IMPORT_ID, membersImport.id()));
        complete(task(), withVariables(AnnualOutreachCycleVariables.PREVIOUS_RESULTS_IMPORT_ID, resultsImport.id()));
        execute(job());
        long secondRun = ((Number) engine.getRuntimeService().getVariable(cycle.getId(), AnnualOutreachCycleVariables.SELECTION_RUN_ID)).longValue();
        assertThat(secondRun).isNotEqualTo(firstRun);

        complete(task(), withVariables(AnnualOutreachCycleVariables.TARGET_LIST_APPROVED, true));
        assertThat(cycle).isWaitingAt(AnnualOutreachCycleVariables.CALL_ACTIVITY_MAILING).hasPassed("ServiceTask_FreezeTargetList");
        assertThat(selection.frozenRun(FY)).isEqualTo(secondRun);
        assertThat(jdbc.queryForObject("select status from selection_run where id = ?", String.class, firstRun))
                .isEqualTo("SUPERSEDED");
        assertThat(selection.counts(secondRun).targets()).isPositive();

        Set<String> personal = PersonalValues.of(membersFile.toByteArray(), CP932);
        assertThat(personal).hasSizeGreaterThan(1000);
        List<String> leaks = PersonalValues.findIn(dataSource, "act_", personal);
        assertThat(leaks).isEmpty();
        assertThat(log.getAll()).contains("Selection run " + secondRun);
        assertThat(personal.stream().filter(log.getAll()::contains).toList()).as("personal values in the log").isEmpty();
        String masterKey = java.nio.file.Files.readString(java.nio.file.Path.of("target", "test-master.key")).trim();
        assertThat(log.getAll()).doesNotContain(masterKey);
    }
}
