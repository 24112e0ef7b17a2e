package jp.kenshin.outreach.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.calling.CallingFixture;
import jp.kenshin.outreach.cycle.PhoneOutreachStarter;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.Designations;
import jp.kenshin.outreach.selection.TargetSelectionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 11, part 3, "no echo", as the attacker: a synthetic person's name inside a long marker is sent to
 * every /api and /engine-rest path that can be made to fail on input (a bad code, an unknown enum value, a
 * bad JSON date, a bad number, broken JSON, a bad path or query value, a value of the wrong engine type, a
 * variable named by the value), with the loggers that report such failures at DEBUG. No answer body and no
 * log line carries the marker or the name; each failure is answered (4xx, or 5xx with an error id).
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ErrorEchoAttackIT {

    private static final int FY = 2132;
    private static final String WARD = CallingFixture.WARD;
    private static final String OPERATOR = CallingFixture.OPERATOR;
    private static final String LEAD = CallingFixture.LEAD;
    private static final List<String> LOUD_LOGGERS = List.of("org.camunda.bpm.engine.context", "org.camunda.bpm.engine.rest",
            "org.camunda.bpm.engine.cmd", "org.camunda.bpm.engine.bpmn", "org.springframework.web", "org.glassfish.jersey",
            "jp.kenshin.outreach", "org.apache.coyote", "org.apache.catalina.core");

    /** One attack: who, how, where, what is sent, and the statuses that count as a refusal. */
    record Attack(String user, HttpMethod method, String path, MediaType type, String body) {
    }

    @Autowired
    TestRestTemplate anonymous;
    @Autowired
    ProcessEngine engine;
    @Autowired
    LoggingSystem logging;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void noErrorBodyOrLogLineEchoesASubmittedValue(CapturedOutput output, @Autowired MembersImportService members,
            @Autowired TargetSelectionService selection, @Autowired Designations designations, @Autowired CallCaseService calls,
            @Autowired PhoneOutreachStarter starter) throws Exception {
        CallingFixture.Prepared prepared = CallingFixture.prepare(FY, 40, 0, members, selection, designations, engine.getIdentityService());
        AttackSupport.Person person = AttackSupport.person(prepared.membersFile(), 1);
        calls.openCases(FY);
        starter.startPending();
        String caseId = jdbc.queryForList("select id from call_case where fiscal_year = ? order by id", String.class, FY).get(0);
        String taskId = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId).singleResult().getId();
        Map<?, ?> inquiry = anonymous.withBasicAuth(OPERATOR, TestUsers.password(OPERATOR))
                .postForObject("/api/inquiries", json("{\"fiscalYear\": " + FY + "}"), Map.class);
        String inquiryId = (String) inquiry.get("inquiryId");
        String inquiryTaskId = (String) inquiry.get("taskId");
        assertThat(inquiryId).startsWith("IQ");

        String marker = "echo-" + person.name() + "-マーカー-" + UUID.randomUUID() + "-" + "反響".repeat(200);
        String m = jsonString(marker);
        String enc = java.net.URLEncoder.encode(marker, java.nio.charset.StandardCharsets.UTF_8);
        String name = jsonString(person.name());
        MediaType j = MediaType.APPLICATION_JSON;

        List<Attack> attacks = List.of(
                // /api: codes and enum values
                new Attack(OPERATOR, HttpMethod.POST, "/api/calls/tasks/" + taskId + "/outcome", j, "{\"outcome\": " + name + "}"),
                new Attack(OPERATOR, HttpMethod.POST, "/api/calls/tasks/" + taskId + "/outcome", j, "{\"outcome\": " + m + "}"),
                new Attack(OPERATOR, HttpMethod.POST, "/api/calls/tasks/" + taskId + "/outcome", j,
                        "{\"outcome\": \"CALLBACK_REQUESTED\", \"callbackAt\": " + m + "}"),
                new Attack(OPERATOR, HttpMethod.POST, "/api/inquiries/" + inquiryId + "/answer", j, "{\"category\": " + m + "}"),
                new Attack(OPERATOR, HttpMethod.POST, "/api/personal-data/" + enc, j, "{\"fiscalYear\": " + FY + "}"),
                new Attack(OPERATOR, HttpMethod.POST, "/api/incidents", j, "{\"fiscalYear\": " + FY + ", \"category\": " + m
                        + ", \"occurredOn\": \"2132-05-01\", \"affectedCount\": 1, \"summary\": \"テスト\"}"),
                // /api: bad JSON dates
                new Attack(OPERATOR, HttpMethod.POST, "/api/inquiries/" + inquiryId + "/answer", j,
                        "{\"category\": \"COST\", \"escalate\": true, \"escalationDue\": " + m + "}"),
                new Attack(OPERATOR, HttpMethod.POST, "/api/inquiries/" + inquiryId + "/lookup", j, "{\"birthDate\": " + m + "}"),
                new Attack(OPERATOR, HttpMethod.POST, "/api/incidents", j, "{\"fiscalYear\": " + FY + ", \"category\": \"紛失\""
                        + ", \"occurredOn\": " + m + ", \"affectedCount\": 1, \"summary\": \"テスト\"}"),
                new Attack(WARD, HttpMethod.POST, "/api/cycles", j, "{\"fiscalYear\": 2133, \"referenceDate\": " + m + "}"),
                new Attack(LEAD, HttpMethod.POST, "/api/designations", j, "{\"fiscalYear\": " + FY + ", \"trainedOn\": " + m + "}"),
                // /api: bad numbers
                new Attack(OPERATOR, HttpMethod.POST, "/api/inquiries", j, "{\"fiscalYear\": " + m + "}"),
                new Attack(OPERATOR, HttpMethod.POST, "/api/inquiries", j, "{\"fiscalYear\": 9" + "9".repeat(40) + "}"),
                new Attack(OPERATOR, HttpMethod.POST, "/api/inquiries/" + inquiryId + "/caller", j, "{\"memberId\": " + m + "}"),
                new Attack(OPERATOR, HttpMethod.POST, "/api/personal-data/CALL", j, "{\"fiscalYear\": " + FY + ", \"memberIds\": [" + m + "]}"),
                new Attack(OPERATOR, HttpMethod.GET, "/api/incidents/" + enc, null, null),
                new Attack(WARD, HttpMethod.GET, "/api/cycles/" + enc, null, null),
                new Attack(WARD, HttpMethod.GET, "/api/imports/" + enc, null, null),
                new Attack(WARD, HttpMethod.GET, "/api/selections/" + enc, null, null),
                new Attack(WARD, HttpMethod.GET, "/api/reports/" + enc + "/calls", null, null),
                new Attack(WARD, HttpMethod.POST, "/api/members/imports?fiscalYear=" + enc, MediaType.valueOf("text/csv"), "a,b\n"),
                new Attack(WARD, HttpMethod.POST, "/api/members/imports?fiscalYear=" + FY + "&encoding=" + enc,
                        MediaType.valueOf("text/csv"), "a,b\n"),
                // /api: broken JSON, unknown ids in the path, unknown paths
                new Attack(OPERATOR, HttpMethod.POST, "/api/inquiries", j, "{\"fiscalYear\": " + marker),
                new Attack(OPERATOR, HttpMethod.POST, "/api/inquiries/" + inquiryId + "/answer", j, "[" + m + "]"),
                new Attack(OPERATOR, HttpMethod.GET, "/api/calls/tasks/" + enc + "/view", null, null),
                new Attack(OPERATOR, HttpMethod.POST, "/api/calls/tasks/" + enc + "/outcome", j, "{\"outcome\": \"BUSY\"}"),
                new Attack(OPERATOR, HttpMethod.GET, "/api/inquiries/" + enc, null, null),
                new Attack(OPERATOR, HttpMethod.POST, "/api/inquiries/" + enc + "/lookup", j, "{\"name\": " + name + "}"),
                new Attack(OPERATOR, HttpMethod.GET, "/api/" + enc, null, null),
                new Attack(OPERATOR, HttpMethod.GET, "/api/inquiries?x=" + enc, null, null),
                // /engine-rest: values of the wrong type, unknown keys and ids, bad query values, broken JSON
                new Attack(OPERATOR, HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete", j,
                        "{\"variables\": {\"attemptCount\": {\"value\": " + m + ", \"type\": \"Integer\"}}}"),
                new Attack(OPERATOR, HttpMethod.PUT, "/engine-rest/task/" + taskId + "/variables/callbackAt", j,
                        "{\"value\": " + m + ", \"type\": \"Date\"}"),
                new Attack(OPERATOR, HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete", j,
                        "{\"variables\": {" + m + ": {\"value\": 1}}}"),
                new Attack(OPERATOR, HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete", j,
                        "{\"variables\": {\"callOutcome\": {\"value\": " + m + "}}}"),
                new Attack(OPERATOR, HttpMethod.POST, "/engine-rest/task/" + inquiryTaskId + "/complete", j,
                        "{\"variables\": {\"inquiryCategory\": {\"value\": \"NOT_A_CATEGORY\"}}}"),
                new Attack(OPERATOR, HttpMethod.POST, "/engine-rest/process-definition/key/inquiry/start", j,
                        "{\"variables\": {\"fiscalYear\": {\"value\": " + m + ", \"type\": \"Long\"}}}"),
                new Attack(OPERATOR, HttpMethod.POST, "/engine-rest/process-definition/key/inquiry/start", j,
                        "{\"businessKey\": " + m + "}"),
                new Attack(OPERATOR, HttpMethod.POST, "/engine-rest/process-definition/key/" + enc + "/start", j, "{}"),
                new Attack(OPERATOR, HttpMethod.GET, "/engine-rest/task/" + enc, null, null),
                new Attack(OPERATOR, HttpMethod.GET, "/engine-rest/task?maxResults=" + enc, null, null),
                new Attack(OPERATOR, HttpMethod.GET, "/engine-rest/task?dueBefore=" + enc, null, null),
                new Attack(OPERATOR, HttpMethod.GET, "/engine-rest/process-instance?variables=" + enc, null, null),
                new Attack(OPERATOR, HttpMethod.GET, "/engine-rest/history/process-instance?startedBefore=" + enc, null, null),
                new Attack(OPERATOR, HttpMethod.POST, "/engine-rest/message", j, "{\"messageName\": " + m + "}"),
                new Attack(OPERATOR, HttpMethod.POST, "/engine-rest/task", j, "{\"name\": " + marker),
                new Attack(OPERATOR, HttpMethod.POST, "/engine-rest/task", j, "{\"dueBefore\": " + m + "}"),
                new Attack(OPERATOR, HttpMethod.PUT, "/engine-rest/task/" + taskId, j, "{\"name\": " + m + "}"),
                new Attack(OPERATOR, HttpMethod.POST, "/engine-rest/task/" + taskId + "/comment/create", j, "{\"message\": " + m + "}"),
                new Attack(OPERATOR, HttpMethod.POST, "/engine-rest/task/" + taskId + "/assignee", j, "{\"userId\": " + m + "}"),
                new Attack(OPERATOR, HttpMethod.GET, "/engine-rest/" + enc, null, null));

        Map<String, LogLevel> before = new java.util.HashMap<>();
        for (String logger : LOUD_LOGGERS) {
            var config = logging.getLoggerConfiguration(logger);
            before.put(logger, config == null ? null : config.getConfiguredLevel());
            logging.setLogLevel(logger, LogLevel.DEBUG);
        }
        List<String> answered = new ArrayList<>();
        try {
            for (Attack attack : attacks) {
                ResponseEntity<String> response = send(attack);
                String where = attack.method() + " " + attack.path().substring(0, Math.min(attack.path().length(), 80));
                String body = String.valueOf(response.getBody());
                assertThat(response.getStatusCode().isError() || body.contains("\"REFUSED\""))
                        .as(where + " fails (or, for an import, is refused in its report)").isTrue();
                assertThat(body).as(where + " echoes the marker").doesNotContain(marker.substring(0, 60));
                assertThat(body).as(where + " echoes the name").doesNotContain(person.name());
                assertThat(body).as(where + " echoes part of the marker").doesNotContain("反響反響");
                answered.add(response.getStatusCode().value() + " " + where);
            }
        } finally {
            before.forEach((logger, level) -> logging.setLogLevel(logger, level));
        }
        assertThat(answered).hasSize(attacks.size());
        String log = output.getAll();
        assertThat(log).as("the failures were logged (the loggers were at DEBUG)").contains("engine-rest refusal");
        assertThat(log).as("a log line echoes the marker").doesNotContain("マーカー").doesNotContain("反響反響");
        assertThat(log).as("a log line echoes the name").doesNotContain(person.name());
    }

    private ResponseEntity<String> send(Attack attack) {
        HttpHeaders headers = new HttpHeaders();
        if (attack.type() != null) {
            headers.setContentType(attack.type());
        }
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.ALL));
        java.net.URI uri = anonymous.getRestTemplate().getUriTemplateHandler().expand("/");
        java.net.URI target = java.net.URI.create(uri.toString().replaceAll("/$", "") + attack.path());
        return anonymous.withBasicAuth(attack.user(), TestUsers.password(attack.user()))
                .exchange(target, attack.method(), new HttpEntity<>(attack.body(), headers), String.class);
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private static String jsonString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
