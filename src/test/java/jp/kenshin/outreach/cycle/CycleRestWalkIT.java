package jp.kenshin.outreach.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.process.AnnualOutreachCycleVariables;
import jp.kenshin.outreach.process.ContractComplianceVariables;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The cycle driven the way the ward's batch jobs drive it: the README's REST calls, in order. */
@IntegrationTest
class CycleRestWalkIT {

    private static final int FY = 2051;
    private static final Charset CP932 = Charset.forName("windows-31j");
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST = new ParameterizedTypeReference<>() {
    };

    @Autowired
    TestRestTemplate anonymous;
    @Autowired
    org.camunda.bpm.engine.IdentityService identity;

    private TestRestTemplate rest;

    @org.junit.jupiter.api.BeforeEach
    void signInAsWardStaff() {
        jp.kenshin.outreach.TestUsers.ensure(identity, "walkward", "ward-staff");
        rest = anonymous.withBasicAuth("walkward", jp.kenshin.outreach.TestUsers.password("walkward"));
    }

    private Map<String, Object> upload(String path, byte[] file) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("text/csv"));
        ResponseEntity<Map<String, Object>> response = rest.exchange(path, HttpMethod.POST, new HttpEntity<>(file, headers), JSON);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private String taskOf(String definitionKey) {
        return taskOf(rest, definitionKey);
    }

    private String taskOf(TestRestTemplate rest, String definitionKey) {
        ResponseEntity<String> raw = rest.getForEntity("/engine-rest/task?processInstanceBusinessKey=" + FY
                + "&taskDefinitionKey=" + definitionKey, String.class);
        assertThat(raw.getStatusCode()).as(raw.getBody()).isEqualTo(HttpStatus.OK);
        List<Map<String, Object>> tasks = rest.exchange("/engine-rest/task?processInstanceBusinessKey=" + FY
                + "&taskDefinitionKey=" + definitionKey, HttpMethod.GET, null, JSON_LIST).getBody();
        assertThat(tasks).hasSize(1);
        return (String) tasks.get(0).get("id");
    }

    private ResponseEntity<String> complete(String taskId, String variable, Object value, String type) {
        Map<String, Object> body = Map.of("variables", Map.of(variable, Map.of("value", value, "type", type)));
        return rest.postForEntity("/engine-rest/task/" + taskId + "/complete", body, String.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyStepOfTheCycleWorksThroughRest() throws Exception {
        SyntheticWardGenerator generator = new SyntheticWardGenerator(new SyntheticWardSpec(51, 300, FY, CP932));
        ByteArrayOutputStream members = new ByteArrayOutputStream();
        generator.writeMembers(members);
        ByteArrayOutputStream results = new ByteArrayOutputStream();
        generator.writeResults(FY - 1, results);

        ResponseEntity<Map<String, Object>> started = rest.exchange("/api/cycles", HttpMethod.POST,
                new HttpEntity<>(Map.of("fiscalYear", FY, "referenceDate", FY + "-04-01")), JSON);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat((List<Object>) started.getBody().get("activeActivities")).containsExactly(AnnualOutreachCycleVariables.CALL_ACTIVITY_CONTRACT);

        // the contract gate: the ward registers, the contractor's lead designates and attests, the ward approves
        jp.kenshin.outreach.ContractGate.organisation(identity);
        TestRestTemplate lead = anonymous.withBasicAuth(jp.kenshin.outreach.ContractGate.LEAD,
                jp.kenshin.outreach.TestUsers.password(jp.kenshin.outreach.ContractGate.LEAD));
        Map<String, Object> contract = new java.util.HashMap<>();
        jp.kenshin.outreach.ContractGate.contractVariables(FY).forEach((k, v) -> contract.put(k, Map.of("value", v, "type", "String")));
        assertThat(rest.postForEntity("/engine-rest/task/" + taskOf(ContractComplianceVariables.TASK_REGISTER_CONTRACT) + "/complete",
                Map.of("variables", contract), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        String today = java.time.LocalDate.now().toString();
        String nextYear = java.time.LocalDate.now().plusYears(1).toString();
        for (Object[] d : new Object[][] {{jp.kenshin.outreach.ContractGate.LEAD, "PERSON_IN_CHARGE", List.of("NOTICE", "CALL", "INQUIRY")},
                {jp.kenshin.outreach.ContractGate.OPERATOR, "HANDLER", List.of("CALL")}}) {
            ResponseEntity<String> designated = lead.postForEntity("/api/designations", Map.of("fiscalYear", FY, "userId", d[0],
                    "role", d[1], "purposes", d[2], "validFrom", today, "validTo", nextYear, "trainedOn", today), String.class);
            assertThat(designated.getStatusCode()).as(designated.getBody()).isEqualTo(HttpStatus.OK);
        }
        ResponseEntity<String> outsider = lead.postForEntity("/api/designations", Map.of("fiscalYear", FY, "userId", "walkward",
                "role", "HANDLER", "purposes", List.of("CALL"), "validFrom", today, "validTo", nextYear, "trainedOn", today), String.class);
        assertThat(outsider.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(outsider.getBody()).contains("特記事項6");
        assertThat(lead.postForEntity("/engine-rest/task/" + taskOf(lead, ContractComplianceVariables.TASK_DESIGNATE_HANDLERS) + "/complete",
                Map.of(), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(lead.postForEntity("/engine-rest/task/" + taskOf(lead, ContractComplianceVariables.TASK_ATTEST_PROTECTION) + "/complete",
                Map.of("variables", Map.of("lockedStorage", Map.of("value", true), "entryControl", Map.of("value", true),
                        "mediaRestriction", Map.of("value", true), "perPersonFileAccess", Map.of("value", true))),
                String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(complete(taskOf(ContractComplianceVariables.TASK_REVIEW_CONTRACT), ContractComplianceVariables.CONTRACT_APPROVED, true, "Boolean")
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(rest.getForObject("/api/contracts/" + FY, Map.class)).containsEntry("status", "APPROVED")
                .containsEntry("handoverAllowed", true);

        Map<String, Object> membersReport = upload("/api/members/imports?fiscalYear=" + FY + "&encoding=windows-31j", members.toByteArray());
        assertThat(membersReport.get("status")).isEqualTo("COMMITTED");
        String text = rest.getForObject("/api/imports/" + membersReport.get("id") + "/report.txt", String.class);
        assertThat(text).contains("被保険者ファイル取込結果", "保存しなかった列: 資格証区分");
        Map<String, Object> resultsReport = upload("/api/results/imports?fiscalYear=" + FY + "&encoding=windows-31j", results.toByteArray());
        assertThat(resultsReport.get("status")).isEqualTo("COMMITTED");

        assertThat(complete(taskOf(AnnualOutreachCycleVariables.TASK_IMPORT_MEMBERS), AnnualOutreachCycleVariables.MEMBERS_IMPORT_ID,
                membersReport.get("id"), "Long").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(complete(taskOf(AnnualOutreachCycleVariables.TASK_IMPORT_PREVIOUS_RESULTS), AnnualOutreachCycleVariables.PREVIOUS_RESULTS_IMPORT_ID,
                resultsReport.get("id"), "Long").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        String cycle = (String) rest.exchange("/engine-rest/process-instance?processDefinitionKey=annual-outreach-cycle&businessKey=" + FY,
                HttpMethod.GET, null, JSON_LIST).getBody().get(0).get("id");
        List<Map<String, Object>> jobs = rest.exchange("/engine-rest/job?processInstanceId=" + cycle, HttpMethod.GET,
                null, JSON_LIST).getBody();
        assertThat(jobs).hasSize(1);
        assertThat(rest.postForEntity("/engine-rest/job/" + jobs.get(0).get("id") + "/execute", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        String approval = taskOf(AnnualOutreachCycleVariables.TASK_APPROVE_TARGET_LIST);
        Map<String, Object> variables = rest.exchange("/engine-rest/task/" + approval + "/form-variables", HttpMethod.GET,
                null, JSON).getBody();
        assertThat(variables).containsKeys("targetCount", "noticeAndCallCount", "selectionSummary");
        Object runId = ((Map<?, ?>) variables.get("selectionRunId")).get("value");
        Map<String, Object> counts = rest.exchange("/api/selections/" + runId, HttpMethod.GET, null, JSON).getBody();
        assertThat(((Number) counts.get("targets")).longValue())
                .isEqualTo(((Number) ((Map<?, ?>) variables.get("targetCount")).get("value")).longValue());

        assertThat(complete(approval, AnnualOutreachCycleVariables.TARGET_LIST_APPROVED, true, "Boolean").getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        Map<String, Object> state = rest.exchange("/api/cycles/" + FY, HttpMethod.GET, null, JSON).getBody();
        assertThat(state.get("state")).isEqualTo("ACTIVE");
        assertThat((List<Object>) state.get("activeActivities")).contains(AnnualOutreachCycleVariables.CALL_ACTIVITY_MAILING);
        assertThat(rest.exchange("/api/selections/" + runId, HttpMethod.GET, null, JSON).getBody().get("status")).isEqualTo("FROZEN");
        List<Map<String, Object>> targets = rest.exchange("/api/selections/" + runId + "/targets", HttpMethod.GET, null, JSON_LIST).getBody();
        assertThat(targets).hasSize(((Number) counts.get("targets")).intValue());
    }
}
