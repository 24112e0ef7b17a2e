package jp.kenshin.outreach.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.ByteArrayInputStream;
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
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.PersonalDataService;
import jp.kenshin.outreach.privacy.Purpose;
import jp.kenshin.outreach.privacy.Requester;
import jp.kenshin.outreach.process.AnnualOutreachCycleVariables;
import jp.kenshin.outreach.process.PhoneOutreachVariables;
import jp.kenshin.outreach.results.ResultsImportService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
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

    private YearFixture year;

    @BeforeEach
    void year() {
        year = new YearFixture(engine, starter, contracts, members, results, FY);
    }

    @Test
    void aCycleWithCallsAndTheDeskLeavesNoPersonalValueInTheEngineOrTheLog(CapturedOutput log) throws Exception {
        AbstractAssertions.init(engine);
        YearFixture.Files files = YearFixture.Files.of(FY, 400);
        LocalDate dispatched = LocalDate.of(FY, 6, 1);
        ProcessInstance cycle = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(year.toDispatch(files, 0.1, 99L, dispatched)).singleResult();

        // the cycle waits until 7 days after the dispatch, 9:00 in Tokyo, then opens the call cases
        assertThat(cycle).isWaitingAt(AnnualOutreachCycleVariables.TIMER_CALLS_START, AnnualOutreachCycleVariables.CALL_ACTIVITY_MAILING);
        assertThat(year.callsStartTimer(cycle.getId()).getDuedate())
                .isEqualTo(Date.from(dispatched.plusDays(7).atTime(9, 0).atZone(ZoneId.of("Asia/Tokyo")).toInstant()));
        year.openCalls(cycle.getId());
        int cases = calls.count(FY);
        assertThat(cases).isPositive();
        assertThat(engine.getRuntimeService().getVariable(cycle.getId(), AnnualOutreachCycleVariables.CALL_CASE_COUNT)).isEqualTo(cases);
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
        results.importResults(FY, new ByteArrayInputStream(files.thisYear()), "results-this-year.csv", "windows-31j", true);
        long attended = jdbc.queryForObject("select count(*) from call_case where fiscal_year = ? and state = 'ATTENDED'", Long.class, FY);
        assertThat(attended).isPositive();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PhoneOutreachVariables.PHONE_OUTREACH_PROCESS_KEY)
                .processInstanceBusinessKeyLike("CC" + FY + "N%").count()).isEqualTo(open - attended);

        // the returned mail closes, the cycle waits for the results cut-off, then the analysis is run and approved
        year.acceptReturnedMail();
        assertThat(cycle).isWaitingAt(AnnualOutreachCycleVariables.TIMER_RESULTS_CUT_OFF);
        year.passCutOff(cycle.getId());
        // the calls still running end at the cut-off, as a recorded fact, before the analysis
        long stillOpen = jdbc.queryForObject("select count(*) from call_case where fiscal_year = ? and state = 'OPEN'", Long.class, FY);
        assertThat(stillOpen).as("calls still running at the cut-off").isPositive();
        Map<String, Long> closedBefore = closedStates();
        assertThat(cycle).isWaitingAt(AnnualOutreachCycleVariables.SERVICE_TASK_END_CALLS_AT_CUT_OFF);
        year.endCallsAtCutOff(cycle.getId());
        assertThat(jdbc.queryForObject("select count(*) from call_case where fiscal_year = ? and state = 'ENDED_AT_CUT_OFF'", Long.class,
                FY)).isEqualTo(stillOpen);
        assertThat(closedStates()).as("the cases closed before keep their reasons").isEqualTo(closedBefore);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PhoneOutreachVariables.PHONE_OUTREACH_PROCESS_KEY)
                .processInstanceBusinessKeyLike("CC" + FY + "N%").count()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from call_queue where fiscal_year = ?", Long.class, FY))
                .as("no call left to take after the cut-off").isZero();
        assertThat(engine.getRuntimeService().getVariable(cycle.getId(), AnnualOutreachCycleVariables.CALLS_ENDED_AT_CUT_OFF))
                .isEqualTo((int) stillOpen);
        year.runAnalysis("fullward");
        assertThat(cycle).isEnded().hasPassed(AnnualOutreachCycleVariables.CALL_ACTIVITY_EFFECT_ANALYSIS, AnnualOutreachCycleVariables.END_EVENT_CYCLE_COMPLETED);

        Set<String> personal = PersonalValues.of(files.members(), YearFixture.CP932);
        Set<String> lookFor = new HashSet<>(personal);
        lookFor.addAll(typed);
        assertThat(PersonalValues.findIn(dataSource, "act_", lookFor)).isEmpty();
        assertThat(lookFor.stream().filter(log.getAll()::contains).toList()).as("personal values in the log").isEmpty();
    }

    /** The cases of the year closed before the cut-off, by state (everything but OPEN and the cut-off's own). */
    private Map<String, Long> closedStates() {
        Map<String, Long> states = new java.util.TreeMap<>();
        jdbc.query("select state, count(*) from call_case where fiscal_year = ? and state not in ('OPEN', 'ENDED_AT_CUT_OFF') group by state",
                rs -> {
                    states.put(rs.getString(1), rs.getLong(2));
                }, FY);
        return states;
    }
}
