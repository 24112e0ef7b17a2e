package jp.kenshin.outreach.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.kenshin.outreach.ContractGate;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.PersonalValues;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.calling.CallingFixture;
import jp.kenshin.outreach.compliance.ContractService;
import jp.kenshin.outreach.cycle.PhoneOutreachStarter;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.Designation;
import jp.kenshin.outreach.privacy.Designations;
import jp.kenshin.outreach.privacy.PersonalDataService;
import jp.kenshin.outreach.privacy.PersonalDataService.AccessContext;
import jp.kenshin.outreach.privacy.Purpose;
import jp.kenshin.outreach.privacy.Requester;
import jp.kenshin.outreach.selection.TargetSelectionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 11, need-to-know at the door, tried as an attacker over HTTP: a designated operator who reads people outside
 * the tasks they hold (by ids, by a selection run, by another case's task), past the read budget, another operator's
 * inquiry note, lookups past the cap per inquiry, and oversized free text. Each attempt must be refused and leave a
 * REFUSED record naming the attacker; the call form an operator legitimately opens keeps working with one record.
 * The budget is made small here (3 persons an hour) so that a few calls reach it.
 */
@IntegrationTest
@TestPropertySource(properties = {"kenshin.door.persons-per-hour=3", "kenshin.door.persons-per-day=50",
        "kenshin.door.lookups-per-inquiry=2"})
class DoorAttackIT {

    private static final int FY = 2131;
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST = new ParameterizedTypeReference<>() {
    };
    /** Operators of the contractor, designated and trained for CALL and INQUIRY; each test attacks as its own. */
    private static final List<String> OPERATORS = List.of("doora", "doorb", "doorc", "doord", "doore", "doorf");
    private static final Deque<String> CASES = new ArrayDeque<>();
    private static Set<String> personalValues;
    private static long selectionRun;

    @Autowired
    TestRestTemplate anonymous;
    @Autowired
    ProcessEngine engine;
    @Autowired
    CallCaseService calls;
    @Autowired
    PersonalDataService door;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void aYearThroughTheContractGateWithCallsOpen(@Autowired ProcessEngine engine, @Autowired ContractService contracts,
            @Autowired MembersImportService members, @Autowired TargetSelectionService selection,
            @Autowired Designations designations, @Autowired CallCaseService calls, @Autowired PhoneOutreachStarter starter,
            @Autowired JdbcTemplate jdbc) throws Exception {
        engine.getRuntimeService().startProcessInstanceByKey("contract-compliance", Integer.toString(FY), Map.of("fiscalYear", FY));
        ContractGate.pass(engine.getIdentityService(), engine.getTaskService(), contracts, FY);
        assertThat(contracts.status(FY)).isEqualTo("APPROVED");
        CallingFixture.Prepared prepared = CallingFixture.prepare(FY, 300, 0, members, selection, designations,
                engine.getIdentityService());
        personalValues = PersonalValues.of(prepared.membersFile(), StandardCharsets.UTF_8);
        selectionRun = prepared.counts().runId();
        java.time.LocalDate today = java.time.LocalDate.now();
        for (String user : OPERATORS) {
            TestUsers.ensure(engine.getIdentityService(), user, Requester.CONTRACTOR_OPERATOR);
            designations.save(new Designation(null, FY, user, Designation.Role.HANDLER, java.util.EnumSet.of(Purpose.CALL,
                    Purpose.INQUIRY), today.minusDays(30), today.plusDays(365), today.minusDays(30)), "ward");
        }
        calls.openCases(FY);
        starter.startPending();
        CASES.addAll(jdbc.queryForList("select id from call_case where fiscal_year = ? order by id", String.class, FY));
        assertThat(CASES).hasSizeGreaterThan(20);
    }

    private TestRestTemplate as(String user) {
        return anonymous.withBasicAuth(user, TestUsers.password(user));
    }

    private String taskOf(String caseId) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId).singleResult().getId();
    }

    private long lastSeq() {
        return jdbc.queryForObject("select coalesce(max(seq), 0) from audit_log", Long.class);
    }

    /** The audit records after a sequence number, as a reader of the log sees them. */
    private List<Map<String, Object>> recordedAfter(long seq) {
        return jdbc.queryForList("""
                select user_id, action, purpose, outcome, task_id, array_to_string(member_ids, ',') as members, detail
                from audit_log where seq > ? order by seq""", seq);
    }

    private ResponseEntity<Map<String, Object>> readPersonalData(String user, Purpose purpose, Map<String, Object> body) {
        return as(user).exchange("/api/personal-data/" + purpose, HttpMethod.POST, new HttpEntity<>(body), JSON);
    }

    /** Claims a call task as the operator (the person of a call is read only after Claim). */
    private void claim(String user, String taskId) {
        assertThat(as(user).postForEntity("/engine-rest/task/" + taskId + "/claim", Map.of("userId", user), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    private ResponseEntity<Map<String, Object>> openCallForm(String user, String taskId) {
        return as(user).exchange("/api/calls/tasks/" + taskId + "/view", HttpMethod.GET, null, JSON);
    }

    private void assertRefused(ResponseEntity<Map<String, Object>> response, String user, String... reason) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        String message = (String) response.getBody().get("message");
        assertThat(message).contains(user).contains(reason);
        assertThat(personalValues).noneMatch(value -> message.contains(value));
    }

    private void assertOneRefusal(long before, String user, String action, String taskId, String members) {
        List<Map<String, Object>> recorded = recordedAfter(before);
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0)).containsEntry("user_id", user).containsEntry("outcome", "REFUSED").containsEntry("action", action)
                .containsEntry("task_id", taskId).containsEntry("members", members);
        assertThat((String) recorded.get(0).get("detail")).contains(user);
    }

    @Test
    void anOperatorReadsNobodyOutsideTheTasksTheyHold() {
        String attacker = "doora";
        String own = CASES.pop();
        String other = CASES.pop();
        String ownTask = taskOf(own);
        claim(attacker, ownTask);
        long ownMember = calls.find(own).memberId();
        long otherMember = calls.find(other).memberId();

        // a list of ids, even with a task of their own
        long before = lastSeq();
        assertRefused(readPersonalData(attacker, Purpose.CALL, Map.of("fiscalYear", FY, "memberIds", List.of(ownMember, otherMember),
                "taskId", ownTask)), attacker, "一括の閲覧は区の職員に限ります");
        assertOneRefusal(before, attacker, "READ", ownTask, ownMember + "," + otherMember);

        // a whole selection run
        before = lastSeq();
        assertRefused(readPersonalData(attacker, Purpose.CALL, Map.of("fiscalYear", FY, "selectionRunId", selectionRun)), attacker,
                "抽出結果", "区の職員に限ります");
        assertOneRefusal(before, attacker, "READ", null, "");

        // another case's member under the task they hold
        before = lastSeq();
        assertRefused(readPersonalData(attacker, Purpose.CALL, Map.of("fiscalYear", FY, "memberIds", List.of(otherMember),
                "taskId", ownTask)), attacker, "対象者 " + otherMember + " はタスク " + ownTask);
        assertOneRefusal(before, attacker, "READ", ownTask, Long.toString(otherMember));

        // no task at all, or the purpose of the desk with a call task
        before = lastSeq();
        assertRefused(readPersonalData(attacker, Purpose.CALL, Map.of("fiscalYear", FY, "memberIds", List.of(otherMember))),
                attacker, "タスクの指定がありません");
        assertOneRefusal(before, attacker, "READ", null, Long.toString(otherMember));
        before = lastSeq();
        assertRefused(readPersonalData(attacker, Purpose.INQUIRY, Map.of("fiscalYear", FY, "memberIds", List.of(ownMember),
                "taskId", ownTask)), attacker, "目的 INQUIRY の業務");
        assertOneRefusal(before, attacker, "READ", ownTask, Long.toString(ownMember));

        // a task another operator has claimed
        String claimed = CASES.pop();
        String claimedTask = taskOf(claimed);
        assertThat(as("doorb").postForEntity("/engine-rest/task/" + claimedTask + "/claim", Map.of("userId", "doorb"), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        before = lastSeq();
        assertRefused(openCallForm(attacker, claimedTask), attacker, "別の担当者が担当中");
        assertOneRefusal(before, attacker, "READ", claimedTask, Long.toString(calls.find(claimed).memberId()));

        // the lead is a contractor user too: no lists
        before = lastSeq();
        assertRefused(readPersonalData(CallingFixture.LEAD, Purpose.INQUIRY, Map.of("fiscalYear", FY,
                "memberIds", List.of(ownMember, otherMember))), CallingFixture.LEAD, "区の職員に限ります");
        assertOneRefusal(before, CallingFixture.LEAD, "READ", null, ownMember + "," + otherMember);

        // what they may read: the person of their own task, one record
        before = lastSeq();
        ResponseEntity<List<Map<String, Object>>> allowed = as(attacker).exchange("/api/personal-data/CALL", HttpMethod.POST,
                new HttpEntity<>(Map.of("fiscalYear", FY, "memberIds", List.of(ownMember), "taskId", ownTask)), JSON_LIST);
        assertThat(allowed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(allowed.getBody()).extracting(p -> ((Number) p.get("memberId")).longValue()).containsExactly(ownMember);
        assertThat(recordedAfter(before)).extracting(r -> r.get("outcome") + " " + r.get("members"))
                .containsExactly("ALLOWED " + ownMember);

        // the ward reads a list as before
        List<Long> wardReads = door.readQuery(CallingFixture.ward(), Purpose.NOTICE, FY,
                new PersonalDataService.PersonQuery(selectionRun, null), AccessContext.of("test")).stream()
                .map(PersonalDataService.PersonView::memberId).toList();
        assertThat(wardReads).contains(ownMember, otherMember);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCallFormOfAHeldTaskStillOpensWithOneAuditRecord() {
        String caseId = CASES.pop();
        String taskId = taskOf(caseId);
        long memberId = calls.find(caseId).memberId();
        claim("doorb", taskId);
        long before = lastSeq();
        ResponseEntity<Map<String, Object>> view = openCallForm("doorb", taskId);
        assertThat(view.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((Map<String, String>) view.getBody().get("person")).containsKeys("電話番号", "漢字氏名");
        assertThat(personalValues).contains(((Map<String, String>) view.getBody().get("person")).get("電話番号"));
        List<Map<String, Object>> recorded = recordedAfter(before);
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0)).containsEntry("user_id", "doorb").containsEntry("outcome", "ALLOWED")
                .containsEntry("task_id", taskId).containsEntry("members", Long.toString(memberId));
    }

    @Test
    void readsPastTheHourlyBudgetAreRefusedAndTheWardIsAlertedOnceWithCountsOnly() throws Exception {
        String attacker = "doorc";
        String caseId = CASES.pop();
        String taskId = taskOf(caseId);
        String secondTask = taskOf(CASES.pop());
        claim(attacker, taskId);
        claim(attacker, secondTask);
        long before = lastSeq();
        long incidentsBefore = jdbc.queryForObject("select count(*) from incident", Long.class);

        // eight reads at once of the person of a task the attacker holds: the budget is 3 an hour
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<ResponseEntity<Map<String, Object>>>> futures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Callable<ResponseEntity<Map<String, Object>>> read = () -> {
                go.await();
                return openCallForm(attacker, taskId);
            };
            futures.add(pool.submit(read));
        }
        go.countDown();
        List<ResponseEntity<Map<String, Object>>> responses = new ArrayList<>();
        for (Future<ResponseEntity<Map<String, Object>>> f : futures) {
            responses.add(f.get());
        }
        pool.shutdown();
        assertThat(responses).filteredOn(r -> r.getStatusCode() == HttpStatus.OK).hasSize(3);
        List<ResponseEntity<Map<String, Object>>> refused = responses.stream().filter(r -> r.getStatusCode() != HttpStatus.OK).toList();
        assertThat(refused).hasSize(5);
        refused.forEach(r -> assertRefused(r, attacker, "閲覧の上限（1 時間あたり 3 人）"));
        // another task of theirs is refused too: the budget is the user's
        assertRefused(openCallForm(attacker, secondTask), attacker, "閲覧の上限");

        List<Map<String, Object>> recorded = recordedAfter(before);
        assertThat(recorded).filteredOn(r -> "ALLOWED".equals(r.get("outcome"))).hasSize(3);
        assertThat(recorded).filteredOn(r -> "REFUSED".equals(r.get("outcome")))
                .hasSize(6).allSatisfy(r -> assertThat((String) r.get("detail")).contains(attacker, "上限"));
        assertThat(jdbc.queryForObject("select persons from door_read_budget where user_id = ? and window_kind = 'HOUR' "
                + "order by window_start desc limit 1", Integer.class, attacker)).isEqualTo(3);

        // one incident for the window, not one per refused read, with the user id and counts and nothing personal
        List<Map<String, Object>> raised = jdbc.queryForList(
                "select id, fiscal_year, category, affected_count, summary, raised_by, status from incident where raised_by = 'system:door'"
                        + " and summary like ?", "%" + attacker + "%");
        assertThat(raised).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from incident", Long.class)).isEqualTo(incidentsBefore + 1);
        Map<String, Object> incident = raised.get(0);
        assertThat(incident).containsEntry("fiscal_year", FY).containsEntry("affected_count", 3).containsEntry("status", "RAISED");
        String summary = (String) incident.get("summary");
        assertThat(summary).contains("利用者 " + attacker, "閲覧 3 人（上限 3 人）", "この 1 時間 3 人");
        assertThat(personalValues).noneMatch(summary::contains);
        assertThat(summary).doesNotContain("対象者", "member");
        // the ward is told through the incident-report process: its first task is the ward's acknowledgement
        String processId = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("incident-report")
                .processInstanceBusinessKey("incident-" + incident.get("id")).singleResult().getId();
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(processId).taskCandidateGroup("ward-staff")
                .taskDefinitionKey("Task_AcknowledgeIncident").count()).isEqualTo(1);
        assertThat(engine.getRuntimeService().getVariables(processId).values()).noneMatch(v -> v instanceof String s
                && personalValues.stream().anyMatch(s::contains));
    }

    private String startInquiry(String user) {
        ResponseEntity<Map<String, Object>> started = as(user).exchange("/api/inquiries", HttpMethod.POST,
                new HttpEntity<>(Map.of("fiscalYear", FY)), JSON);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return (String) started.getBody().get("inquiryId");
    }

    private ResponseEntity<Map<String, Object>> details(String user, String inquiryId) {
        return as(user).exchange("/api/inquiries/" + inquiryId, HttpMethod.GET, null, JSON);
    }

    @Test
    void anotherOperatorCannotReadAnInquiryNote() {
        String author = "doord";
        String inquiryId = startInquiry(author);
        String note = "折り返し不要、来月受診予定とのこと";
        assertThat(as(author).exchange("/api/inquiries/" + inquiryId + "/answer", HttpMethod.POST,
                new HttpEntity<>(Map.of("category", "OTHER", "note", note)), JSON).getStatusCode()).isEqualTo(HttpStatus.OK);

        long before = lastSeq();
        ResponseEntity<Map<String, Object>> stolen = details("doorb", inquiryId);
        assertRefused(stolen, "doorb", "問い合わせ " + inquiryId);
        assertThat(stolen.toString()).doesNotContain(note);
        assertOneRefusal(before, "doorb", "READ_NOTE", null, "");

        for (String reader : List.of(author, CallingFixture.LEAD, CallingFixture.WARD)) {
            ResponseEntity<Map<String, Object>> read = details(reader, inquiryId);
            assertThat(read.getStatusCode()).as(reader).isEqualTo(HttpStatus.OK);
            assertThat(read.getBody().get("note")).isEqualTo(note);
        }
        ResponseEntity<Map<String, Object>> unknown = details(CallingFixture.WARD, "IQ" + FY + "N999999");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private ResponseEntity<List<Map<String, Object>>> lookUp(String user, String inquiryId, String ticket) {
        return as(user).exchange("/api/inquiries/" + inquiryId + "/lookup", HttpMethod.POST,
                new HttpEntity<>(Map.of("ticketNumber", ticket)), JSON_LIST);
    }

    @Test
    void lookupsPastTheCapOfAnInquiryAndCallersNobodyFoundAreRefused() {
        String attacker = "doore";
        List<Long> members = CASES.stream().limit(3).map(c -> calls.find(c).memberId()).toList();
        List<String> tickets = members.stream().map(m -> door.read(CallingFixture.ward(), Purpose.INQUIRY, FY, List.of(m),
                AccessContext.of("test: the caller's ticket")).get(0).fields().get("受診券整理番号")).toList();
        String inquiryId = startInquiry(attacker);

        assertThat(lookUp(attacker, inquiryId, tickets.get(0)).getBody()).hasSize(1);
        assertThat(lookUp(attacker, inquiryId, "00000000000").getBody()).isEmpty();
        long before = lastSeq();
        ResponseEntity<Map<String, Object>> third = as(attacker).exchange("/api/inquiries/" + inquiryId + "/lookup", HttpMethod.POST,
                new HttpEntity<>(Map.of("ticketNumber", tickets.get(1))), JSON);
        assertRefused(third, attacker, "本人照会は 2 回まで");
        assertThat(third.toString()).doesNotContain(tickets.get(1));
        List<Map<String, Object>> recorded = recordedAfter(before);
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0)).containsEntry("user_id", attacker).containsEntry("action", "LOOKUP")
                .containsEntry("outcome", "REFUSED");

        // a caller nobody looked up cannot be linked to the inquiry (and then read through it)
        before = lastSeq();
        ResponseEntity<Map<String, Object>> linked = as(attacker).exchange("/api/inquiries/" + inquiryId + "/caller", HttpMethod.POST,
                new HttpEntity<>(Map.of("memberId", members.get(2))), JSON);
        assertRefused(linked, attacker, "見つかった人ではありません");
        assertOneRefusal(before, attacker, "LINK_CALLER", jdbcTaskOf(inquiryId), Long.toString(members.get(2)));
        before = lastSeq();
        assertRefused(readPersonalData(attacker, Purpose.INQUIRY, Map.of("fiscalYear", FY, "memberIds", List.of(members.get(2)),
                "taskId", jdbcTaskOf(inquiryId))), attacker, "対象者 " + members.get(2));
        assertOneRefusal(before, attacker, "READ", jdbcTaskOf(inquiryId), Long.toString(members.get(2)));
    }

    private String jdbcTaskOf(String inquiryId) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(inquiryId).singleResult().getId();
    }

    @Test
    void oversizedNotesAndReasonsAreRefusedNamingTheFieldWithoutEchoingThem() {
        String user = "doorf";
        String caseId = CASES.pop();
        String taskId = taskOf(caseId);
        String longNote = "長".repeat(2001);
        ResponseEntity<Map<String, Object>> call = as(user).exchange("/api/calls/tasks/" + taskId + "/outcome", HttpMethod.POST,
                new HttpEntity<>(Map.of("outcome", "NO_ANSWER", "note", longNote)), JSON);
        assertThat(call.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) call.getBody().get("message")).contains("note", "2000").doesNotContain("長長");
        assertThat(calls.attempts(caseId)).isEmpty();
        assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).count()).as("the task is still open").isEqualTo(1);

        String inquiryId = startInquiry(user);
        ResponseEntity<Map<String, Object>> desk = as(user).exchange("/api/inquiries/" + inquiryId + "/answer", HttpMethod.POST,
                new HttpEntity<>(Map.of("category", "OTHER", "note", longNote)), JSON);
        assertThat(desk.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) desk.getBody().get("message")).contains("note", "2000").doesNotContain("長長");
        assertThat(jdbc.queryForObject("select state from inquiry where id = ?", String.class, inquiryId)).isEqualTo("OPEN");

        long before = lastSeq();
        ResponseEntity<Map<String, Object>> reason = readPersonalData(CallingFixture.WARD, Purpose.CALL, Map.of("fiscalYear", FY,
                "memberIds", List.of(calls.find(caseId).memberId()), "reason", "理".repeat(201)));
        assertThat(reason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) reason.getBody().get("message")).contains("reason", "200").doesNotContain("理理");
        assertThat(recordedAfter(before)).as("nothing kept of it").isEmpty();
    }
}
