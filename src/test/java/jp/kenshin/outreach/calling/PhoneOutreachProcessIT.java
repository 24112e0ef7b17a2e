package jp.kenshin.outreach.calling;

import static jp.kenshin.outreach.process.PhoneOutreachVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.cycle.PhoneOutreachStarter;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.Designations;
import jp.kenshin.outreach.results.AttendanceRecorded;
import jp.kenshin.outreach.selection.TargetSelectionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * phone-outreach.bpmn path by path, with the engine's clock and timers driven by the test: retries in the
 * bands not yet tried, holidays, callbacks, the outcomes that end a case, and a checkup result arriving
 * while an operator holds the task.
 */
@IntegrationTest
class PhoneOutreachProcessIT {

    private static final int FY = 2111;
    private static final Deque<String> CASES = new ArrayDeque<>();

    @Autowired
    ProcessEngine engine;
    @Autowired
    MembersImportService members;
    @Autowired
    TargetSelectionService selection;
    @Autowired
    Designations designations;
    @Autowired
    CallCaseService calls;
    @Autowired
    PhoneOutreachStarter starter;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void prepare(@Autowired ProcessEngine engine, @Autowired MembersImportService members,
            @Autowired TargetSelectionService selection, @Autowired Designations designations, @Autowired CallCaseService calls,
            @Autowired PhoneOutreachStarter starter) {
        CallingFixture.prepare(FY, 400, 0, members, selection, designations, engine.getIdentityService());
        int cases = calls.openCases(FY);
        assertThat(cases).isGreaterThan(20);
        assertThat(calls.openCases(FY)).as("opening again opens nothing new").isEqualTo(cases);
        assertThat(starter.startPending()).isEqualTo(cases);
        assertThat(starter.startPending()).as("started once").isZero();
        CASES.addAll(new JdbcTemplate(((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine
                .getProcessEngineConfiguration()).getDataSource()).queryForList(
                "select id from call_case where fiscal_year = ? order by id", String.class, FY));
    }

    @BeforeEach
    void init() {
        AbstractAssertions.init(engine);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
        engine.getIdentityService().clearAuthentication();
    }

    private static void at(String jst) {
        ClockUtil.setCurrentTime(Date.from(instant(jst)));
    }

    private static Instant instant(String jst) {
        return OffsetDateTime.parse(jst + "+09:00").toInstant();
    }

    private ProcessInstance process(String caseId) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(caseId)
                .processDefinitionKey(PHONE_OUTREACH_PROCESS_KEY).singleResult();
    }

    private Task task(String caseId) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId).singleResult();
    }

    private void call(String caseId, CallOutcome outcome, String callbackJst) {
        Task task = task(caseId);
        Map<String, Object> variables = new HashMap<>();
        variables.put(CALL_OUTCOME, outcome.name());
        if (callbackJst != null) {
            variables.put(CALLBACK_AT, callbackJst + "+09:00");
        }
        engine.getIdentityService().setAuthentication(CallingFixture.OPERATOR, List.of("contractor-operator"));
        try {
            engine.getTaskService().complete(task.getId(), variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private Job timer(ProcessInstance process) {
        return engine.getManagementService().createJobQuery().processInstanceId(process.getId()).timers().singleResult();
    }

    @Test
    void noAnswerIsRetriedInTheBandsNotYetTriedUntilTheAttemptsRunOut() {
        String caseId = CASES.pop();
        ProcessInstance process = process(caseId);
        assertThat(process).isWaitingAt(TASK_CALL_PERSON);
        assertThat(task(caseId).getPriority()).isEqualTo(50);

        at("2026-06-01T10:00:00"); // Monday, weekday daytime
        call(caseId, CallOutcome.NO_ANSWER, null);
        assertThat(process).isWaitingAt(TIMER_WAIT_FOR_NEXT_SLOT).variables()
                .containsEntry(NEXT_ACTION, "RETRY").containsEntry(ATTEMPT_COUNT, 1).containsEntry(CALL_KIND, CALL_KIND_RETRY);
        assertThat(timer(process).getDuedate()).isEqualTo(Date.from(instant("2026-06-01T17:00:00")));

        at("2026-06-01T17:05:00");
        engine.getManagementService().executeJob(timer(process).getId());
        Task second = task(caseId);
        assertThat(second.getPriority()).isEqualTo(60);
        assertThat(second.getFollowUpDate()).isEqualTo(Date.from(instant("2026-06-01T17:00:00")));
        assertThat(second.getDueDate()).isEqualTo(Date.from(instant("2026-06-01T20:00:00")));
        call(caseId, CallOutcome.BUSY, null);
        assertThat(timer(process).getDuedate()).as("Saturday, the band not yet tried")
                .isEqualTo(Date.from(instant("2026-06-06T09:00:00")));

        at("2026-06-06T09:30:00");
        engine.getManagementService().executeJob(timer(process).getId());
        call(caseId, CallOutcome.ANSWERING_MACHINE, null);
        assertThat(process).isEnded().hasPassed("ServiceTask_CloseCallCase", END_EVENT_CASE_CLOSED);
        assertThat(calls.find(caseId).state()).isEqualTo(CaseState.UNREACHABLE);
        assertThat(calls.attempts(caseId)).extracting(CallCaseService.Attempt::band)
                .containsExactly(TimeBand.WEEKDAY_DAYTIME, TimeBand.WEEKDAY_EVENING, TimeBand.SATURDAY);
        assertThat(calls.attempts(caseId)).extracting(CallCaseService.Attempt::operator).containsOnly(CallingFixture.OPERATOR);
    }

    @Test
    void aRetryWaitsOutGoldenWeekAndTheYearEnd() {
        String caseId = CASES.pop();
        ProcessInstance process = process(caseId);
        at("2026-05-01T19:30:00"); // Friday evening; 2-6 May are Saturday, Sunday and three holidays (6 May substitutes for 3 May)
        call(caseId, CallOutcome.NO_ANSWER, null);
        assertThat(timer(process).getDuedate()).isEqualTo(Date.from(instant("2026-05-07T09:00:00")));

        String other = CASES.pop();
        at("2026-12-28T19:00:00");
        call(other, CallOutcome.NO_ANSWER, null);
        assertThat(timer(process(other)).getDuedate()).isEqualTo(Date.from(instant("2027-01-04T09:00:00")));
    }

    @Test
    void aCallbackIsCalledAtTheTimeAskedOrTheNextCallingTime() {
        String caseId = CASES.pop();
        ProcessInstance process = process(caseId);
        at("2026-06-01T10:00:00");
        call(caseId, CallOutcome.CALLBACK_REQUESTED, "2026-06-07T14:00:00"); // a Sunday
        assertThat(process).isWaitingAt(TIMER_WAIT_FOR_NEXT_SLOT).variables().containsEntry(CALL_KIND, CALL_KIND_CALLBACK);
        assertThat(timer(process).getDuedate()).isEqualTo(Date.from(instant("2026-06-08T09:00:00")));

        at("2026-06-08T09:00:00");
        engine.getManagementService().executeJob(timer(process).getId());
        assertThat(task(caseId).getPriority()).as("callbacks first").isEqualTo(90);
        call(caseId, CallOutcome.CALLBACK_REQUESTED, "2026-06-09T18:30:00");
        assertThat(timer(process).getDuedate()).isEqualTo(Date.from(instant("2026-06-09T18:30:00")));
        engine.getManagementService().executeJob(timer(process).getId());
        call(caseId, CallOutcome.WILL_BOOK, null);
        assertThat(process).isEnded();
        assertThat(calls.find(caseId).state()).isEqualTo(CaseState.REACHED);
    }

    @Test
    void aCallbackWithoutATimeIsRefusedAndNothingIsRecorded() {
        String caseId = CASES.pop();
        at("2026-06-01T10:00:00");
        assertThatThrownBy(() -> call(caseId, CallOutcome.CALLBACK_REQUESTED, null))
                .hasMessageContaining("希望日時");
        assertThatThrownBy(() -> {
            Task task = task(caseId);
            engine.getTaskService().complete(task.getId(), Map.of(CALL_OUTCOME, "MAYBE"));
        }).as("refused naming the variable and the codes it takes, never the value given")
                .hasMessageContaining("callOutcome").hasMessageContaining("NO_ANSWER").hasMessageNotContaining("MAYBE");
        assertThat(calls.attempts(caseId)).isEmpty();
        assertThat(process(caseId)).isWaitingAt(TASK_CALL_PERSON);
    }

    @Test
    void aWrongNumberEndsTheCaseAndMarksThePhoneUnusable() {
        String caseId = CASES.pop();
        long memberId = calls.find(caseId).memberId();
        at("2026-06-01T11:00:00");
        call(caseId, CallOutcome.WRONG_NUMBER, null);
        assertThat(process(caseId)).isNull();
        assertThat(calls.find(caseId).state()).isEqualTo(CaseState.WRONG_NUMBER);
        assertThat(jdbc.queryForObject("select phone_usable from member where id = ?", Boolean.class, memberId)).isFalse();
    }

    @Test
    void askingNotToBeCalledRecordsAnOptOut() {
        String caseId = CASES.pop();
        long memberId = calls.find(caseId).memberId();
        at("2026-06-01T11:00:00");
        call(caseId, CallOutcome.DO_NOT_CALL, null);
        assertThat(calls.find(caseId).state()).isEqualTo(CaseState.OPTED_OUT);
        assertThat(calls.hasOptedOut(FY, memberId)).isTrue();
        for (CallOutcome outcome : List.of(CallOutcome.DECLINED, CallOutcome.HAD_CHECKUP_ELSEWHERE, CallOutcome.ALREADY_BOOKED)) {
            String other = CASES.pop();
            call(other, outcome, null);
            assertThat(calls.find(other).state()).isEqualTo(switch (outcome) {
                case DECLINED -> CaseState.DECLINED;
                case HAD_CHECKUP_ELSEWHERE -> CaseState.HAD_CHECKUP_ELSEWHERE;
                default -> CaseState.REACHED;
            });
        }
    }

    @Test
    void aCheckupResultEndsTheCallsEvenWhileAnOperatorHoldsTheTask() {
        String caseId = CASES.pop();
        ProcessInstance process = process(caseId);
        engine.getTaskService().claim(task(caseId).getId(), CallingFixture.OPERATOR);

        events.publishEvent(new AttendanceRecorded(FY, List.of(calls.find(caseId).memberId())));

        assertThat(process).isEnded().hasPassed("ServiceTask_CloseStoppedCase", END_EVENT_STOPPED_BY_ATTENDANCE);
        assertThat(calls.find(caseId).state()).isEqualTo(CaseState.ATTENDED);
        assertThat(task(caseId)).isNull();
    }

    @Test
    void importingThePersonsCheckupResultEndsTheirCalls(@Autowired jp.kenshin.outreach.results.ResultsImportService results,
            @Autowired jp.kenshin.outreach.privacy.PersonalCipher cipher,
            @Autowired jp.kenshin.outreach.privacy.PersonalDataService door) {
        String caseId = CASES.pop();
        ProcessInstance process = process(caseId);
        long memberId = calls.find(caseId).memberId();
        Map<String, Object> member = jdbc.queryForMap("select person_index, personal, sex from member where id = ?", memberId);
        String personNo = cipher.openRecord(FY, jp.kenshin.outreach.privacy.PersonalCipher.memberBinding(FY, (byte[]) member.get("person_index")),
                (byte[]) member.get("personal")).get(jp.kenshin.outreach.privacy.PersonalField.PERSON_NO);
        String birth = door.read(CallingFixture.ward(), jp.kenshin.outreach.privacy.Purpose.INQUIRY, FY, List.of(memberId),
                jp.kenshin.outreach.privacy.PersonalDataService.AccessContext.of("test")).get(0).fields().get("生年月日").replace("-", "");
        results.importResults(FY, jp.kenshin.outreach.TestFiles.csv(java.nio.charset.StandardCharsets.UTF_8,
                jp.kenshin.outreach.TestFiles.RESULTS_HEADER, List.of(jp.kenshin.outreach.TestFiles.result(FY,
                        personNo, birth, member.get("sex").toString(), FY + "0615"))), "r.csv", "UTF-8", false);
        assertThat(process).isEnded().hasPassed(END_EVENT_STOPPED_BY_ATTENDANCE);
        assertThat(calls.find(caseId).state()).isEqualTo(CaseState.ATTENDED);
    }

    @Test
    void aCaseWaitingForItsNextSlotEndsOnAResultToo() {
        String caseId = CASES.pop();
        ProcessInstance process = process(caseId);
        at("2026-06-01T10:00:00");
        call(caseId, CallOutcome.NO_ANSWER, null);
        assertThat(process).isWaitingAt(TIMER_WAIT_FOR_NEXT_SLOT);
        events.publishEvent(new AttendanceRecorded(FY, List.of(calls.find(caseId).memberId())));
        assertThat(process).isEnded().hasPassed(END_EVENT_STOPPED_BY_ATTENDANCE);
        assertThat(timer(process)).isNull();
    }
}
