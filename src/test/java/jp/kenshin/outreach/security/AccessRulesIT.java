package jp.kenshin.outreach.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The role gate of every {@code /api} path, as docs/security.md#who-may-call-what states it: each path prefix, called
 * by one user of each group (and a user of none), answers 403 to those the table leaves out, and to the others what
 * the controller answers behind the gate (200, or 404/405 for the ids and methods the probe uses). Where a controller
 * or the door checks further, its own 403 names the rule, which the gate's refusal does not.
 */
@IntegrationTest
class AccessRulesIT {

    /** A fiscal year no other test uses: nothing of it exists. */
    private static final int FY = 2177;
    private static final String WARD = "accward";
    private static final String LEAD = "acclead";
    private static final String OPERATOR = "accoperator";
    private static final String ANALYST = "accanalyst";
    private static final String AUDITOR = "accauditor";
    private static final String NOBODY = "accnobody";
    private static final List<String> USERS = List.of(WARD, LEAD, OPERATOR, ANALYST, AUDITOR, NOBODY);
    private static final String CONTROLLER_REFUSES = "controller";

    @Autowired
    TestRestTemplate anonymous;
    @Autowired
    IdentityService identity;

    /**
     * A call of one path prefix, and what each user gets: a status, or {@link #CONTROLLER_REFUSES} (403 whose body
     * contains {@code refusalNames}, the controller's or the door's rule, which the gate's refusal never carries).
     */
    record Probe(HttpMethod method, String path, String body, Map<String, Object> allowed, String refusalNames) {
        Object expected(String user) {
            return allowed.getOrDefault(user, 403);
        }
    }

    @BeforeEach
    void users() {
        TestUsers.ensure(identity, WARD, "ward-staff");
        TestUsers.ensure(identity, LEAD, "contractor-lead");
        TestUsers.ensure(identity, OPERATOR, "contractor-operator");
        TestUsers.ensure(identity, ANALYST, "analyst");
        TestUsers.ensure(identity, AUDITOR, "auditor");
        if (identity.createUserQuery().userId(NOBODY).count() == 0) {
            User user = identity.newUser(NOBODY);
            user.setFirstName(NOBODY);
            user.setLastName("テスト");
            user.setPassword(TestUsers.password(NOBODY));
            identity.saveUser(user);
        }
    }

    private static Probe get(String path, Map<String, Object> allowed) {
        return new Probe(HttpMethod.GET, path, null, allowed, null);
    }

    private static Map<String, Object> only(Object status, String... users) {
        Map<String, Object> allowed = new java.util.LinkedHashMap<>();
        for (String user : users) {
            allowed.put(user, status);
        }
        return allowed;
    }

    static List<Probe> probes() {
        return List.of(
                // ward staff only
                // (a fiscal year that is no number: the controller answers 400 and nothing is imported)
                new Probe(HttpMethod.POST, "/api/members/imports?fiscalYear=x", "", only(400, WARD), null),
                new Probe(HttpMethod.POST, "/api/results/imports?fiscalYear=x", "", only(400, WARD), null),
                get("/api/imports/987654321", only(404, WARD)),
                get("/api/cycles/" + FY, only(404, WARD)),
                get("/api/selections/987654321", only(404, WARD)),
                get("/api/mailings/" + FY, only(200, WARD)),
                get("/api/card-templates/" + FY + "/A", only(200, WARD)),
                // (no mailing of the year has reached the hand-over: the controller refuses with its reason)
                get("/api/mailings/" + FY + "/print-data.zip", only(409, WARD)),
                // the ward's pages for these paths
                get("/returned-mail.html", only(200, WARD)),
                get("/card-texts.html", only(200, WARD)),
                get("/inquiry.html", only(200, WARD)),
                // ward staff and the contractor's person in charge
                get("/api/designations?fiscalYear=" + FY, only(200, WARD, LEAD)),
                get("/api/contracts/" + FY, only(200, WARD, LEAD)),
                get("/designations.html", only(200, WARD, LEAD)),
                get("/api/report-requests/987654321", only(404, WARD, LEAD)),
                get("/api/site-audits/987654321", only(404, WARD, LEAD)),
                get("/api/reports/" + FY + "/calls", only(200, WARD, LEAD)),
                get("/api/incidents/987654321", only(404, WARD, LEAD)),
                // the call and desk work: the ward, the person in charge, the operators
                get("/api/calls/tasks/no-such-task/view", only(409, WARD, LEAD, OPERATOR)),
                get("/api/inquiries/Q-987654321", only(404, WARD, LEAD, OPERATOR)),
                // raised by the ward or a designated contractor user: the gate admits the groups, the controller the designated
                new Probe(HttpMethod.POST, "/api/incidents", "{\"fiscalYear\": " + FY + ", \"category\": \"紛失\", "
                        + "\"occurredOn\": \"2177-05-01\", \"affectedCount\": 0, \"summary\": \"\"}",
                        Map.of(WARD, 400, LEAD, CONTROLLER_REFUSES, OPERATOR, CONTROLLER_REFUSES, ANALYST, CONTROLLER_REFUSES),
                        "指定された取扱者"),
                // the door: it admits ward staff, and refuses (and audits) contractor users not designated for the year
                new Probe(HttpMethod.POST, "/api/personal-data/NOTICE", "{\"fiscalYear\": " + FY + ", \"memberIds\": [987654321]}",
                        Map.of(WARD, 200, LEAD, CONTROLLER_REFUSES, OPERATOR, CONTROLLER_REFUSES, ANALYST, CONTROLLER_REFUSES),
                        "ユーザー "),
                // the analysis: ward staff and the analyst
                get("/api/analyses?fiscalYear=" + FY, only(200, WARD, ANALYST)),
                // the deletion: ward staff and the auditor
                get("/api/deletions/" + FY + "/progress", only(404, WARD, AUDITOR)),
                // the audit log: the auditor
                get("/api/audit?afterSeq=0&limit=1", only(200, AUDITOR)),
                get("/api/audit/latest?size=1", only(200, AUDITOR)),
                get("/audit.html", only(200, AUDITOR)),
                // a path no rule names is no one's
                get("/api/no-such-path", Map.of()));
    }

    @Test
    void everyApiPathAnswersEachGroupAsTheTableSays() {
        List<String> answered = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (Probe probe : probes()) {
            for (String user : USERS) {
                ResponseEntity<String> response = send(user, probe);
                int status = response.getStatusCode().value();
                String body = String.valueOf(response.getBody());
                Object wanted = probe.expected(user);
                String line = probe.method() + " " + probe.path() + " " + user + ": ";
                expected.add(line + (wanted.equals(CONTROLLER_REFUSES) ? "403 naming the rule" : wanted));
                if (status == 403 && probe.refusalNames() != null && body.contains(probe.refusalNames())) {
                    answered.add(line + "403 naming the rule");
                } else {
                    answered.add(line + status);
                }
            }
        }
        assertThat(answered).containsExactlyElementsOf(expected);
    }

    private ResponseEntity<String> send(String user, Probe probe) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(probe.path().contains("/imports") ? MediaType.valueOf("text/csv") : MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.ALL));
        return anonymous.withBasicAuth(user, TestUsers.password(user))
                .exchange(probe.path(), probe.method(), new HttpEntity<>(probe.body(), headers), String.class);
    }
}
