package jp.kenshin.outreach.analysis;

import static jp.kenshin.outreach.process.AnnualOutreachCycleVariables.*;
import static jp.kenshin.outreach.process.EffectAnalysisVariables.*;
import static jp.kenshin.outreach.process.PhoneOutreachVariables.*;
import static jp.kenshin.outreach.process.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.PersonalValues;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.compliance.DeletionService;
import jp.kenshin.outreach.mailing.MailingService;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.Designations;
import jp.kenshin.outreach.results.ResultsImportService;
import jp.kenshin.outreach.selection.SelectionCounts;
import jp.kenshin.outreach.selection.TargetSelectionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Input;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 16, items 3 to 5: a synthetic ward where the effect of the calls is known by construction — a call raises the
 * chance of attending by {@value #EFFECT} in two strata and not at all elsewhere — run for two years through the real
 * services. Year 1: selection (everyone with a number phoned, 30% holdout), postcards, calls, results, the effect-analysis
 * process to the plan: the ward sends the first proposal back over the engine's REST API, the analyst revises it with a
 * budget that fits two strata, the ward approves it over REST, and it is deployed as a new version of
 * Decision_CallPriority. Year 1 is then deleted, and what survives (the plan, its DMN, the analysis) is searched for
 * anything personal. Year 2: the selection applies the approved plan (only the two strata are phoned, their holdout drawn),
 * records its decision definition id, and the year-2 analysis finds the effects within their intervals.
 */
@IntegrationTest
class CallPlanSimulationIT {

    private static final int Y1 = 2195;
    private static final int Y2 = 2196;
    private static final int MEMBERS = 7000;
    private static final double EFFECT = 0.35;
    private static final double BASE = 0.4;
    /** The strata where a call works (sex|age band). */
    private static final Set<String> EFFECT_STRATA = Set.of("2|55-59", "1|65-69");

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
    CallPlanService plans;
    @Autowired
    DeletionService deletion;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    jp.kenshin.outreach.privacy.PersonalCipher cipher;
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

    private static double uptake(Arm arm, int sex, String ageBand) {
        return BASE + (arm == Arm.NOTICE_AND_CALL && EFFECT_STRATA.contains(sex + "|" + ageBand) ? EFFECT : 0);
    }

    @Test
    void thePlanOfYearOneCallsTheRightStrataInYearTwoAndOnlyAggregatesCrossTheYear() throws Exception {
        long started = System.nanoTime();
        // ---- year 1: everyone with a number is phoned (the committed default), 30% held out
        AnalysisFixture year1 = AnalysisFixture.select(Y1, MEMBERS, 0.3, members, results, selection, jdbc, cipher);
        assertThat(year1.counts.notCalledByPlan()).isZero();
        DecisionDefinition shipped = engine.getRepositoryService().getDecisionDefinition(year1.counts.callPlanDecisionId());
        assertThat(shipped.getKey()).isEqualTo(CallPlanDmn.DECISION_KEY);
        assertThat(shipped.getResourceName()).doesNotStartWith(CallPlanService.RESOURCE_PREFIX).endsWith("call-priority.dmn");
        year1.mail(mailing);
        year1.call(calls);
        year1.results(results, (arm, sex, band, reached) -> uptake(arm, sex, band));
        AnalysisFixture.analysts(Y1, designations, engine.getIdentityService());

        ProcessInstance analysis = engine.getRuntimeService().startProcessInstanceByKey(EFFECT_ANALYSIS_PROCESS_KEY,
                Integer.toString(Y1), Map.of(FISCAL_YEAR, Y1));
        completeAs(AnalysisFixture.ANALYST, "analyst", TASK_RUN_EFFECT_ANALYSIS, Map.of(ANALYSIS_CUT_OFF, cutOff(Y1).toString()));
        completeAs(AnalysisFixture.WARD, "ward-staff", TASK_APPROVE_ANALYSIS_REPORT, Map.of(ANALYSIS_APPROVED, true));
        runJobs(analysis);
        assertThat(analysis).isWaitingAt(TASK_APPROVE_CALL_PLAN);
        long runId = ((Number) engine.getRuntimeService().getVariable(analysis.getId(), ANALYSIS_RUN_ID)).longValue();
        CallPriority priority = analyses.analysis(runId).callPriority().orElseThrow();
        assertThat(priority.rows().get(0).code()).as("the best stratum is one where calls work").isIn(EFFECT_STRATA);
        assertThat(priority.rows().get(1).code()).isIn(EFFECT_STRATA);

        // the first proposal (budget: this year's calls) is shown in the form, and sent back over REST with a reason
        long first = ((Number) engine.getRuntimeService().getVariable(analysis.getId(), CALL_PLAN_ID)).longValue();
        String summary = (String) engine.getRuntimeService().getVariable(analysis.getId(), CALL_PLAN_SUMMARY);
        assertThat(summary).contains((Y1 + 1) + "年度の電話勧奨の計画", "電話番号のある人全員に電話", "電話1回当たりの追加受診（95%信頼区間）",
                "電話しない比較群の割合：10%");
        TestRestTemplate ward = as(AnalysisFixture.WARD, "ward-staff");
        String approveTask = task(analysis, TASK_APPROVE_CALL_PLAN).getId();
        assertThat(ward.postForEntity("/engine-rest/task/" + approveTask + "/complete",
                Map.of("variables", Map.of(CALL_PLAN_APPROVED, Map.of("value", false))), String.class).getStatusCode())
                .as("a send-back without a reason is refused").isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(ward.postForEntity("/engine-rest/task/" + approveTask + "/complete",
                Map.of("variables", Map.of(CALL_PLAN_APPROVED, Map.of("value", false), CALL_PLAN_COMMENT,
                        Map.of("value", "架電数を効果の大きい層に絞ってください"))), String.class).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(plans.find(first).status()).isEqualTo(CallPlanService.SENT_BACK);

        // the analyst revises: a budget that fits the two strata where calls work (and the small strata, phoned anyway)
        double budget = 0;
        for (CallPriority.Row row : priority.rows()) {
            if (row.suppressed() || EFFECT_STRATA.contains(row.code())) {
                budget += row.expectedCalls();
            }
        }
        completeAs(AnalysisFixture.ANALYST, "analyst", TASK_REVISE_CALL_PLAN, Map.of(CALL_PLAN_WITHDRAWN, false,
                CALL_BUDGET, (long) Math.ceil(budget), PLAN_HOLDOUT_SHARE, 0.3));
        long planId = ((Number) engine.getRuntimeService().getVariable(analysis.getId(), CALL_PLAN_ID)).longValue();
        assertThat(planId).isNotEqualTo(first);
        CallPlan plan = plans.find(planId).plan();
        assertThat(plan.called().stream().filter(s -> !s.suppressed()).map(CallPlan.Stratum::code).toList())
                .containsExactlyInAnyOrderElementsOf(EFFECT_STRATA);
        assertThat(plan.plannedGain().value()).isLessThanOrEqualTo(plan.everyoneGain().value() + 1e-9);
        assertThat(plan.plannedCalls()).isLessThan(plan.everyoneCalls());

        String approve = task(analysis, TASK_APPROVE_CALL_PLAN).getId();
        assertThat(ward.postForEntity("/engine-rest/task/" + approve + "/complete",
                Map.of("variables", Map.of(CALL_PLAN_APPROVED, Map.of("value", true))), String.class).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(analysis).isWaitingAt(SERVICE_TASK_DEPLOY_CALL_PLAN);
        runJobs(analysis);
        assertThat(analysis).isEnded().hasPassed(END_EVENT_CALL_PLAN_DEPLOYED);
        CallPlanService.StoredPlan approved = plans.find(planId);
        assertThat(approved.status()).isEqualTo(CallPlanService.APPROVED);
        assertThat(approved.approvedBy()).isEqualTo(AnalysisFixture.WARD);
        DecisionDefinition deployed = engine.getRepositoryService().getDecisionDefinition(approved.decisionDefinitionId());
        assertThat(deployed.getKey()).isEqualTo(CallPlanDmn.DECISION_KEY);
        assertThat(deployed.getVersion()).isGreaterThan(shipped.getVersion());
        @SuppressWarnings("unchecked")
        Map<String, Object> overRest = ward.exchange("/api/call-plans/" + planId, HttpMethod.GET, null, Map.class).getBody();
        assertThat(overRest).containsEntry("decisionDefinitionId", approved.decisionDefinitionId()).containsEntry("status", "APPROVED");
        String dmn = ward.getForObject("/api/call-plans/" + planId + "/call-priority.dmn", String.class);
        assertThat(dmn).contains("annotationEntry", "Rule_Default", "DMNShape_CallPriority");

        // ---- year 1 is deleted: what the next year reads carries nothing personal
        Set<String> personal = new HashSet<>(PersonalValues.of(year1.membersFile, StandardCharsets.UTF_8));
        year1.people().forEach(p -> personal.add(p.personNo()));
        List<Long> memberIds = jdbc.queryForList("select id from member where fiscal_year = ?", Long.class, Y1);
        deletion.destroy(Y1, "ward", null);
        assertThat(jdbc.queryForObject("select count(*) from member where fiscal_year = ?", Long.class, Y1)).isZero();
        List<String> kept = new ArrayList<>();
        String approvedFigures = jdbc.queryForObject("select figures from call_plan where id = ?", String.class, planId);
        String approvedDmn = plans.dmn(planId);
        kept.addAll(jdbc.queryForList("select figures from call_plan where fiscal_year = ?", String.class, Y1));
        kept.addAll(jdbc.queryForList("select dmn_xml from call_plan where fiscal_year = ?", String.class, Y1));
        kept.addAll(jdbc.queryForList("select figures from analysis_run where fiscal_year = ?", String.class, Y1));
        try (var in = engine.getRepositoryService().getDecisionModel(approved.decisionDefinitionId())) {
            kept.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        for (String text : kept) {
            assertThat(personal.stream().filter(v -> v.length() >= 4 && text.contains(v)).toList()).as("personal values kept").isEmpty();
        }
        // the plan's fields are aggregates by name, its DMN decides on sex and age band only
        Set<String> fields = new TreeSet<>();
        fieldNames(EffectAnalysisService.JSON.readTree(approvedFigures), fields);
        assertThat(fields).noneMatch(f -> f.matches("(?i).*(member|personno|person_?id|ticket|insur).*"))
                .isSubsetOf(PLAN_FIELDS);
        DmnModelInstance model = Dmn.readModelFromStream(new ByteArrayInputStream(approvedDmn.getBytes(StandardCharsets.UTF_8)));
        assertThat(model.getModelElementsByType(Input.class)).extracting(i -> i.getInputExpression().getText().getTextContent())
                .containsExactly("sex", "ageBand");
        // no stratum of fewer than 10 people with a figure: each stratum shown rests on no count from 1 to 9
        SegmentEffects.Segmentation sexAge = analyses.analysis(runId).segments().orElseThrow().segmentations().get(0);
        for (CallPlan.Stratum s : approved.plan().strata()) {
            SegmentEffects.Segment segment = sexAge.segments().stream().filter(g -> g.code().equals(s.code())).findFirst().orElseThrow();
            boolean small = jp.kenshin.outreach.analysis.SmallCells.suppressed(segment.callPeople(), segment.callAttended(),
                    segment.comparisonPeople(), segment.comparisonAttended());
            assertThat(s.suppressed()).as(s.code()).isEqualTo(small);
            if (small) {
                assertThat(s.people()).isEmpty();
                assertThat(s.expectedGain()).isEmpty();
                assertThat(approvedDmn).doesNotContain("Rule_" + (s.sex() == 1 ? "M" : "F") + "_" + s.ageBand().replace('-', '_'));
            } else {
                assertThat(s.people().orElseThrow()).isGreaterThanOrEqualTo(SmallCells.MIN);
            }
        }
        assertThat(memberIds).isNotEmpty();

        // ---- year 2: the approved plan steers the selection and the call cases
        // the cycle asks for a 20% holdout: the plan's 30% applies in the strata it phones
        AnalysisFixture year2 = AnalysisFixture.select(Y2, MEMBERS, 0.2, members, results, selection, jdbc, cipher);
        SelectionCounts counts = year2.counts;
        assertThat(counts.callPlanDecisionId()).isEqualTo(approved.decisionDefinitionId());
        assertThat(counts.toJapaneseSummary()).contains("電話勧奨の優先度（決定表の版）：" + approved.decisionDefinitionId(),
                "うち計画で電話しない層");
        @SuppressWarnings("unchecked")
        Map<String, Object> selectionOverRest = as(AnalysisFixture.WARD, "ward-staff")
                .getForObject("/api/selections/" + counts.runId(), Map.class);
        assertThat(selectionOverRest).containsEntry("callPlanDecisionId", approved.decisionDefinitionId());
        assertThat(counts.holdoutShare()).isEqualTo(0.3);
        Set<String> planned = new HashSet<>();
        approved.plan().called().forEach(s -> planned.add(s.code()));
        for (SelectionCounts.StratumCount s : counts.bySexAndAgeBand()) {
            String code = s.sex() + "|" + s.ageBand();
            if (planned.contains(code) || approved.plan().strata().stream().noneMatch(p -> p.code().equals(code))) {
                assertThat(s.notCalledByPlan()).as(code).isZero();
                long phoneOwners = s.noticeAndCall() + s.heldOut();
                assertThat(s.heldOut()).as(code).isEqualTo(Math.round(Math.floor(phoneOwners * 0.3 + 0.5)));
            } else {
                assertThat(s.noticeAndCall()).as(code).isZero();
                assertThat(s.heldOut()).as(code).isZero();
                assertThat(s.notCalledByPlan()).as(code).isPositive();
            }
        }
        year2.mail(mailing);
        year2.call(calls);
        assertThat(jdbc.queryForList("""
                select distinct e.sex || '|' || e.age_band from call_case c join selection_entry e on e.member_id = c.member_id
                where c.fiscal_year = ? and e.run_id = ?""", String.class, Y2, counts.runId())).isSubsetOf(planned);
        year2.results(results, (arm, sex, band, reached) -> uptake(arm, sex, band));
        AnalysisFixture.analysts(Y2, designations, engine.getIdentityService());
        long run2 = analyses.run(AnalysisFixture.analyst(), Y2, cutOff(Y2), java.util.Optional.empty(),
                jp.kenshin.outreach.privacy.PersonalDataService.AccessContext.of("二年目の効果分析の試験"));
        SegmentEffects.Segmentation year2SexAge = analyses.analysis(run2).segments().orElseThrow().segmentations().get(0);
        for (String code : EFFECT_STRATA) {
            SegmentEffects.Segment s = year2SexAge.segments().stream().filter(g -> g.code().equals(code)).findFirst().orElseThrow();
            assertThat(s.difference().orElseThrow().ci95().contains(EFFECT)).as("year 2 recovers the effect in " + code + ": "
                    + s.difference().orElseThrow()).isTrue();
            assertThat(s.difference().orElseThrow().ci95().lower()).as(code).isPositive();
        }
        assertThat(year2SexAge.segments().stream().filter(s -> s.callPeople() > 0).map(SegmentEffects.Segment::code).toList())
                .allMatch(planned::contains);
        System.out.printf("CallPlanSimulationIT: two years of %d members in %.1f s%n", MEMBERS, (System.nanoTime() - started) / 1e9);
    }

    /** The field names a stored plan may have: all of them aggregates or settings. */
    private static final Set<String> PLAN_FIELDS = Set.of("fiscalYear", "analysisRunId", "budget", "holdoutShare", "strata",
            "plannedCalls", "plannedGain", "everyoneCalls", "everyoneGain", "rank", "code", "sex", "ageBand", "label", "call",
            "suppressed", "people", "callsPerPerson", "shrunken", "gainPerCall", "expectedCalls", "expectedGain", "value", "ci95",
            "lower", "upper", "method", "defined");

    private static void fieldNames(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                into.add(e.getKey());
                fieldNames(e.getValue(), into);
            }
        } else if (node.isArray()) {
            node.forEach(n -> fieldNames(n, into));
        }
    }

    private static LocalDate cutOff(int fiscalYear) {
        return LocalDate.of(fiscalYear + 1, 6, 30);
    }

    private TestRestTemplate as(String user, String group) {
        TestUsers.ensure(engine.getIdentityService(), user, group);
        return rest.withBasicAuth(user, TestUsers.password(user));
    }

    private Task task(ProcessInstance instance, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
    }

    private void completeAs(String user, String group, String taskKey, Map<String, Object> variables) {
        engine.getIdentityService().setAuthentication(user, List.of(group));
        try {
            engine.getTaskService().complete(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(Integer.toString(Y1))
                    .taskDefinitionKey(taskKey).singleResult().getId(), variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    /** Runs the asynchronous continuations of the instance until none is left. */
    private void runJobs(ProcessInstance instance) {
        for (int round = 0; round < 50; round++) {
            List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).messages().list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
    }
}
