package jp.kenshin.outreach.calling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.PersonalValues;
import jp.kenshin.outreach.TestUsers;
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
import org.camunda.bpm.engine.task.Task;
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

/**
 * The call desk of issue 14: 次の電話 claims the next due call for the operator who asks and never the same call for two
 * operators; the engine refuses a claim by an operator who is not designated; nobody's person is read before Claim; each
 * row names the case, the kind of call, the attempt and the due time; and the operators' call tasks are authorized on
 * the process definition, not by one authorization row per task.
 */
@IntegrationTest
class NextCallIT {

    private static final int FY = 2171;
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final List<String> OPERATORS = List.of("nextop1", "nextop2", "nextop3", "nextop4", "nextop5", "nextop6");
    /** An operator designated for this year only. */
    private static final String SOLO = "nextop7";
    private static Set<String> personalValues;

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
    static void prepare(@Autowired ProcessEngine engine, @Autowired MembersImportService members,
            @Autowired TargetSelectionService selection, @Autowired Designations designations, @Autowired CallCaseService calls,
            @Autowired PhoneOutreachStarter starter) throws Exception {
        CallingFixture.Prepared prepared = CallingFixture.prepare(FY, 400, 0, members, selection, designations,
                engine.getIdentityService());
        personalValues = PersonalValues.of(prepared.membersFile(), StandardCharsets.UTF_8);
        LocalDate today = LocalDate.now();
        for (String user : java.util.stream.Stream.concat(OPERATORS.stream(), java.util.stream.Stream.of(SOLO)).toList()) {
            TestUsers.ensure(engine.getIdentityService(), user, Requester.CONTRACTOR_OPERATOR);
            designations.save(new Designation(null, FY, user, Designation.Role.HANDLER, EnumSet.of(Purpose.CALL),
                    today.minusDays(30), today.plusDays(365), today.minusDays(30)), "ward");
        }
        TestUsers.ensure(engine.getIdentityService(), "nextop9", Requester.CONTRACTOR_OPERATOR); // never designated
        calls.openCases(FY);
        starter.startPending();
    }

    private TestRestTemplate as(String user) {
        return anonymous.withBasicAuth(user, TestUsers.password(user));
    }

    private ResponseEntity<Map<String, Object>> next(String user) {
        return as(user).exchange("/api/calls/next", HttpMethod.POST, new HttpEntity<>(Map.of()), JSON);
    }

    private List<Task> openCallsOfTheYear() {
        return engine.getTaskService().createTaskQuery().processDefinitionKey("phone-outreach").processInstanceBusinessKeyLike("CC" + FY + "N%")
                .list();
    }

    private ResponseEntity<Map<String, Object>> record(String user, String taskId, String outcome) {
        return as(user).exchange("/api/calls/tasks/" + taskId + "/outcome", HttpMethod.POST,
                new HttpEntity<>(Map.of("outcome", outcome, "note", "")), JSON);
    }

    @Test
    void operatorsAskingForTheNextCallAtOnceNeverGetTheSameCall() throws Exception {
        int rounds = 4;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(OPERATORS.size());
        List<Future<List<String>>> futures = new ArrayList<>();
        for (String user : OPERATORS) {
            Callable<List<String>> operator = () -> {
                go.await();
                List<String> taken = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    ResponseEntity<Map<String, Object>> next = next(user);
                    assertThat(next.getStatusCode()).as(user + " " + next.getBody()).isEqualTo(HttpStatus.OK);
                    String taskId = (String) next.getBody().get("taskId");
                    taken.add(user + " " + taskId);
                    // after the outcome the next call is one request away
                    assertThat(record(user, taskId, "NO_ANSWER").getStatusCode()).isEqualTo(HttpStatus.OK);
                }
                return taken;
            };
            futures.add(pool.submit(operator));
        }
        go.countDown();
        List<String> taken = new ArrayList<>();
        for (Future<List<String>> f : futures) {
            taken.addAll(f.get());
        }
        pool.shutdown();
        assertThat(taken).hasSize(OPERATORS.size() * rounds);
        Set<String> tasks = new HashSet<>();
        for (String t : taken) {
            assertThat(tasks.add(t.split(" ")[1])).as("taken twice: " + t).isTrue();
        }
        // each call was recorded once, by the operator who was given it
        for (String t : taken) {
            String user = t.split(" ")[0];
            String taskId = t.split(" ")[1];
            assertThat(jdbc.queryForList("select operator from call_attempt where task_id = ?", String.class, taskId)).containsExactly(user);
        }
    }

    @Test
    void theNextCallIsTheFirstDueByPriorityAndAskingAgainGivesTheCallAlreadyHeld() {
        Task expected = engine.getTaskService().createTaskQuery().processDefinitionKey("phone-outreach")
                .processInstanceBusinessKeyLike("CC" + FY + "N%").taskCandidateGroup(Requester.CONTRACTOR_OPERATOR).taskUnassigned()
                .followUpBeforeOrNotExistent(new java.util.Date()).active().orderByTaskPriority().desc().orderByDueDate().asc().orderByTaskCreateTime().asc()
                .orderByTaskId().asc().listPage(0, 1).get(0);
        ResponseEntity<Map<String, Object>> first = next(SOLO);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(first.getBody()).containsEntry("taskId", expected.getId()).containsEntry("alreadyHeld", false)
                .containsEntry("tasklistUrl", "/camunda/app/tasklist/default/#/?task=" + expected.getId());
        assertThat(engine.getTaskService().createTaskQuery().taskId(expected.getId()).singleResult().getAssignee()).isEqualTo(SOLO);
        ResponseEntity<Map<String, Object>> again = next(SOLO);
        assertThat(again.getBody()).containsEntry("taskId", expected.getId()).containsEntry("alreadyHeld", true);
        assertThat(record(SOLO, expected.getId(), "WILL_BOOK").getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<Map<String, Object>> after = next(SOLO);
        assertThat(after.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(after.getBody().get("taskId")).as("after the outcome, a new call").isNotEqualTo(expected.getId());
        assertThat(record(SOLO, (String) after.getBody().get("taskId"), "BUSY").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aCallClaimedInTasklistIsNotHandedOutAndComesBackWhenGivenBack() {
        String holder = OPERATORS.get(0);
        String other = OPERATORS.get(1);
        // whatever the other tests left in hand is recorded first, so 次の電話 takes from the queue
        for (String user : List.of(holder, other)) {
            ResponseEntity<Map<String, Object>> held = next(user);
            if (held.getStatusCode() == HttpStatus.OK && Boolean.TRUE.equals(held.getBody().get("alreadyHeld"))) {
                assertThat(record(user, (String) held.getBody().get("taskId"), "NO_ANSWER").getStatusCode()).isEqualTo(HttpStatus.OK);
            } else if (held.getStatusCode() == HttpStatus.OK) {
                assertThat(record(user, (String) held.getBody().get("taskId"), "NO_ANSWER").getStatusCode()).isEqualTo(HttpStatus.OK);
            }
        }
        Map<String, Object> top = jdbc.queryForMap("select task_id from call_queue where fiscal_year = ? and (callable_from is null "
                + "or callable_from <= now()) order by priority desc, due_at, created_at, task_id limit 1", FY);
        String taskId = (String) top.get("task_id");
        // the operator claims it in Tasklist (the engine's REST, as Tasklist does)
        assertThat(as(holder).postForEntity("/engine-rest/task/" + taskId + "/claim", Map.of("userId", holder), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(jdbc.queryForObject("select count(*) from call_queue where task_id = ?", Long.class, taskId)).isZero();
        ResponseEntity<Map<String, Object>> next = next(other);
        assertThat(next.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(next.getBody().get("taskId")).as("a call held in Tasklist is not handed out").isNotEqualTo(taskId);
        // given back (Unclaim), it waits again
        assertThat(as(holder).postForEntity("/engine-rest/task/" + taskId + "/unclaim", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(jdbc.queryForObject("select count(*) from call_queue where task_id = ?", Long.class, taskId)).isOne();
        assertThat(record(other, (String) next.getBody().get("taskId"), "BUSY").getStatusCode()).isEqualTo(HttpStatus.OK);
        // the queue holds exactly the year's open, unassigned call tasks
        long unassigned = engine.getTaskService().createTaskQuery().processDefinitionKey("phone-outreach")
                .processInstanceBusinessKeyLike("CC" + FY + "N%").taskDefinitionKey("Task_CallPerson").taskUnassigned().count();
        assertThat(jdbc.queryForObject("select count(*) from call_queue where fiscal_year = ?", Long.class, FY)).isEqualTo(unassigned);
    }

    @Test
    void theEngineRefusesAClaimByAnOperatorWhoIsNotDesignated() {
        Task task = openCallsOfTheYear().stream().filter(t -> t.getAssignee() == null).findFirst().orElseThrow();
        ResponseEntity<String> viaEngine = as("nextop9").postForEntity("/engine-rest/task/" + task.getId() + "/claim",
                Map.of("userId", "nextop9"), String.class);
        assertThat(viaEngine.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(viaEngine.getBody()).contains("nextop9", "指定されていません");
        ResponseEntity<Map<String, Object>> viaNext = next("nextop9");
        assertThat(viaNext.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat((String) viaNext.getBody().get("message")).contains("nextop9", "指定されていません");
        // nor can the lead hand the call to them
        assertThat(as(CallingFixture.LEAD).postForEntity("/engine-rest/task/" + task.getId() + "/assignee", Map.of("userId", "nextop9"),
                String.class).getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();
        assertThat(openCallsOfTheYear()).noneMatch(t -> "nextop9".equals(t.getAssignee()));
    }

    @Test
    void nobodysPersonIsReadBeforeClaim() {
        Task task = openCallsOfTheYear().stream().filter(t -> t.getAssignee() == null).findFirst().orElseThrow();
        String caseId = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .singleResult().getBusinessKey();
        long memberId = calls.find(caseId).memberId();
        long before = jdbc.queryForObject("select coalesce(max(seq), 0) from audit_log", Long.class);

        ResponseEntity<Map<String, Object>> view = as(CallingFixture.SECOND_OPERATOR).exchange("/api/calls/tasks/" + task.getId() + "/view",
                HttpMethod.GET, null, JSON);
        assertThat(view.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) view.getBody().get("message")).contains("まだ担当していません");
        assertThat(view.getBody()).doesNotContainKey("person");
        assertThat(jdbc.queryForObject("select count(*) from audit_log where seq > ? and task_id = ?", Long.class, before, task.getId()))
                .as("selecting a call is no read").isZero();
        // the door itself refuses a CALL read under a call task not claimed
        Requester operator = CallingFixture.operator(CallingFixture.SECOND_OPERATOR);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> door.read(operator, Purpose.CALL, FY, List.of(memberId),
                new AccessContext(task.getId(), task.getProcessInstanceId(), "test"))).hasMessageContaining("まだ担当していません");

        // once claimed, the form shows the person
        assertThat(as(CallingFixture.SECOND_OPERATOR).postForEntity("/api/calls/tasks/" + task.getId() + "/claim", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<Map<String, Object>> claimed = as(CallingFixture.SECOND_OPERATOR).exchange(
                "/api/calls/tasks/" + task.getId() + "/view", HttpMethod.GET, null, JSON);
        assertThat(claimed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(claimed.getBody()).containsKey("person");
    }

    @Test
    void eachRowNamesTheCaseTheKindTheAttemptAndTheDueTime() {
        Task task = openCallsOfTheYear().stream().filter(t -> t.getAssignee() == null).findFirst().orElseThrow();
        String caseId = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .singleResult().getBusinessKey();
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        String due = DateTimeFormatter.ofPattern("M/d HH:mm").format(task.getDueDate().toInstant().atZone(tokyo));
        assertThat(task.getName()).isEqualTo("電話 " + caseId + "・初回・1回目・期限 " + due);
        assertThat(task.getDescription()).startsWith("架電ケース " + caseId + "／初回／1回目／期限 "
                + DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm").format(task.getDueDate().toInstant().atZone(tokyo)));

        // no answer: the retry is the second attempt, named so
        assertThat(as(CallingFixture.OPERATOR).postForEntity("/api/calls/tasks/" + task.getId() + "/claim", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(record(CallingFixture.OPERATOR, task.getId(), "NO_ANSWER").getStatusCode()).isEqualTo(HttpStatus.OK);
        engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
                .processInstanceId(task.getProcessInstanceId()).timers().singleResult().getId());
        Task retry = engine.getTaskService().createTaskQuery().processInstanceId(task.getProcessInstanceId()).singleResult();
        String retryDue = DateTimeFormatter.ofPattern("M/d HH:mm").format(retry.getDueDate().toInstant().atZone(tokyo));
        assertThat(retry.getName()).isEqualTo("電話 " + caseId + "・再架電・2回目・期限 " + retryDue);
        assertThat(retry.getPriority()).isGreaterThan(task.getPriority());

        // the rows carry ids and codes only
        for (Task t : openCallsOfTheYear()) {
            assertThat(personalValues).noneMatch(v -> t.getName().contains(v) || t.getDescription().contains(v));
        }
        // the operator's list in Tasklist shows the same name
        ResponseEntity<List<Map<String, Object>>> list = as(CallingFixture.OPERATOR).exchange(
                "/engine-rest/task?processInstanceId=" + retry.getProcessInstanceId(), HttpMethod.GET, null,
                new ParameterizedTypeReference<List<Map<String, Object>>>() {
                });
        assertThat(list.getBody()).extracting(m -> m.get("name")).containsExactly(retry.getName());
    }

    @Test
    void theOperatorsCallTasksAreAuthorizedOnTheDefinitionNotOneRowPerTask() {
        assertThat(jdbc.queryForObject("""
                select count(*) from act_ru_authorization a join act_ru_task t on t.id_ = a.resource_id_
                where a.group_id_ = 'contractor-operator' and t.task_def_key_ = 'Task_CallPerson'""", Long.class)).isZero();
        long open = openCallsOfTheYear().size();
        assertThat(open).isGreaterThan(20);
        // and yet an operator sees them, and no task of another process
        ResponseEntity<Map<String, Object>> count = as(CallingFixture.OPERATOR).exchange(
                "/engine-rest/task/count?processInstanceBusinessKeyLike=CC" + FY + "N%", HttpMethod.GET, null, JSON);
        assertThat(((Number) count.getBody().get("count")).longValue()).isEqualTo(open);
        ResponseEntity<Map<String, Object>> wardTasks = as(CallingFixture.OPERATOR).exchange(
                "/engine-rest/task/count?candidateGroup=ward-staff", HttpMethod.GET, null, JSON);
        assertThat(((Number) wardTasks.getBody().get("count")).longValue()).isZero();
    }
}
