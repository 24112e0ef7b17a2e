package jp.kenshin.outreach.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.audit.AuditEntry;
import jp.kenshin.outreach.audit.AuditLog;
import jp.kenshin.outreach.cycle.CycleStarter;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

@IntegrationTest
class SecurityIT {

    @Autowired
    TestRestTemplate anonymous;
    @Autowired
    IdentityService identity;
    @Autowired
    TaskService tasks;
    @Autowired
    CycleStarter cycles;
    @Autowired
    AuditLog audit;

    @BeforeEach
    void users() {
        TestUsers.ensure(identity, "secward", "ward-staff");
        TestUsers.ensure(identity, "secoperator", "contractor-operator");
        TestUsers.ensure(identity, "secauditor", "auditor");
    }

    private TestRestTemplate as(String user) {
        return anonymous.withBasicAuth(user, TestUsers.password(user));
    }

    @Test
    void nothingIsServedWithoutCredentials() {
        assertThat(anonymous.getForEntity("/engine-rest/task", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getForEntity("/api/cycles/2026", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        // a POST without credentials meets the CSRF check first (no session token): refused either way
        assertThat(anonymous.postForEntity("/api/personal-data/CALL", Map.of("fiscalYear", 2026, "memberIds", List.of(1)),
                String.class).getStatusCode().value()).isIn(401, 403);
        ResponseEntity<String> webapp = anonymous.getForEntity("/camunda/app/tasklist/", String.class);
        assertThat(webapp.getStatusCode().is3xxRedirection() || webapp.getStatusCode() == HttpStatus.UNAUTHORIZED
                || webapp.getBody() != null && webapp.getBody().contains("<form") && webapp.getBody().contains("password"))
                .as("the webapp asks for a sign-in").isTrue();
        assertThat(webapp.getBody() == null || !webapp.getBody().contains("camunda-tasklist")).isTrue();
        assertThat(anonymous.withBasicAuth("secward", "wrong").getForEntity("/engine-rest/task", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void anOperatorSeesNeitherTheWardsTasksNorTheirVariables() {
        CycleStarter.CycleState cycle = cycles.start(new CycleStarter.CycleStart(2081, LocalDate.of(2081, 4, 1), 0.0, null));
        String wardTask = tasks.createTaskQuery().processInstanceBusinessKey("2081").singleResult().getId();

        List<?> wardSees = as("secward").getForObject("/engine-rest/task?processInstanceBusinessKey=2081", List.class);
        assertThat(wardSees).hasSize(1);
        List<?> operatorSees = as("secoperator").getForObject("/engine-rest/task?processInstanceBusinessKey=2081", List.class);
        assertThat(operatorSees).isEmpty();
        ResponseEntity<String> variables = as("secoperator").getForEntity("/engine-rest/task/" + wardTask + "/variables",
                String.class);
        assertThat(variables.getStatusCode().value()).isIn(403, 404);
        assertThat(variables.getBody()).doesNotContain("fiscalYear\":{");
        ResponseEntity<String> complete = as("secoperator").exchange("/engine-rest/task/" + wardTask + "/complete",
                HttpMethod.POST, new HttpEntity<>(Map.of()), String.class);
        assertThat(complete.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(as("secoperator").getForEntity("/api/cycles/2081", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void theDoorRefusesOverHttpWith403AndTheRefusalIsAudited() {
        long before = audit.read(0, Integer.MAX_VALUE).stream().mapToLong(AuditEntry::seq).max().orElse(0);
        ResponseEntity<Map> refused = as("secoperator").postForEntity("/api/personal-data/CALL",
                Map.of("fiscalYear", 2082, "memberIds", List.of(1, 2), "taskId", "task-x"), Map.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat((String) refused.getBody().get("message")).contains("secoperator", "指定されていません");
        List<AuditEntry> recorded = audit.read(before, 10);
        assertThat(recorded).extracting(AuditEntry::userId, AuditEntry::outcome, AuditEntry::taskId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("secoperator", "REFUSED", "task-x"));
    }

    @Test
    void onlyAuditorsReadTheAuditLog() {
        assertThat(as("secauditor").getForEntity("/api/audit/verify", Map.class).getBody()).containsEntry("intact", true);
        assertThat(as("secauditor").getForEntity("/api/audit", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(as("secward").getForEntity("/api/audit", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("secoperator").getForEntity("/api/audit/verify", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void repeatedFailedSignInsLockTheUser() {
        TestUsers.ensure(identity, "seclocked", "contractor-operator");
        for (int i = 0; i < 6; i++) {
            anonymous.withBasicAuth("seclocked", "wrong-" + i).getForEntity("/engine-rest/task", String.class);
        }
        assertThat(as("seclocked").getForEntity("/engine-rest/task", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(identity.createUserQuery().userId("seclocked").singleResult()).isNotNull();
    }
}
