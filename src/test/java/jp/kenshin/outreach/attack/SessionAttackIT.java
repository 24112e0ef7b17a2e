package jp.kenshin.outreach.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.security.SecurityConfiguration;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 11, sessions: a logout from the webapps must end the whole session, and the CSRF exemption must hold only
 * for requests that really authenticate with HTTP basic. Everything over HTTP, as a browser or an attacker would.
 */
@IntegrationTest
class SessionAttackIT {

    private static final String OPERATOR = "sessop";
    private static final String WARD = "sessward";
    private static final String INCIDENT = """
            {"fiscalYear":2026,"category":"その他","occurredOn":"2026-05-01","affectedCount":0,"summary":"CSRF 試験"}""";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void users() {
        TestUsers.ensure(identity, OPERATOR, "contractor-operator");
        TestUsers.ensure(identity, WARD, "ward-staff");
        // with no administrator at all, the webapps send everyone to Admin's setup page instead
        TestUsers.ensure(identity, "sessadmin", "camunda-admin");
    }

    @Test
    void logoutFromTasklistEndsTheWholeSession() throws Exception {
        Browser browser = new Browser(port);
        HttpResponse<String> signIn = browser.signIn(OPERATOR, TestUsers.password(OPERATOR));
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location").orElseThrow()).endsWith("/camunda/app/tasklist/");
        String session = browser.cookie("JSESSIONID");
        assertThat(session).isNotNull();

        // the session reads: the engine's task list; Tasklist opens and knows the user
        assertThat(browser.get("/engine-rest/task").statusCode()).isEqualTo(200);
        HttpResponse<String> tasklist = browser.get("/camunda/app/tasklist/default/");
        assertThat(tasklist.statusCode()).as(tasklist.headers().map().toString()).isEqualTo(200);
        HttpResponse<String> who = browser.get("/camunda/api/admin/auth/user/default");
        assertThat(who.statusCode()).isEqualTo(200);
        assertThat(who.body()).contains("\"userId\":\"" + OPERATOR + "\"");
        assertThat(browser.get("/api/inquiries/999999999").statusCode()).as("/api knows the session").isNotEqualTo(401);

        // Tasklist's logout: a POST with the webapp's CSRF token in its header
        String webappToken = who.headers().firstValue("X-XSRF-TOKEN").orElseGet(() -> browser.cookie("XSRF-TOKEN"));
        assertThat(webappToken).as("the webapp hands out its CSRF token").isNotBlank();
        HttpResponse<String> logout = browser.send(HttpRequest.newBuilder(URI.create(browser.base
                        + "/camunda/api/admin/auth/user/default/logout"))
                .header("X-XSRF-TOKEN", webappToken)
                .header("Accept", "application/json, text/plain, */*")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(logout.statusCode()).isBetween(200, 299);
        assertThat(logout.headers().allValues("Set-Cookie")).as("the browser is told to drop the session cookie")
                .anyMatch(c -> c.startsWith("JSESSIONID=") && c.contains("Max-Age=0"));

        assertThatTheSessionIsDead(session);
    }

    @Test
    void springsOwnLogoutEndsTheSessionToo() throws Exception {
        Browser browser = new Browser(port);
        assertThat(browser.signIn(OPERATOR, TestUsers.password(OPERATOR)).statusCode()).isEqualTo(302);
        String session = browser.cookie("JSESSIONID");
        assertThat(browser.get("/engine-rest/task").statusCode()).isEqualTo(200);
        String token = browser.cookie(SecurityConfiguration.CSRF_COOKIE);
        assertThat(token).isNotBlank();

        HttpResponse<String> logout = browser.send(HttpRequest.newBuilder(URI.create(browser.base + "/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html,application/xhtml+xml")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + token)).build());
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location").orElseThrow()).contains("/login?logout");

        assertThatTheSessionIsDead(session);
    }

    /** The attacker kept the cookie: it reads nothing anywhere, and the webapp asks for a sign-in. */
    private void assertThatTheSessionIsDead(String session) throws Exception {
        HttpClient attacker = Browser.bare();
        String base = "http://localhost:" + port;
        for (String path : new String[] {"/engine-rest/task", "/api/inquiries/999999999", "/api/cycles/2026"}) {
            HttpResponse<String> read = attacker.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Cookie", "JSESSIONID=" + session).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as(path + " " + read.body()).isEqualTo(401);
        }
        HttpResponse<String> page = attacker.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/"))
                .header("Cookie", "JSESSIONID=" + session).header("Accept", "text/html,application/xhtml+xml").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        HttpResponse<String> webappUser = attacker.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default"))
                .header("Cookie", "JSESSIONID=" + session).header("Accept", "application/json, text/plain, */*").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(webappUser.statusCode()).isEqualTo(401);
        assertThat(webappUser.body()).doesNotContain("\"userId\"");
        assertThat(webappUser.headers().firstValue("WWW-Authenticate")).as("no browser password dialog over the webapp").isEmpty();
    }

    @Test
    void onlyRealBasicCredentialsSkipTheSessionsCsrfCheck() throws Exception {
        Browser browser = new Browser(port);
        assertThat(browser.signIn(WARD, TestUsers.password(WARD)).statusCode()).isEqualTo(302);
        assertThat(browser.get("/engine-rest/task").statusCode()).isEqualTo(200); // the page's token comes with it
        String session = browser.cookie("JSESSIONID");
        String token = browser.cookie(SecurityConfiguration.CSRF_COOKIE);
        String cookies = "JSESSIONID=" + session + "; " + SecurityConfiguration.CSRF_COOKIE + "=" + token;
        HttpClient attacker = Browser.bare();
        long before = incidents();

        // the page itself, with the token in its header: the session may write
        HttpResponse<String> own = attacker.send(incident(cookies).header(SecurityConfiguration.CSRF_HEADER, token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(own.statusCode()).isEqualTo(201);
        assertThat(incidents()).isEqualTo(before + 1);

        // a forged request with some Authorization header and no token: the session's CSRF check applies
        HttpResponse<String> bearer = attacker.send(incident(cookies).header("Authorization", "Bearer x").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bearer.statusCode()).isEqualTo(403);
        HttpResponse<String> malformed = attacker.send(incident(cookies).header("Authorization", "Basic bm8tY29sb24=").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(malformed.statusCode()).isIn(401, 403);
        HttpResponse<String> noHeader = attacker.send(incident(cookies).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noHeader.statusCode()).isEqualTo(403);
        assertThat(incidents()).as("nothing written by the forged requests").isEqualTo(before + 1);

        // real basic credentials need no CSRF token (a batch caller), with or without a cookie
        HttpResponse<String> batch = attacker.send(incident(cookies).header("Authorization", basic(WARD, TestUsers.password(WARD))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(batch.statusCode()).isEqualTo(201);
        assertThat(incidents()).isEqualTo(before + 2);

        // wrong basic credentials with a valid session: 401, never the session's user (same user or another)
        for (String user : new String[] {WARD, OPERATOR}) {
            HttpResponse<String> wrong = attacker.send(incident(cookies).header("Authorization", basic(user, "wrong")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).as(user).isEqualTo(401);
            assertThat(wrong.body()).doesNotContain("incidentId");
            HttpResponse<String> read = attacker.send(HttpRequest.newBuilder(URI.create(browser.base + "/engine-rest/task"))
                    .header("Cookie", cookies).header("Authorization", basic(user, "wrong")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as(user).isEqualTo(401);
        }
        assertThat(incidents()).isEqualTo(before + 2);

        // and the session still works afterwards (the failed basic calls did not end or replace it)
        assertThat(browser.get("/engine-rest/task").statusCode()).isEqualTo(200);
    }

    @Test
    void withNoAdministratorLeftAdminsSetupPageMakesNoContractorAnAdministrator() throws Exception {
        // as after the demo users were removed: nobody in camunda-admin, so Camunda's setup page answers anyone
        List<String> admins = identity.createUserQuery().memberOfGroup("camunda-admin").list().stream().map(User::getId).toList();
        admins.forEach(id -> identity.deleteMembership(id, "camunda-admin"));
        try {
            Browser operator = new Browser(port);
            assertThat(operator.signIn(OPERATOR, TestUsers.password(OPERATOR)).statusCode()).isEqualTo(302);
            HttpResponse<String> who = operator.get("/camunda/api/admin/auth/user/default");
            String webappToken = who.headers().firstValue("X-XSRF-TOKEN").orElseGet(() -> operator.cookie("XSRF-TOKEN"));
            assertThat(webappToken).isNotBlank();
            HttpResponse<String> setup = operator.send(HttpRequest.newBuilder(URI.create(operator.base
                            + "/camunda/api/admin/setup/default/user/create"))
                    .header("Content-Type", "application/json")
                    .header("X-XSRF-TOKEN", webappToken)
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"profile":{"id":"intruder","firstName":"a","lastName":"b","email":"a@example.invalid"},
                             "credentials":{"password":"Intruder-pw-2026"}}""")).build());
            assertThat(setup.statusCode()).isEqualTo(403);
            assertThat(identity.createUserQuery().userId("intruder").count()).isZero();
            assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").count()).isZero();
        } finally {
            identity.createUserQuery().userId("intruder").list().forEach(u -> identity.deleteUser(u.getId()));
            admins.forEach(id -> identity.createMembership(id, "camunda-admin"));
        }
    }

    private HttpRequest.Builder incident(String cookies) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/incidents"))
                .header("Cookie", cookies)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(INCIDENT, StandardCharsets.UTF_8));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private long incidents() {
        return jdbc.queryForObject("select count(*) from incident", Long.class);
    }
}
