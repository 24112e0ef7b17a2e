package jp.kenshin.outreach.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import jp.kenshin.outreach.ContractGate;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.PersonalValues;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.calling.CaseState;
import jp.kenshin.outreach.compliance.ContractService;
import jp.kenshin.outreach.fileimport.ImportReport;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.PersonalDataService;
import jp.kenshin.outreach.privacy.Purpose;
import jp.kenshin.outreach.privacy.Requester;
import jp.kenshin.outreach.results.ResultsImportService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One cycle from its start through the mailing, the calls (with notes), the desk, this year's results and
 * the effect analysis to its end, the way staff and operators work it; afterwards no personal value of
 * the members file, nor anything an operator typed, is in any engine table or in the log.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class FullCycleIT {

    private static final int FY = 2037;
    private static final Charset CP932 = Charset.forName("windows-31j");
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    ProcessEngine engine;
    @Autowired
    CycleStarter starter;
    @Autowired
    MembersImportService members;
    @Autowired
    ResultsImportService results;
    @Autowired
    ContractService contracts;
    @Autowired
    CallCaseService calls;
    @Autowired
    PhoneOutreachStarter callStarter;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    TestRestTemplate anonymous;
    @Autowired
    PersonalDataService door;

    private void runJobs(String processDefinitionKey) {
        for (int round = 0; round < 50; round++) {
            List<Job> jobs = engine.getManagementService().createJobQuery().processDefinitionKey(processDefinitionKey)
                    .messages().list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(j -> engine.getManagementService().executeJob(j.getId()));
        }
    }

    private Task task(String key) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(Integer.toString(FY)).taskDefinitionKey(key)
                .singleResult();
    }

    @Test
    void aCycleWithCallsAndTheDeskLeavesNoPersonalValueInTheEngineOrTheLog(CapturedOutput log) throws Exception {
        AbstractAssertions.init(engine);
        SyntheticWardGenerator generator = new SyntheticWardGenerator(new SyntheticWardSpec(FY, 400, FY, CP932));
        ByteArrayOutputStream membersFile = new ByteArrayOutputStream();
        generator.writeMembers(membersFile);
        ByteArrayOutputStream lastYear = new ByteArrayOutputStream();
        generator.writeResults(FY - 1, lastYear);
        ByteArrayOutputStream thisYear = new ByteArrayOutputStream();
        generator.writeResults(FY, thisYear);

        CycleStarter.CycleState state = starter.start(new CycleStarter.CycleStart(FY, LocalDate.of(FY, 4, 1), 0.1, 99L));
        ProcessInstance cycle = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(state.processInstanceId())
                .singleResult();
        ContractGate.pass(engine.getIdentityService(), engine.getTaskService(), contracts, FY);
        ImportReport m = members.importMembers(FY, new ByteArrayInputStream(membersFile.toByteArray()), "members.csv", "windows-31j", true);
        ImportReport r = results.importResults(FY, new ByteArrayInputStream(lastYear.toByteArray()), "results.csv", "windows-31j", false);
        engine.getTaskService().complete(task(CycleVariables.TASK_IMPORT_MEMBERS).getId(), Map.of(CycleVariables.MEMBERS_IMPORT_ID, m.id()));
        engine.getTaskService().complete(task(CycleVariables.TASK_IMPORT_PREVIOUS_RESULTS).getId(),
                Map.of(CycleVariables.PREVIOUS_RESULTS_IMPORT_ID, r.id()));
        runJobs(CycleVariables.PROCESS_KEY);
        engine.getTaskService().complete(task(CycleVariables.TASK_APPROVE_TARGET_LIST).getId(),
                Map.of(CycleVariables.TARGET_LIST_APPROVED, true));

        // the mailing, called by the cycle
        runJobs(CycleVariables.MAILING_PROCESS_KEY);
        engine.getTaskService().complete(task(CycleVariables.TASK_APPROVE_PROOF).getId(), Map.of(CycleVariables.PROOF_APPROVED, true));
        engine.getTaskService().complete(task(CycleVariables.TASK_HAND_OVER_PRINT_DATA).getId());
        LocalDate dispatched = LocalDate.of(FY, 6, 1);
        engine.getTaskService().complete(task(CycleVariables.TASK_RECORD_DISPATCH).getId(),
                Map.of(CycleVariables.DISPATCH_DATE, dispatched.toString()));

        // the cycle waits until 7 days after the dispatch, 9:00 in Tokyo, then opens the call cases
        assertThat(cycle).isWaitingAt(CycleVariables.TIMER_CALLS_START, CycleVariables.CALL_ACTIVITY_MAILING);
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(cycle.getId()).timers()
                .activityId(CycleVariables.TIMER_CALLS_START).singleResult();
        assertThat(timer.getDuedate()).isEqualTo(Date.from(dispatched.plusDays(7).atTime(9, 0).atZone(ZoneId.of("Asia/Tokyo")).toInstant()));
        engine.getManagementService().executeJob(timer.getId());
        runJobs(CycleVariables.PROCESS_KEY);
        int cases = calls.count(FY);
        assertThat(cases).isPositive();
        assertThat(engine.getRuntimeService().getVariable(cycle.getId(), CycleVariables.CALL_CASE_COUNT)).isEqualTo(cases);
        long heldOut = jdbc.queryForObject("""
                select count(*) from call_case c join selection_entry e on e.member_id = c.member_id
                where c.fiscal_year = ? and e.holdout""", Long.class, FY);
        assertThat(heldOut).as("held-out phone owners are not called").isZero();
        assertThat(callStarter.startPending()).isEqualTo(cases);

        // an operator works three calls through the form's REST calls, with notes
        TestRestTemplate operator = anonymous.withBasicAuth(ContractGate.OPERATOR, TestUsers.password(ContractGate.OPERATOR));
        Set<String> typed = new HashSet<>();
        List<String> caseIds = jdbc.queryForList("select id from call_case where fiscal_year = ? order by id limit 3", String.class, FY);
        String[] outcomes = {"NO_ANSWER", "WILL_BOOK", "DO_NOT_CALL"};
        for (int i = 0; i < 3; i++) {
            String taskId = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseIds.get(i)).singleResult().getId();
            // the person is shown only once the call is claimed (the form's 担当する, or Claim in Tasklist)
            assertThat(operator.postForEntity("/api/calls/tasks/" + taskId + "/claim", null, String.class).getStatusCode())
                    .isEqualTo(HttpStatus.OK);
            @SuppressWarnings("unchecked")
            Map<String, String> person = (Map<String, String>) operator.exchange("/api/calls/tasks/" + taskId + "/view", HttpMethod.GET,
                    null, JSON).getBody().get("person");
            String note = person.get("漢字氏名") + "さん、" + person.get("電話番号") + " に折り返し希望";
            typed.add(note);
            assertThat(operator.exchange("/api/calls/tasks/" + taskId + "/outcome", HttpMethod.POST,
                    new HttpEntity<>(Map.of("outcome", outcomes[i], "note", note)), JSON).getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        assertThat(calls.find(caseIds.get(1)).state()).isEqualTo(CaseState.REACHED);
        assertThat(calls.find(caseIds.get(2)).state()).isEqualTo(CaseState.OPTED_OUT);

        // the desk: a caller found by ticket number asks to stop all contact
        long memberId = calls.find(caseIds.get(0)).memberId();
        Map<String, Object> started = operator.exchange("/api/inquiries", HttpMethod.POST, new HttpEntity<>(Map.of("fiscalYear", FY)), JSON)
                .getBody();
        String inquiryId = (String) started.get("inquiryId");
        String ticket = door.read(new Requester("fullward", Set.of(Requester.WARD_STAFF)), Purpose.INQUIRY, FY, List.of(memberId),
                PersonalDataService.AccessContext.of("test: the caller's ticket")).get(0).fields().get("受診券整理番号");
        assertThat(operator.exchange("/api/inquiries/" + inquiryId + "/lookup", HttpMethod.POST,
                new HttpEntity<>(Map.of("ticketNumber", ticket)), List.class).getBody()).hasSize(1);
        assertThat(operator.exchange("/api/inquiries/" + inquiryId + "/answer", HttpMethod.POST,
                new HttpEntity<>(Map.of("category", "STOP_CONTACT", "note", "今後は連絡不要")), JSON).getStatusCode()).isEqualTo(HttpStatus.OK);
        typed.add("今後は連絡不要");
        assertThat(calls.find(caseIds.get(0)).state()).isEqualTo(CaseState.OPTED_OUT);

        // this year's results arrive: the attendees' calls end
        long open = jdbc.queryForObject("select count(*) from call_case where fiscal_year = ? and state = 'OPEN'", Long.class, FY);
        results.importResults(FY, new ByteArrayInputStream(thisYear.toByteArray()), "results-this-year.csv", "windows-31j", true);
        long attended = jdbc.queryForObject("select count(*) from call_case where fiscal_year = ? and state = 'ATTENDED'", Long.class, FY);
        assertThat(attended).isPositive();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(CycleVariables.PHONE_OUTREACH_PROCESS_KEY)
                .processInstanceBusinessKeyLike("CC" + FY + "N%").count()).isEqualTo(open - attended);

        // the returned mail closes, the cycle waits for the results cut-off, then the analysis is run and approved
        engine.getTaskService().complete(task(CycleVariables.TASK_ACCEPT_RETURNED_MAIL).getId());
        assertThat(cycle).isWaitingAt(CycleVariables.TIMER_RESULTS_CUT_OFF);
        engine.getManagementService().executeJob(engine.getManagementService().createJobQuery().processInstanceId(cycle.getId())
                .activityId(CycleVariables.TIMER_RESULTS_CUT_OFF).singleResult().getId());
        TestUsers.ensure(engine.getIdentityService(), "fullward", "ward-staff");
        engine.getIdentityService().setAuthentication("fullward", List.of("ward-staff"));
        try {
            engine.getTaskService().complete(task(CycleVariables.TASK_RUN_EFFECT_ANALYSIS).getId(),
                    Map.of(CycleVariables.UNIT_COST_PER_CARD, 85, CycleVariables.UNIT_COST_PER_CALL, 150));
            engine.getTaskService().complete(task(CycleVariables.TASK_APPROVE_ANALYSIS_REPORT).getId(),
                    Map.of(CycleVariables.ANALYSIS_APPROVED, true));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        runJobs(CycleVariables.EFFECT_ANALYSIS_PROCESS_KEY);
        withdrawCallPlan();
        assertThat(cycle).isEnded().hasPassed(CycleVariables.CALL_ACTIVITY_EFFECT_ANALYSIS, CycleVariables.END_EVENT_CYCLE_COMPLETED);

        Set<String> personal = PersonalValues.of(membersFile.toByteArray(), CP932);
        Set<String> lookFor = new HashSet<>(personal);
        lookFor.addAll(typed);
        assertThat(PersonalValues.findIn(dataSource, "act_", lookFor)).isEmpty();
        assertThat(lookFor.stream().filter(log.getAll()::contains).toList()).as("personal values in the log").isEmpty();
    }

    /** Next year's call plan, when one was proposed: sent back and withdrawn, so that no other test's year is steered by it. */
    private void withdrawCallPlan() {
        org.camunda.bpm.engine.task.Task approve = engine.getTaskService().createTaskQuery()
                .processDefinitionKey(CycleVariables.EFFECT_ANALYSIS_PROCESS_KEY).processInstanceBusinessKey(Integer.toString(FY))
                .taskDefinitionKey(CycleVariables.TASK_APPROVE_CALL_PLAN).singleResult();
        if (approve == null) {
            return;
        }
        engine.getTaskService().complete(approve.getId(), Map.of(CycleVariables.CALL_PLAN_APPROVED, false,
                CycleVariables.CALL_PLAN_COMMENT, "試験：計画は採用しない"));
        engine.getTaskService().complete(engine.getTaskService().createTaskQuery()
                .processDefinitionKey(CycleVariables.EFFECT_ANALYSIS_PROCESS_KEY).processInstanceBusinessKey(Integer.toString(FY))
                .taskDefinitionKey(CycleVariables.TASK_REVISE_CALL_PLAN).singleResult().getId(),
                Map.of(CycleVariables.CALL_PLAN_WITHDRAWN, true));
    }
}
