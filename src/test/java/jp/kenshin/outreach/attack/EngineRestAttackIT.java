package jp.kenshin.outreach.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.calling.CallingFixture;
import jp.kenshin.outreach.cycle.PhoneOutreachStarter;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.Designations;
import jp.kenshin.outreach.selection.TargetSelectionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 11, part 3, as the attacker: a designated operator with open call tasks and an inquiry of their own
 * tries to leave a person's name, phone number and address in the engine through /engine-rest (free
 * variables on completion, form submission, start and setVariable; a declared variable with a value of the
 * wrong kind; task renames and descriptions; text business keys; a standalone task; a free-text assignee,
 * identity link or comment). Each is refused with a 400 (or the engine's 403) whose body names the variable
 * at most, and afterwards no text or byte column of any ACT_ table holds any of the values, not even the
 * free text of an incident summary, which the process hands to the incident record.
 */
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EngineRestAttackIT {

    private static final int FY = 2131;
    private static final String OPERATOR = CallingFixture.OPERATOR;
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final Deque<String> CASES = new ArrayDeque<>();
    private static AttackSupport.Person person;
    private static String inquiryTaskId;
    private static final Set<String> ATTEMPTED = new HashSet<>();

    @Autowired
    TestRestTemplate anonymous;
    @Autowired
    ProcessEngine engine;
    @Autowired
    DataSource dataSource;

    @BeforeAll
    static void prepare(@Autowired ProcessEngine engine, @Autowired MembersImportService members,
            @Autowired TargetSelectionService selection, @Autowired Designations designations, @Autowired CallCaseService calls,
            @Autowired PhoneOutreachStarter starter, @Autowired JdbcTemplate jdbc, @Autowired TestRestTemplate rest) throws Exception {
        CallingFixture.Prepared prepared = CallingFixture.prepare(FY, 60, 0, members, selection, designations, engine.getIdentityService());
        person = AttackSupport.person(prepared.membersFile(), 3);
        calls.openCases(FY);
        starter.startPending();
        CASES.addAll(jdbc.queryForList("select id from call_case where fiscal_year = ? order by id",
                String.class, FY));
        assertThat(CASES).as("open call tasks to attack from").hasSizeGreaterThan(8);
        ResponseEntity<Map<String, Object>> inquiry = rest.withBasicAuth(OPERATOR, TestUsers.password(OPERATOR))
                .exchange("/api/inquiries", HttpMethod.POST, json(Map.of("fiscalYear", FY)), JSON);
        assertThat(inquiry.getStatusCode()).as(String.valueOf(inquiry.getBody())).isEqualTo(HttpStatus.CREATED);
        inquiryTaskId = (String) inquiry.getBody().get("taskId");
    }

    private static HttpEntity<Object> json(Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private ResponseEntity<Map<String, Object>> attack(HttpMethod method, String path, Object body) {
        return anonymous.withBasicAuth(OPERATOR, TestUsers.password(OPERATOR)).exchange("/engine-rest" + path, method, json(body), JSON);
    }

    private static Map<String, Object> value(Object value) {
        return Map.of("value", value);
    }

    private String callTask() {
        String caseId = CASES.pop();
        Task task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId).singleResult();
        assertThat(task).isNotNull();
        return task.getId();
    }

    /**
     * A call task the operator has claimed: as its assignee they hold the engine's UPDATE on it (the operators' group
     * holds only READ_TASK and TASK_WORK on the definition), so what is refused is refused by the guard, not by the
     * engine's authorization.
     */
    private String claimedCallTask() {
        String taskId = callTask();
        assertThat(attack(HttpMethod.POST, "/task/" + taskId + "/claim", Map.of("userId", OPERATOR)).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        return taskId;
    }

    /** Refused by the guard: a 400 naming what was refused, never the value. */
    private void assertRefused(ResponseEntity<Map<String, Object>> response, String named) {
        assertThat(response.getStatusCode()).as("refused").isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).isNotNull();
        String body = response.getBody().toString();
        assertThat(body).contains(named);
        assertNoValueIn(body);
    }

    private static void assertNoValueIn(String text) {
        for (String value : person.values()) {
            assertThat(text).as("the body echoes a submitted value").doesNotContain(value);
        }
    }

    @Test
    @Order(1)
    void completingACallTaskWithAFreeVariableIsRefusedAndTheTaskStaysOpen() {
        String taskId = callTask();
        ATTEMPTED.add("operatorMemo");
        ResponseEntity<Map<String, Object>> response = attack(HttpMethod.POST, "/task/" + taskId + "/complete",
                Map.of("variables", Map.of("callOutcome", value("NO_ANSWER"), "operatorMemo", value(person.memo()))));
        assertRefused(response, "operatorMemo");
        assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).count()).as("the task is still open").isEqualTo(1);

        ResponseEntity<Map<String, Object>> submitted = attack(HttpMethod.POST, "/task/" + taskId + "/submit-form",
                Map.of("variables", Map.of("callOutcome", value("NO_ANSWER"), "operatorMemo", value(person.memo()))));
        assertRefused(submitted, "operatorMemo");
        assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).count()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aDeclaredVariableWithAPersonInItIsRefused() {
        String taskId = callTask();
        ResponseEntity<Map<String, Object>> response = attack(HttpMethod.POST, "/task/" + taskId + "/complete",
                Map.of("variables", Map.of("callOutcome", value(person.name()))));
        assertRefused(response, "callOutcome");
        ResponseEntity<Map<String, Object>> asDate = attack(HttpMethod.POST, "/task/" + taskId + "/complete",
                Map.of("variables", Map.of("callOutcome", value("CALLBACK_REQUESTED"), "callbackAt", value(person.address()))));
        assertRefused(asDate, "callbackAt");
        assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).count()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void settingVariablesOnATaskOrItsProcessIsRefused() {
        String taskId = claimedCallTask();
        String processInstanceId = engine.getTaskService().createTaskQuery().taskId(taskId).singleResult().getProcessInstanceId();

        assertRefused(attack(HttpMethod.PUT, "/task/" + taskId + "/variables/operatorMemo", value(person.memo())), "operatorMemo");
        assertRefused(attack(HttpMethod.PUT, "/task/" + taskId + "/localVariables/operatorMemo", value(person.memo())), "operatorMemo");
        assertRefused(attack(HttpMethod.POST, "/task/" + taskId + "/variables",
                Map.of("modifications", Map.of("operatorMemo", value(person.memo())))), "operatorMemo");
        assertRefused(attack(HttpMethod.PUT, "/task/" + taskId + "/variables/callKind", value(person.phone())), "callKind");

        ResponseEntity<Map<String, Object>> onProcess = attack(HttpMethod.PUT,
                "/process-instance/" + processInstanceId + "/variables/operatorMemo", value(person.memo()));
        assertThat(onProcess.getStatusCode()).as("refused (the operator may not even update the instance)")
                .isIn(HttpStatus.BAD_REQUEST, HttpStatus.FORBIDDEN);
        assertNoValueIn(String.valueOf(onProcess.getBody()));

        assertThat(engine.getRuntimeService().getVariables(processInstanceId)).doesNotContainKey("operatorMemo");
        assertThat(engine.getTaskService().getVariablesLocal(taskId)).isEmpty();
    }

    @Test
    @Order(4)
    void startingAnInquiryWithAFreeVariableOrATextBusinessKeyIsRefused() {
        long before = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("inquiry").count();
        assertRefused(attack(HttpMethod.POST, "/process-definition/key/inquiry/start",
                Map.of("variables", Map.of("fiscalYear", value(FY), "operatorMemo", value(person.memo())))), "operatorMemo");
        assertRefused(attack(HttpMethod.POST, "/process-definition/key/inquiry/submit-form",
                Map.of("variables", Map.of("fiscalYear", value(FY), "callerName", value(person.name())))), "callerName");
        ResponseEntity<Map<String, Object>> keyed = attack(HttpMethod.POST, "/process-definition/key/inquiry/start",
                Map.of("businessKey", person.name() + " " + person.phone(), "variables", Map.of("fiscalYear", value(FY))));
        assertRefused(keyed, "業務キー");
        for (int year : new int[] {-1, 99999}) {
            assertRefused(attack(HttpMethod.POST, "/process-definition/key/inquiry/start",
                    Map.of("variables", Map.of("fiscalYear", value(year)))), "fiscalYear");
        }
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("inquiry").count()).isEqualTo(before);
    }

    @Test
    @Order(5)
    void startingAnIncidentReportWithANameAndPhoneAsBusinessKeyIsRefused() {
        long before = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("incident-report").count();
        ResponseEntity<Map<String, Object>> response = attack(HttpMethod.POST, "/process-definition/key/incident-report/start",
                Map.of("businessKey", person.name() + " " + person.phone(), "variables", Map.of("fiscalYear", value(FY),
                        "incidentCategory", value("紛失"), "occurredOn", value("2131-05-01"), "incidentSummary", value("テスト"))));
        assertRefused(response, "業務キー");
        ResponseEntity<Map<String, Object>> byMessage = attack(HttpMethod.POST, "/message",
                Map.of("messageName", "Message_DesignationsChanged", "businessKey", person.phone(),
                        "processVariables", Map.of("fiscalYear", value(FY))));
        assertThat(byMessage.getStatusCode().is4xxClientError()).as("a message start with a phone number as key").isTrue();
        assertNoValueIn(String.valueOf(byMessage.getBody()));
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("incident-report").count())
                .isEqualTo(before);
    }

    @Test
    @Order(6)
    void renamingOrDescribingATaskIsRefused() {
        String taskId = claimedCallTask();
        Task task = engine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
        Map<String, Object> renamed = new java.util.HashMap<>();
        renamed.put("name", person.name());
        renamed.put("description", person.memo());
        renamed.put("priority", task.getPriority());
        renamed.put("due", null);
        ResponseEntity<Map<String, Object>> response = attack(HttpMethod.PUT, "/task/" + taskId, renamed);
        assertRefused(response, "名前と説明");
        Map<String, Object> described = new java.util.HashMap<>(renamed);
        described.put("name", task.getName());
        assertRefused(attack(HttpMethod.PUT, "/task/" + taskId, described), "名前と説明");
        Task after = engine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
        assertThat(after.getName()).isEqualTo(task.getName());
        assertThat(after.getDescription()).isEqualTo(task.getDescription());
    }

    @Test
    @Order(7)
    void aStandaloneTaskIsRefused() {
        ResponseEntity<Map<String, Object>> response = attack(HttpMethod.POST, "/task/create",
                Map.of("name", person.name(), "description", person.memo()));
        assertThat(response.getStatusCode()).isIn(HttpStatus.BAD_REQUEST, HttpStatus.FORBIDDEN);
        assertNoValueIn(String.valueOf(response.getBody()));
        assertThat(engine.getTaskService().createTaskQuery().taskName(person.name()).count()).isZero();
    }

    @Test
    @Order(8)
    void freeTextAssigneesCandidatesAndCommentsAreRefused() {
        String taskId = callTask();
        assertRefused(attack(HttpMethod.POST, "/task/" + taskId + "/assignee", Map.of("userId", person.name())), "利用者ID");
        ResponseEntity<Map<String, Object>> link = attack(HttpMethod.POST, "/task/" + taskId + "/identity-links",
                Map.of("userId", person.phone(), "type", "candidate"));
        assertThat(link.getStatusCode()).isIn(HttpStatus.BAD_REQUEST, HttpStatus.FORBIDDEN);
        assertNoValueIn(String.valueOf(link.getBody()));
        for (String onTask : List.of(taskId, inquiryTaskId)) {
            // Camunda's REST answers 400 when the operator may not read the task's history; the engine refuses comments anyway
            ResponseEntity<Map<String, Object>> comment = attack(HttpMethod.POST, "/task/" + onTask + "/comment/create",
                    Map.of("message", person.memo()));
            assertThat(comment.getStatusCode()).isIn(HttpStatus.BAD_REQUEST, HttpStatus.FORBIDDEN);
            assertNoValueIn(String.valueOf(comment.getBody()));
            assertThat(engine.getTaskService().getTaskComments(onTask)).isEmpty();
        }
        assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
    }

    @Test
    @Order(9)
    void theWorkTheOperatorIsThereForStillGoesThrough() {
        String taskId = callTask();
        ResponseEntity<Map<String, Object>> completed = attack(HttpMethod.POST, "/task/" + taskId + "/complete",
                Map.of("variables", Map.of("callOutcome", value("NO_ANSWER"))));
        assertThat(completed.getStatusCode()).as(String.valueOf(completed.getBody())).isEqualTo(HttpStatus.NO_CONTENT);
        ResponseEntity<Map<String, Object>> claimed = attack(HttpMethod.POST, "/task/" + callTask() + "/claim", Map.of("userId", OPERATOR));
        assertThat(claimed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        ResponseEntity<Map<String, Object>> viaForm = anonymous.withBasicAuth(OPERATOR, TestUsers.password(OPERATOR)).exchange(
                "/api/calls/tasks/" + callTask() + "/outcome", HttpMethod.POST,
                json(Map.of("outcome", "BUSY", "note", "夕方にかけ直す")), JSON);
        assertThat(viaForm.getStatusCode()).as(String.valueOf(viaForm.getBody())).isEqualTo(HttpStatus.OK);
    }

    @Test
    @Order(10)
    void anIncidentSummaryIsHandedToTheIncidentRecordAndLeavesNoTextInTheEngine() {
        ResponseEntity<Map<String, Object>> raised = attack(HttpMethod.POST, "/process-definition/key/incident-report/start",
                Map.of("variables", Map.of("fiscalYear", value(FY), "incidentCategory", value("紛失"),
                        "occurredOn", value("2131-05-01"), "affectedCount", value(1),
                        "incidentSummary", value("架電リストの紙を紛失。該当者 " + person.memo()))));
        assertThat(raised.getStatusCode()).as(String.valueOf(raised.getBody())).isEqualTo(HttpStatus.OK);
        String processInstanceId = (String) raised.getBody().get("id");
        assertThat(engine.getRuntimeService().getVariables(processInstanceId)).containsKey("incidentId")
                .doesNotContainKey("incidentSummary");
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .variableName("incidentSummary").includeDeleted().singleResult().getValue()).as("history knows the field was there, not its text").isNull();
    }

    @Test
    @Order(11)
    void aFormTextOverItsCapIsABadRequestNamingTheField() {
        long before = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("incident-report").count();
        ResponseEntity<Map<String, Object>> response = attack(HttpMethod.POST, "/process-definition/key/incident-report/start",
                Map.of("variables", Map.of("fiscalYear", value(FY), "incidentCategory", value("紛失"),
                        "occurredOn", value("2131-05-01"), "affectedCount", value(1), "incidentSummary", value("紛".repeat(3_000)))));
        assertRefused(response, "summary");
        assertThat(String.valueOf(response.getBody())).doesNotContain("紛紛紛");
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("incident-report").count())
                .as("no incident process left behind").isEqualTo(before);
    }

    @Test
    @Order(100)
    void afterwardsNoEngineTableHoldsAnyOfTheValues() throws Exception {
        Set<String> values = new HashSet<>(person.values());
        values.add(person.memo());
        List<String> found = AttackSupport.engineColumnsHolding(dataSource, values);
        assertThat(found).as("ACT_ columns holding the synthetic person's values").isEmpty();
        assertThat(AttackSupport.engineColumnsHolding(dataSource, Set.of("operatorMemo", "callerName")))
                .as("not even the refused variables' names").isEmpty();
        assertThat(AttackSupport.engineColumnsHolding(dataSource, Set.of("NO_ANSWER")))
                .as("the scan finds what legitimately is there").isNotEmpty();
    }
}
