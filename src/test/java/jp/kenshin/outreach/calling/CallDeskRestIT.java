package jp.kenshin.outreach.calling;

import static jp.kenshin.outreach.process.InquiryVariables.*;
import static jp.kenshin.outreach.process.PhoneOutreachVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.PersonalValues;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.cycle.PhoneOutreachStarter;
import jp.kenshin.outreach.inquiry.InquiryService;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.Designations;
import jp.kenshin.outreach.privacy.PersonalDataService;
import jp.kenshin.outreach.privacy.PersonalDataService.AccessContext;
import jp.kenshin.outreach.privacy.Purpose;
import jp.kenshin.outreach.selection.TargetSelectionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The operators' REST calls (what the call and desk forms in Tasklist call): the form's one audited read,
 * nothing of it left in the engine, two operators on one task, the desk's lookup, opt-out and hand-overs.
 */
@IntegrationTest
class CallDeskRestIT {

    private static final int FY = 2112;
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST = new ParameterizedTypeReference<>() {
    };
    private static final Deque<String> CASES = new ArrayDeque<>();
    private static Set<String> personalValues;

    @Autowired
    TestRestTemplate anonymous;
    @Autowired
    ProcessEngine engine;
    @Autowired
    CallCaseService calls;
    @Autowired
    InquiryService inquiries;
    @Autowired
    PersonalDataService door;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    @BeforeAll
    static void prepare(@Autowired ProcessEngine engine, @Autowired MembersImportService members,
            @Autowired TargetSelectionService selection, @Autowired Designations designations, @Autowired CallCaseService calls,
            @Autowired PhoneOutreachStarter starter, @Autowired JdbcTemplate jdbc) throws Exception {
        CallingFixture.Prepared prepared = CallingFixture.prepare(FY, 300, 0, members, selection, designations,
                engine.getIdentityService());
        personalValues = PersonalValues.of(prepared.membersFile(), StandardCharsets.UTF_8);
        calls.openCases(FY);
        starter.startPending();
        CASES.addAll(jdbc.queryForList("select id from call_case where fiscal_year = ? order by id", String.class, FY));
    }

    @BeforeEach
    void init() {
        AbstractAssertions.init(engine);
    }

    private TestRestTemplate as(String user) {
        return anonymous.withBasicAuth(user, TestUsers.password(user));
    }

    private Task task(String caseId) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId).singleResult();
    }

    /** Claims the call as the operator (the form's 担当する): the person of a call is shown only after Claim. */
    private void claim(String user, String taskId) {
        assertThat(as(user).postForEntity("/api/calls/tasks/" + taskId + "/claim", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    private ResponseEntity<Map<String, Object>> record(String user, String taskId, String outcome, String note) {
        return as(user).exchange("/api/calls/tasks/" + taskId + "/outcome", HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("outcome", outcome, "note", note)), JSON);
    }

    @Test
    @SuppressWarnings("unchecked")
    void openingTheCallFormIsOneAuditedReadAndLeavesNothingPersonalInTheEngine() throws Exception {
        String caseId = CASES.pop();
        long memberId = calls.find(caseId).memberId();
        String taskId = task(caseId).getId();
        claim(CallingFixture.OPERATOR, taskId);

        ResponseEntity<Map<String, Object>> view = as(CallingFixture.OPERATOR).exchange("/api/calls/tasks/" + taskId + "/view",
                HttpMethod.GET, null, JSON);
        assertThat(view.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, String> person = (Map<String, String>) view.getBody().get("person");
        assertThat(person).containsKeys("漢字氏名", "カナ氏名", "電話番号", "生年月日", "漢字住所").doesNotContainKey("健診結果");
        assertThat(personalValues).contains(person.get("電話番号"));
        assertThat((List<String>) view.getBody().get("script")).isNotEmpty();
        assertThat(jdbc.queryForList("""
                select action || ' ' || coalesce(detail, '') || ' ' || member_ids::text from audit_log
                where purpose = 'CALL' and task_id = ? and ? = any (member_ids)""",
                String.class, taskId, memberId)).as("one audit record for the person and purpose").hasSize(1);

        String note = "夕方なら在宅とのこと、" + person.get("漢字氏名") + "様";
        assertThat(record(CallingFixture.OPERATOR, taskId, "NO_ANSWER", note).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(calls.attempts(caseId)).hasSize(1);
        Set<String> lookFor = new HashSet<>(personalValues);
        lookFor.add(note);
        assertThat(PersonalValues.findIn(dataSource, "act_", lookFor)).isEmpty();
        assertThat(jdbc.queryForObject("select note from call_attempt where case_id = ?", byte[].class, caseId))
                .as("the note is sealed").isNotNull().asString(StandardCharsets.UTF_8).doesNotContain("夕方");
        // the next operator sees the note in the form of the next call task, opened by the door in the same single read
        String processId = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(caseId).singleResult()
                .getId();
        engine.getManagementService().executeJob(engine.getManagementService().createJobQuery().processInstanceId(processId)
                .timers().singleResult().getId());
        claim(CallingFixture.SECOND_OPERATOR, task(caseId).getId());
        ResponseEntity<Map<String, Object>> next = as(CallingFixture.SECOND_OPERATOR).exchange(
                "/api/calls/tasks/" + task(caseId).getId() + "/view", HttpMethod.GET, null, JSON);
        assertThat(next.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((List<Map<String, Object>>) next.getBody().get("attempts")).extracting(a -> a.get("note")).containsExactly(note);
    }

    @Test
    void tasklistFindsTheCallAndDeskFormsInTheDeployment() {
        String taskId = task(CASES.peek()).getId();
        ResponseEntity<String> form = as(CallingFixture.OPERATOR).getForEntity("/engine-rest/task/" + taskId + "/deployed-form",
                String.class);
        assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(form.getBody()).contains("callPersonForm", "/api/calls/tasks/", "KENSHIN-XSRF-TOKEN")
                .as("Tasklist's own completion follows the form's POST; the page is not reloaded").doesNotContain("location.reload");
        String inquiry = (String) as(CallingFixture.OPERATOR).exchange("/api/inquiries", HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("fiscalYear", FY)), JSON).getBody().get("taskId");
        ResponseEntity<String> deskForm = as(CallingFixture.OPERATOR).getForEntity("/engine-rest/task/" + inquiry + "/deployed-form",
                String.class);
        assertThat(deskForm.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(deskForm.getBody()).contains("answerInquiryForm", "/api/inquiries/");
        ResponseEntity<String> startForm = as(CallingFixture.OPERATOR).getForEntity(
                "/engine-rest/process-definition/key/inquiry/deployed-start-form", String.class);
        assertThat(startForm.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(startForm.getBody()).contains("fiscalYear");
    }

    @Test
    void twoOperatorsCompletingTheSameTaskOneWinsAndTheOtherIsToldWhy() throws Exception {
        for (int round = 0; round < 20; round++) { // the race is narrow: 3 rounds caught it once in 4 runs, 80 rounds every run
            String caseId = CASES.pop();
            String taskId = task(caseId).getId();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            Callable<ResponseEntity<Map<String, Object>>> first = () -> {
                go.await();
                return record(CallingFixture.OPERATOR, taskId, "WILL_BOOK", "");
            };
            Callable<ResponseEntity<Map<String, Object>>> second = () -> {
                go.await();
                return record(CallingFixture.SECOND_OPERATOR, taskId, "DECLINED", "");
            };
            Future<ResponseEntity<Map<String, Object>>> a = pool.submit(first);
            Future<ResponseEntity<Map<String, Object>>> b = pool.submit(second);
            go.countDown();
            List<ResponseEntity<Map<String, Object>>> responses = List.of(a.get(), b.get());
            pool.shutdown();

            assertThat(responses).as("both answers: %s", responses).extracting(ResponseEntity::getStatusCode).containsExactlyInAnyOrder(HttpStatus.OK, HttpStatus.CONFLICT);
            ResponseEntity<Map<String, Object>> loser = responses.stream().filter(r -> r.getStatusCode() == HttpStatus.CONFLICT)
                    .findFirst().orElseThrow();
            // a loser that comes after the winner's call closed the case is told the case has ended
            assertThat((String) loser.getBody().get("message")).containsAnyOf("記録しました", "架電タスク", "担当中", "完了できません",
                    "架電ケース " + caseId + " はすでに終了しています");
            assertThat(calls.attempts(caseId)).as("recorded once").hasSize(1);
            CaseState state = calls.find(caseId).state();
            String winner = calls.attempts(caseId).get(0).operator();
            assertThat(state).isEqualTo(winner.equals(CallingFixture.OPERATOR) ? CaseState.REACHED : CaseState.DECLINED);
        }
    }

    @Test
    void anOperatorWhoIsNotDesignatedCanNeitherTakeACallNorSeeAnyone() {
        TestUsers.ensure(engine.getIdentityService(), "callop9", "contractor-operator");
        String taskId = task(CASES.pop()).getId();
        // the engine refuses the claim, whichever way it is asked for
        ResponseEntity<Map<String, Object>> claimed = as("callop9").exchange("/api/calls/tasks/" + taskId + "/claim", HttpMethod.POST,
                null, JSON);
        assertThat(claimed.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat((String) claimed.getBody().get("message")).contains("callop9", "指定されていません");
        assertThat(as("callop9").postForEntity("/engine-rest/task/" + taskId + "/claim", Map.of("userId", "callop9"), String.class)
                .getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
        // and the form shows nobody: the call is not theirs
        ResponseEntity<Map<String, Object>> view = as("callop9").exchange("/api/calls/tasks/" + taskId + "/view", HttpMethod.GET,
                null, JSON);
        assertThat(view.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) view.getBody().get("message")).contains("まだ担当していません");
        assertThat(view.getBody()).doesNotContainKey("person");
    }

    @Test
    void stopContactingMeAtTheDeskEndsThatPersonsCallsWhileAnOperatorHoldsThem() {
        String caseId = CASES.pop();
        long memberId = calls.find(caseId).memberId();
        ProcessInstance callProcess = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(caseId)
                .singleResult();
        assertThat(as(CallingFixture.OPERATOR).postForEntity("/engine-rest/task/" + task(caseId).getId() + "/claim",
                Map.of("userId", CallingFixture.OPERATOR), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        String ticket = door.read(CallingFixture.ward(), Purpose.INQUIRY, FY, List.of(memberId), AccessContext.of("test")).get(0)
                .fields().get("受診券整理番号");

        TestRestTemplate desk = as(CallingFixture.SECOND_OPERATOR);
        ResponseEntity<Map<String, Object>> started = desk.exchange("/api/inquiries", HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("fiscalYear", FY)), JSON);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String inquiryId = (String) started.getBody().get("inquiryId");
        assertThat(inquiryId).startsWith("IQ" + FY + "N");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(inquiryId).singleResult().getAssignee())
                .isEqualTo(CallingFixture.SECOND_OPERATOR);

        ResponseEntity<List<Map<String, Object>>> found = desk.exchange("/api/inquiries/" + inquiryId + "/lookup", HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("ticketNumber", ticket)), JSON_LIST);
        assertThat(found.getBody()).hasSize(1);
        assertThat(((Number) found.getBody().get(0).get("memberId")).longValue()).isEqualTo(memberId);
        assertThat(desk.exchange("/api/inquiries/" + inquiryId + "/answer", HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("category", "STOP_CONTACT", "note", "今後の電話は不要とのこと")), JSON)
                .getStatusCode()).isEqualTo(HttpStatus.OK);

        assertThat(callProcess).isEnded().hasPassed(END_EVENT_STOPPED_BY_OPT_OUT);
        assertThat(calls.find(caseId).state()).isEqualTo(CaseState.OPTED_OUT);
        assertThat(calls.hasOptedOut(FY, memberId)).isTrue();
        assertThat(inquiries.find(inquiryId).state()).isEqualTo("CLOSED");
        assertThat(calls.openCases(FY)).as("no new case for someone who opted out").isEqualTo(calls.count(FY));
    }

    @Test
    void theLatestLookupDecidesWhoCalledSoAnOptOutNeedsTheCallerFoundAgain() {
        String caseId = CASES.pop();
        long memberId = calls.find(caseId).memberId();
        String ticket = door.read(CallingFixture.ward(), Purpose.INQUIRY, FY, List.of(memberId), AccessContext.of("test")).get(0)
                .fields().get("受診券整理番号");
        TestRestTemplate desk = as(CallingFixture.OPERATOR);
        String inquiryId = (String) desk.exchange("/api/inquiries", HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("fiscalYear", FY)), JSON).getBody().get("inquiryId");

        assertThat(lookUp(desk, inquiryId, ticket)).hasSize(1);
        assertThat(inquiries.find(inquiryId).memberId()).isEqualTo(memberId);
        assertThat(lookUp(desk, inquiryId, "00000000000")).isEmpty();
        assertThat(inquiries.find(inquiryId).memberId()).as("nobody found: the earlier caller is no longer linked").isNull();

        ResponseEntity<Map<String, Object>> refused = desk.exchange("/api/inquiries/" + inquiryId + "/answer", HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("category", "STOP_CONTACT")), JSON);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) refused.getBody().get("message")).contains("照会してから");
        assertThat(calls.hasOptedOut(FY, memberId)).isFalse();
        assertThat(calls.find(caseId).state()).isEqualTo(CaseState.OPEN);
    }

    private static List<Map<String, Object>> lookUp(TestRestTemplate desk, String inquiryId, String ticket) {
        ResponseEntity<List<Map<String, Object>>> found = desk.exchange("/api/inquiries/" + inquiryId + "/lookup", HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("ticketNumber", ticket)), JSON_LIST);
        assertThat(found.getStatusCode()).isEqualTo(HttpStatus.OK);
        return found.getBody();
    }

    @Test
    void anInquiryStartedFromTasklistWithoutAYearIsAboutTheCurrentFiscalYear() {
        ResponseEntity<Map<String, Object>> started = as(CallingFixture.OPERATOR).exchange(
                "/engine-rest/process-definition/key/inquiry/submit-form", HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("variables", Map.of("fiscalYear", java.util.Collections.singletonMap("value", null)))),
                JSON);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
        String processInstanceId = (String) started.getBody().get("id");
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
        int current = today.getMonthValue() >= 4 ? today.getYear() : today.getYear() - 1;
        String inquiryId = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult()
                .getBusinessKey();
        assertThat(inquiryId).startsWith("IQ" + current + "N");
        assertThat(inquiries.find(inquiryId).fiscalYear()).isEqualTo(current);
        engine.getRuntimeService().deleteProcessInstance(processInstanceId, "test: an inquiry of the current year, not answered");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAddressChangeAndAnEscalationBecomeWardTasks() {
        String caseId = CASES.pop();
        long memberId = calls.find(caseId).memberId();
        Map<String, String> fields = door.read(CallingFixture.ward(), Purpose.INQUIRY, FY, List.of(memberId), AccessContext.of("test"))
                .get(0).fields();
        TestRestTemplate desk = as(CallingFixture.OPERATOR);
        String inquiryId = (String) desk.exchange("/api/inquiries", HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("fiscalYear", FY)), JSON).getBody().get("inquiryId");
        String birth = fields.get("生年月日");
        ResponseEntity<List<Map<String, Object>>> found = desk.exchange("/api/inquiries/" + inquiryId + "/lookup", HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("name", fields.get("カナ氏名").replace(" ", "　"),
                        "birthDate", birth)), JSON_LIST);
        assertThat(found.getBody()).extracting(m -> ((Number) m.get("memberId")).longValue()).contains(memberId);
        if (found.getBody().size() > 1) {
            desk.postForEntity("/api/inquiries/" + inquiryId + "/caller", Map.of("memberId", memberId), String.class);
        }
        ResponseEntity<Map<String, Object>> refused = desk.exchange("/api/inquiries/" + inquiryId + "/answer", HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("category", "ADDRESS_CHANGE", "escalate", true)), JSON);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) refused.getBody().get("message")).contains("対応期限");

        LocalDate due = LocalDate.now().plusDays(3);
        assertThat(desk.exchange("/api/inquiries/" + inquiryId + "/answer", HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("category", "ADDRESS_CHANGE", "escalate", true,
                        "escalationDue", due.toString(), "note", "転居予定、新住所は後日連絡")), JSON).getStatusCode()).isEqualTo(HttpStatus.OK);

        List<Task> wardTasks = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(inquiryId).list().stream()
                .sorted(java.util.Comparator.comparing(Task::getTaskDefinitionKey)).toList();
        // one ward task per hand-over: the address change, due by the escalation's earlier date
        assertThat(wardTasks).extracting(Task::getTaskDefinitionKey).containsExactly(TASK_FORWARD_ADDRESS_CHANGE);
        assertThat(wardTasks.get(0).getDueDate()).isEqualTo(java.util.Date.from(due.atStartOfDay(java.time.ZoneId.of("Asia/Tokyo")).toInstant()));
        assertThat(engine.getTaskService().getVariable(wardTasks.get(0).getId(), "escalate")).isEqualTo(true);

        TestRestTemplate ward = as(CallingFixture.WARD);
        Map<String, Object> details = ward.exchange("/api/inquiries/" + inquiryId, HttpMethod.GET, null, JSON).getBody();
        assertThat(details.get("note")).isEqualTo("転居予定、新住所は後日連絡");
        assertThat(details.get("categoryLabel")).isEqualTo("住所変更");
        for (Task task : wardTasks) {
            assertThat(ward.postForEntity("/engine-rest/task/" + task.getId() + "/complete",
                    Map.of("variables", Map.of(WARD_RESPONSE, Map.of("value", "保険年金課へ連絡済み"))), String.class).getStatusCode())
                    .isEqualTo(HttpStatus.NO_CONTENT);
        }
        assertThat(inquiries.find(inquiryId).state()).isEqualTo("CLOSED");
        assertThat(calls.find(caseId).state()).as("an address change does not stop the calls").isEqualTo(CaseState.OPEN);
    }

    @Test
    @SuppressWarnings("unchecked")
    void operatorsAndTheLeadHaveTheirWorkListsInTasklist() {
        List<Map<String, Object>> filters = as(CallingFixture.OPERATOR).exchange("/engine-rest/filter?resourceType=Task",
                HttpMethod.GET, null, JSON_LIST).getBody();
        assertThat(filters).extracting(f -> (String) f.get("name")).contains("架電：いまかける", "架電：かけ直し希望", "架電：再架電",
                "責任者：架電・問い合わせ すべて", "責任者：期限超過", "区：問い合わせの引継ぎ");
        String dueNow = (String) filters.stream().filter(f -> f.get("name").equals("架電：いまかける")).findFirst().orElseThrow().get("id");
        List<Map<String, Object>> list = as(CallingFixture.OPERATOR).exchange("/engine-rest/filter/" + dueNow + "/list?maxResults=500",
                HttpMethod.GET, null, JSON_LIST).getBody();
        assertThat(list).isNotEmpty();
        assertThat(list).allSatisfy(t -> assertThat((String) t.get("name")).matches("電話 CC\\d{4}N\\d{7}・(初回|再架電|かけ直し)・\\d+回目・期限 .+"));
        List<Integer> priorities = list.stream().map(t -> ((Number) t.get("priority")).intValue()).toList();
        assertThat(priorities).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        String all = (String) filters.stream().filter(f -> f.get("name").equals("責任者：架電・問い合わせ すべて")).findFirst()
                .orElseThrow().get("id");
        List<Map<String, Object>> leadList = as(CallingFixture.LEAD).exchange("/engine-rest/filter/" + all + "/list?maxResults=1000",
                HttpMethod.GET, null, JSON_LIST).getBody();
        assertThat(leadList.size()).as("the lead sees the calls, not through a candidate group").isGreaterThanOrEqualTo(list.size());
    }
}
