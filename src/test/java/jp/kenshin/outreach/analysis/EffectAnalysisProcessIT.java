package jp.kenshin.outreach.analysis;

import static jp.kenshin.outreach.process.AnnualOutreachCycleVariables.*;
import static jp.kenshin.outreach.process.EffectAnalysisVariables.*;
import static jp.kenshin.outreach.process.MailingVariables.*;
import static jp.kenshin.outreach.process.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.PersonalValues;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.mailing.MailingService;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.AccessRefusedException;
import jp.kenshin.outreach.privacy.Designations;
import jp.kenshin.outreach.privacy.PersonalDataService.AccessContext;
import jp.kenshin.outreach.privacy.Requester;
import jp.kenshin.outreach.results.ResultsImportService;
import jp.kenshin.outreach.selection.TargetSelectionService;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * effect-analysis.bpmn called by the annual cycle: the cycle from the mailing (dispatch, calls, returned
 * cards) to the results cut-off timer, the analyst refused by the door without training, the run as the
 * analyst, a send-back, the ward's approval and the deliverables written; the deliverables read back
 * (PDF text, workbook cells, CSV) and searched, with the engine's tables, for any personal value. And a
 * year without holdout, mailing or calls, run over REST.
 */
@IntegrationTest
class EffectAnalysisProcessIT {

    private static final int FY = 2152;
    private static final int FY_PLAIN = 2153;

    @Autowired
    ProcessEngine engine;
    @Autowired
    MembersImportService members;
    @Autowired
    ResultsImportService results;
    @Autowired
    TargetSelectionService selection;
    @Autowired
    MailingService mailing;
    @Autowired
    CallCaseService calls;
    @Autowired
    Designations designations;
    @Autowired
    EffectAnalysisService analyses;
    @Autowired
    AnalysisProperties properties;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    jp.kenshin.outreach.privacy.PersonalCipher cipher;
    @Autowired
    DataSource dataSource;
    @Autowired
    TestRestTemplate rest;

    @BeforeEach
    void engine() {
        AbstractAssertions.init(engine);
        engine.getIdentityService().clearAuthentication();
    }

    @AfterEach
    void signOut() {
        engine.getIdentityService().clearAuthentication();
    }

    private List<String> instances(int fiscalYear) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(Integer.toString(fiscalYear)).list()
                .stream().map(ProcessInstance::getId).toList();
    }

    /** Runs the asynchronous continuations (not timers) of the year's instances until none is left. */
    private void runJobs(int fiscalYear) {
        for (int round = 0; round < 200; round++) {
            List<Job> jobs = new ArrayList<>();
            for (String id : instances(fiscalYear)) {
                jobs.addAll(engine.getManagementService().createJobQuery().processInstanceId(id).messages().list());
            }
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
    }

    private Job timer(String activityId) {
        return engine.getManagementService().createJobQuery().activityId(activityId).timers().list().stream()
                .filter(j -> instances(FY).contains(j.getProcessInstanceId())).findFirst().orElseThrow();
    }

    private Task task(String key) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(Integer.toString(FY)).taskDefinitionKey(key)
                .singleResult();
    }

    private void completeAs(String user, String group, String taskKey, Map<String, Object> variables) {
        engine.getIdentityService().setAuthentication(user, List.of(group));
        try {
            engine.getTaskService().complete(task(taskKey).getId(), variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    @Test
    void fromTheMailingThroughTheCutOffToThePublishedAnalysis() throws Exception {
        AnalysisFixture fixture = AnalysisFixture.select(FY, 1500, 0.2, members, results, selection, jdbc, cipher);
        AnalysisFixture.analysts(FY, designations, engine.getIdentityService());

        // the cycle from its mailing on (the steps before it are walked in AnnualOutreachCycleProcessIT)
        ProcessInstance cycle = engine.getRuntimeService().createProcessInstanceByKey(PROCESS_KEY).businessKey(Integer.toString(FY))
                .setVariable(FISCAL_YEAR, FY).setVariable(HOLDOUT_SHARE, 0.2).startBeforeActivity(CALL_ACTIVITY_MAILING).execute();
        runJobs(FY);
        engine.getTaskService().complete(task(TASK_APPROVE_PROOF).getId(), Map.of(PROOF_APPROVED, true));
        engine.getTaskService().complete(task(TASK_HAND_OVER_PRINT_DATA).getId());
        engine.getTaskService().complete(task(TASK_RECORD_DISPATCH).getId(), Map.of(DISPATCH_DATE, fixture.dispatch.toString()));
        engine.getManagementService().executeJob(timer(TIMER_CALLS_START).getId());
        runJobs(FY);
        assertThat(calls.count(FY)).isPositive();
        fixture.returned(mailing);
        fixture.call(calls);
        engine.getTaskService().complete(task(TASK_ACCEPT_RETURNED_MAIL).getId());

        // the cycle waits for the day after the results cut-off (30 June of the next year by default)
        assertThat(cycle).isWaitingAt(TIMER_RESULTS_CUT_OFF).variables().containsEntry(RESULTS_CUT_OFF, (FY + 1) + "-06-30");
        assertThat(timer(TIMER_RESULTS_CUT_OFF).getDuedate().getTime()).isEqualTo(
                LocalDate.of(FY + 1, 7, 1).atTime(9, 0).atZone(ZoneId.of("Asia/Tokyo")).toInstant().toEpochMilli());
        fixture.results(results);
        engine.getManagementService().executeJob(timer(TIMER_RESULTS_CUT_OFF).getId());
        assertThat(cycle).isWaitingAt(SERVICE_TASK_END_CALLS_AT_CUT_OFF);
        engine.getManagementService().executeJob(engine.getManagementService().createJobQuery().processInstanceId(cycle.getId())
                .activityId(SERVICE_TASK_END_CALLS_AT_CUT_OFF).singleResult().getId());
        assertThat(jdbc.queryForObject("select count(*) from call_case where fiscal_year = ? and state = 'OPEN'", Long.class, FY))
                .as("calls open after the cut-off").isZero();
        assertThat(cycle).isWaitingAt(CALL_ACTIVITY_EFFECT_ANALYSIS);
        ProcessInstance analysis = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(EFFECT_ANALYSIS_PROCESS_KEY)
                .processInstanceBusinessKey(Integer.toString(FY)).singleResult();
        assertThat(analysis).isWaitingAt(TASK_RUN_EFFECT_ANALYSIS).variables().containsEntry(FISCAL_YEAR, FY)
                .containsEntry(ANALYSIS_CUT_OFF, (FY + 1) + "-06-30");
        assertThat(task(TASK_RUN_EFFECT_ANALYSIS)).hasCandidateGroup("analyst");

        // an analyst without training on record is refused by the door, and the refusal is on record
        assertThatThrownBy(() -> completeAs(AnalysisFixture.UNTRAINED_ANALYST, "analyst", TASK_RUN_EFFECT_ANALYSIS,
                Map.of(UNIT_COST_PER_CARD, 85, UNIT_COST_PER_CALL, 150)))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("効果分析に必要な健診結果を読めません")
                .hasMessageContaining("ユーザー " + AnalysisFixture.UNTRAINED_ANALYST + " の個人情報保護研修の記録がありません（特記事項10）");
        assertThat(jdbc.queryForObject("""
                select count(*) from audit_log where fiscal_year = ? and user_id = ? and action = 'ANALYSIS_READ' and outcome = 'REFUSED'""",
                Integer.class, FY, AnalysisFixture.UNTRAINED_ANALYST)).isEqualTo(1);
        assertThat(analysis).isWaitingAt(TASK_RUN_EFFECT_ANALYSIS);
        assertThatThrownBy(() -> completeAs(AnalysisFixture.ANALYST, "analyst", TASK_RUN_EFFECT_ANALYSIS,
                Map.of(UNIT_COST_PER_CARD, 85))).hasMessageContaining("両方を入力するか両方を空欄に");

        // the analyst runs it; the ward sends it back once, the analyst runs it again, the ward approves
        completeAs(AnalysisFixture.ANALYST, "analyst", TASK_RUN_EFFECT_ANALYSIS, Map.of(UNIT_COST_PER_CARD, 85, UNIT_COST_PER_CALL, 120));
        long first = ((Number) engine.getRuntimeService().getVariable(analysis.getId(), ANALYSIS_RUN_ID)).longValue();
        assertThat(analysis).isWaitingAt(TASK_APPROVE_ANALYSIS_REPORT).variables()
                .containsEntry(HEADLINE_BASIS, EffectAnalysis.Headline.ITT).containsKeys(ANALYSIS_TARGETS, ANALYSIS_ATTENDED,
                        CALL_ARM_UPTAKE, COMPARISON_UPTAKE, UPTAKE_DIFFERENCE, ANALYSIS_SUMMARY);
        assertThat(task(TASK_APPROVE_ANALYSIS_REPORT)).hasCandidateGroup("ward-staff");
        assertThat((String) engine.getRuntimeService().getVariable(analysis.getId(), ANALYSIS_SUMMARY))
                .contains("分析番号 " + first, "主な結果（ランダム化比較）");
        assertThat(analyses.find(first).createdBy()).isEqualTo(AnalysisFixture.ANALYST);
        completeAs(AnalysisFixture.WARD, "ward-staff", TASK_APPROVE_ANALYSIS_REPORT,
                Map.of(ANALYSIS_APPROVED, false, ANALYSIS_COMMENT, "電話1回の単価は150円です"));
        assertThat(analysis).isWaitingAt(TASK_RUN_EFFECT_ANALYSIS).variables().containsEntry(ANALYSIS_COMMENT, "電話1回の単価は150円です");
        completeAs(AnalysisFixture.ANALYST, "analyst", TASK_RUN_EFFECT_ANALYSIS, Map.of(UNIT_COST_PER_CARD, 85, UNIT_COST_PER_CALL, 150));
        long second = ((Number) engine.getRuntimeService().getVariable(analysis.getId(), ANALYSIS_RUN_ID)).longValue();
        assertThat(second).isNotEqualTo(first);
        assertThat(analyses.find(first).status()).isEqualTo(AnalysisRun.SUPERSEDED);
        completeAs(AnalysisFixture.WARD, "ward-staff", TASK_APPROVE_ANALYSIS_REPORT, Map.of(ANALYSIS_APPROVED, true));
        assertThat(analyses.find(second).status()).isEqualTo(AnalysisRun.APPROVED);
        assertThat(analyses.find(second).approvedBy()).isEqualTo(AnalysisFixture.WARD);
        assertThat(analysis).isWaitingAt(SERVICE_TASK_PUBLISH_DELIVERABLES);
        runJobs(FY);
        // next year's call plan: the ward sends it back, the analyst withdraws it (next year phones everyone with a number)
        assertThat(analysis).isWaitingAt(TASK_APPROVE_CALL_PLAN).variables().containsKey(CALL_PLAN_SUMMARY);
        long planId = ((Number) engine.getRuntimeService().getVariable(analysis.getId(), CALL_PLAN_ID)).longValue();
        assertThatThrownBy(() -> completeAs(AnalysisFixture.WARD, "ward-staff", TASK_APPROVE_CALL_PLAN, Map.of(CALL_PLAN_APPROVED, false)))
                .hasMessageContaining("差し戻す理由を入力してください");
        completeAs(AnalysisFixture.WARD, "ward-staff", TASK_APPROVE_CALL_PLAN,
                Map.of(CALL_PLAN_APPROVED, false, CALL_PLAN_COMMENT, "来年度は全員に電話します"));
        assertThat(analysis).isWaitingAt(TASK_REVISE_CALL_PLAN);
        assertThat(task(TASK_REVISE_CALL_PLAN)).hasCandidateGroup("analyst");
        completeAs(AnalysisFixture.ANALYST, "analyst", TASK_REVISE_CALL_PLAN, Map.of(CALL_PLAN_WITHDRAWN, true));
        assertThat(jdbc.queryForObject("select status from call_plan where id = ?", String.class, planId)).isEqualTo("SENT_BACK");
        assertThat(jdbc.queryForObject("select count(*) from call_plan where fiscal_year = ? and status = 'APPROVED'", Long.class, FY))
                .isZero();
        assertThat(analysis).isEnded().hasPassed(END_EVENT_ANALYSIS_PUBLISHED);
        assertThat(cycle).isEnded().hasPassed(CALL_ACTIVITY_EFFECT_ANALYSIS, END_EVENT_CYCLE_COMPLETED);

        // the deliverables
        Path directory = properties.directory(FY);
        byte[] pdf = Files.readAllBytes(directory.resolve("report.pdf"));
        byte[] csv = Files.readAllBytes(directory.resolve("figures.csv"));
        byte[] xlsx = Files.readAllBytes(directory.resolve("figures.xlsx"));
        assertThat(analyses.find(second).publishedFiles()).contains("report.pdf ", "figures.csv ", "figures.xlsx ");
        EffectAnalysis figures = analyses.analysis(second);
        assertThat(figures.counts().callCases()).isEqualTo(calls.count(FY));
        assertThat(figures.counts().returnedCards()).isPositive();
        assertThat(figures.curves()).isPresent();
        assertThat(figures.figures().costs().orElseThrow().unitCosts().perCall()).isEqualByComparingTo("150");

        String text = EffectDocumentsTest.pdfText(pdf);
        assertThat(text).contains("効果分析報告書", "主な結果", "群別の受診率", "電話の効果の比較", "粗の値と、性別・年齢をそろえた値",
                "この分析で言えること・言えないこと", "差出日からの受診の推移", "返戻はがき", "費用", "電話の群の内訳", "方法",
                "電話勧奨の効果（ランダム化比較）", "乱数で分けました", "区の承認");

        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String csvText = new String(csv, StandardCharsets.UTF_8);
        assertThat(csvText).contains("区分,指標,群・層,値,95%下限,95%上限,方法,分子,分母")
                .contains(",受診率の差,ITT（割り付けどおり）," + figures.figures().holdout().orElseThrow().intentionToTreat().difference().value() + ",")
                .contains("群別の受診率,受診率,通知＋電話," + figures.figures().call().estimate() + ",");

        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheet("指標");
            boolean found = false;
            for (Row row : sheet) {
                if (row.getRowNum() > 0 && "Mantel–Haenszelオッズ比".equals(row.getCell(1).getStringCellValue())
                        && FigureRows.STRATIFIED.equals(row.getCell(0).getStringCellValue())) {
                    assertThat(row.getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
                    assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(figures.figures().stratified().oddsRatio().value());
                    assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(figures.figures().stratified().oddsRatio().ci95().lower());
                    found = true;
                }
            }
            assertThat(found).isTrue();
            assertThat(book.getSheet("受診の推移").getLastRowNum()).isEqualTo(figures.curves().orElseThrow().lastDay() + 1);
        }

        // no personal value anywhere: deliverables, the stored figures, the engine's tables
        Set<String> personal = PersonalValues.of(fixture.membersFile, StandardCharsets.UTF_8);
        assertThat(personal).hasSizeGreaterThan(1000);
        String workbookText = workbookText(xlsx);
        List<String> inDeliverables = personal.stream()
                .filter(v -> text.contains(v.replaceAll("\\s+", "")) || csvText.contains(v) || workbookText.contains(v)).toList();
        assertThat(inDeliverables).as("personal values in the deliverables").isEmpty();
        assertThat(PersonalValues.findIn(dataSource, "analysis_", personal)).isEmpty();
        assertThat(PersonalValues.findIn(dataSource, "act_", personal)).isEmpty();
        List<String> personNumbers = fixture.people().stream().map(AnalysisFixture.Person::personNo).toList();
        String stored = jdbc.queryForObject("select figures from analysis_run where id = ?", String.class, second);
        assertThat(personNumbers.stream().filter(stored::contains).toList()).as("person numbers in the stored figures").isEmpty();
    }

    private static String workbookText(byte[] xlsx) throws Exception {
        StringBuilder text = new StringBuilder();
        DataFormatter format = new DataFormatter();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : book) {
                for (Row row : sheet) {
                    row.forEach(cell -> text.append(format.formatCellValue(cell)).append('\u0001'));
                }
            }
        }
        return text.toString();
    }

    @Test
    void aYearWithoutHoldoutMailingOrCallsOverRest() throws Exception {
        AnalysisFixture fixture = AnalysisFixture.select(FY_PLAIN, 800, 0, members, results, selection, jdbc, cipher);
        fixture.results(results);
        TestUsers.ensure(engine.getIdentityService(), "eaward2", "ward-staff");
        TestUsers.ensure(engine.getIdentityService(), "eaanalyst2", "analyst");
        TestUsers.ensure(engine.getIdentityService(), "eaauditor", "auditor");
        TestUsers.ensure(engine.getIdentityService(), "eaoperator2", "contractor-operator");

        // an analyst not designated for the year: the door refuses, over REST as in the service
        assertThatThrownBy(() -> analyses.run(new Requester("eaanalyst2", Set.of(Requester.ANALYST)), FY_PLAIN,
                LocalDate.of(FY_PLAIN + 1, 3, 31), Optional.empty(), AccessContext.of("試験")))
                .isInstanceOf(AccessRefusedException.class).hasMessage("ユーザー eaanalyst2 は 2153 年度の取扱者に指定されていません");
        Map<String, Object> request = Map.of("fiscalYear", FY_PLAIN, "cutOff", (FY_PLAIN + 1) + "-03-31");
        ResponseEntity<String> refused = as("eaanalyst2").postForEntity("/api/analyses", new HttpEntity<>(request), String.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getBody()).contains("取扱者に指定されていません");

        // the ward's staff pass the door
        ResponseEntity<AnalysisRun> created = as("eaward2").postForEntity("/api/analyses", new HttpEntity<>(request), AnalysisRun.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long id = created.getBody().id();
        EffectAnalysis a = analyses.analysis(id);
        assertThat(a.withHoldout()).isFalse();
        assertThat(a.headline().basis()).isEqualTo(EffectAnalysis.Headline.CRUDE);
        assertThat(a.dispatchDate()).isEmpty();
        assertThat(a.curves()).isEmpty();
        assertThat(a.curvesNotComputedReason()).contains("差出日が記録されていないため、差出日からの受診の推移は作成していません");
        assertThat(a.counts().callsMade()).isZero();
        assertThat(a.counts().returnedCards()).isZero();
        assertThat(a.phoneArm().byReach()).extracting(EffectAnalysis.Descriptive::code).containsExactly("NOT_REACHED");
        long attended = fixture.people().stream().filter(p -> p.attendedBy(LocalDate.of(FY_PLAIN + 1, 3, 31))).count();
        assertThat(a.counts().attended()).isEqualTo(attended);

        assertThat(as("eaanalyst2").getForEntity("/api/analyses?fiscalYear=" + FY_PLAIN, String.class).getBody()).contains("\"id\":" + id);
        assertThat(as("eaanalyst2").getForEntity("/api/analyses/" + id, String.class).getBody()).contains("\"figures\"", "\"crude\"");
        ResponseEntity<byte[]> pdf = as("eaanalyst2").getForEntity("/api/analyses/" + id + "/report.pdf", byte[].class);
        assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(EffectDocumentsTest.pdfText(pdf.getBody())).contains("比較群（ホールドアウト）を設けていません", "案（区の承認前）",
                "層別（Mantel–Haenszel）", "調整（ロジスティック回帰）", "差出日が記録されていないため");
        ResponseEntity<byte[]> csv = as("eaward2").getForEntity("/api/analyses/" + id + "/figures.csv", byte[].class);
        assertThat(csv.getHeaders().getContentDisposition().getFilename()).isEqualTo("effect-analysis-" + id + ".csv");
        assertThat(csv.getBody()).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(as("eaward2").getForEntity("/api/analyses/" + id + "/figures.xlsx", byte[].class).getStatusCode()).isEqualTo(HttpStatus.OK);
        for (String outsider : List.of("eaauditor", "eaoperator2")) {
            assertThat(as(outsider).getForEntity("/api/analyses/" + id + "/report.pdf", String.class).getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(as(outsider).getForEntity("/api/analyses?fiscalYear=" + FY_PLAIN, String.class).getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
    }

    private TestRestTemplate as(String user) {
        return rest.withBasicAuth(user, TestUsers.password(user));
    }
}
