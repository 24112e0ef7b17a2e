package jp.kenshin.outreach.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.kenshin.outreach.ContractGate;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.PersonalValues;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.compliance.ContractService;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.process.PhoneOutreachVariables;
import jp.kenshin.outreach.results.ResultsImportService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The year's dashboard after a year run through its real steps (contract gate, imports, selection with a
 * holdout, approval, mailing with a returned card, calls on three days, an inquiry, an incident, this year's
 * results): every figure equals the database's facts, small cells of attendance by arm read "<10", ward staff
 * and auditors see it, a contractor does not, and no personal value of the members file is in it.
 */
@IntegrationTest
class DashboardIT {

    private static final int FY = 2057;
    private static final String WARD = "dashward";
    private static final String AUDITOR = "dashaudit";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    ProcessEngine engine;
    @Autowired
    CycleStarter starter;
    @Autowired
    MembersImportService members;
    @Autowired
    ResultsImportService results;
    @Autowired
    ContractService contracts;
    @Autowired
    CallCaseService calls;
    @Autowired
    PhoneOutreachStarter callStarter;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate anonymous;
    @LocalServerPort
    int port;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }


    /** A call recorded by the designated operator at a time in Tokyo (the engine's clock), as the call form does. */
    private void call(String caseId, String jst, String outcome) {
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(jst + "+09:00").toInstant()));
        String taskId = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId).singleResult().getId();
        engine.getIdentityService().setAuthentication(ContractGate.OPERATOR, List.of("contractor-operator"));
        try {
            engine.getTaskService().complete(taskId, Map.of(PhoneOutreachVariables.CALL_OUTCOME, outcome));
        } finally {
            engine.getIdentityService().clearAuthentication();
            ClockUtil.reset();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardShowsTheYearsFactsAsCountsToTheWardOnly() throws Exception {
        YearFixture year = new YearFixture(engine, starter, contracts, members, results, FY);
        YearFixture.Files files = YearFixture.Files.of(FY, 400);
        TestUsers.ensure(engine.getIdentityService(), WARD, "ward-staff");
        TestUsers.ensure(engine.getIdentityService(), AUDITOR, "auditor");
        TestRestTemplate ward = anonymous.withBasicAuth(WARD, TestUsers.password(WARD));

        // before the year starts: the page answers, the cycle is not started, nothing is counted
        Map<String, Object> empty = ward.exchange("/api/dashboard/" + FY, HttpMethod.GET, null, JSON).getBody();
        assertThat((Map<String, Object>) empty.get("cycle")).containsEntry("started", false).containsEntry("stateLabel", "未開始");
        assertThat((Map<String, Object>) empty.get("cards")).containsEntry("total", 0);

        // the year through its steps
        LocalDate dispatched = LocalDate.of(FY, 6, 1);
        year.openCalls(year.toDispatch(files, 0.1, 57L, dispatched));
        assertThat(callStarter.startPending()).isEqualTo(calls.count(FY)).isPositive();

        // a returned card, entered by mailing id
        String returnedId = jdbc.queryForObject("select mailing_id from mailing_item where fiscal_year = ? order by seq limit 1",
                String.class, FY);
        assertThat(ward.exchange("/api/mailings/" + FY + "/returned/" + returnedId, HttpMethod.POST, null, JSON).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        // calls on three days, by the designated operator
        List<String> cases = jdbc.queryForList("select id from call_case where fiscal_year = ? order by id limit 6", String.class, FY);
        call(cases.get(0), FY + "-06-12T10:00:00", "NO_ANSWER");
        call(cases.get(1), FY + "-06-12T11:00:00", "WILL_BOOK");
        call(cases.get(2), FY + "-06-12T18:30:00", "BUSY");
        call(cases.get(3), FY + "-06-13T10:00:00", "DECLINED");
        call(cases.get(4), FY + "-06-13T10:30:00", "ANSWERING_MACHINE");
        call(cases.get(5), FY + "-06-15T10:00:00", "DO_NOT_CALL");

        // an inquiry at the desk and an incident
        TestRestTemplate operator = anonymous.withBasicAuth(ContractGate.OPERATOR, TestUsers.password(ContractGate.OPERATOR));
        String inquiryId = (String) operator.exchange("/api/inquiries", HttpMethod.POST, new HttpEntity<>(Map.of("fiscalYear", FY)), JSON)
                .getBody().get("inquiryId");
        assertThat(operator.exchange("/api/inquiries/" + inquiryId + "/answer", HttpMethod.POST,
                new HttpEntity<>(Map.of("category", "CLINICS")), JSON).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ward.exchange("/api/incidents", HttpMethod.POST, new HttpEntity<>(Map.of("fiscalYear", FY, "category", "誤送付",
                "occurredOn", FY + "-06-12", "affectedCount", 1, "summary", "はがき1通を別の世帯へ配達")), JSON).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);

        // this year's results arrive
        results.importResults(FY, new ByteArrayInputStream(files.thisYear()), "results-this-year.csv", "windows-31j", true);

        ResponseEntity<String> raw = ward.getForEntity("/api/dashboard/" + FY, String.class);
        assertThat(raw.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(raw.getHeaders().getCacheControl()).contains("no-store");
        Map<String, Object> d = ward.exchange("/api/dashboard/" + FY, HttpMethod.GET, null, JSON).getBody();

        // where the cycle stands: mailing open for returned cards, the calls begun
        Map<String, Object> cycle = (Map<String, Object>) d.get("cycle");
        assertThat(cycle).containsEntry("started", true).containsEntry("stateLabel", "進行中");
        assertThat((List<Map<String, Object>>) cycle.get("current")).extracting(s -> s.get("name"))
                .containsExactly("通知はがきを郵送する", "返戻郵便を受け付ける（締切まで）");
        assertThat((List<Map<String, Object>>) cycle.get("done")).extracting(s -> s.get("name"))
                .contains("被保険者ファイルを取り込む", "対象者リストを承認する", "見本を確認する", "差出日を記録する", "電話勧奨の架電ケースを作る")
                .doesNotContain("承認された？");

        // targets by group, as the frozen list has them
        Map<String, Long> groups = new HashMap<>();
        jdbc.query("""
                select case when e.target_group = 'NOTICE_AND_CALL' then 'NOTICE_AND_CALL' when e.holdout then 'HOLDOUT'
                  else 'NOTICE_ONLY' end, count(*)
                from selection_entry e join selection_run s on s.id = e.run_id
                where s.fiscal_year = ? and s.status = 'FROZEN' and e.eligible group by 1""",
                rs -> {
                    groups.put(rs.getString(1), rs.getLong(2));
                }, FY);
        assertThat(groups.get("HOLDOUT")).as("the year has a holdout").isPositive();
        Map<String, Object> targets = (Map<String, Object>) d.get("targets");
        assertThat(targets).containsEntry("status", "FROZEN").containsEntry("statusLabel", "確定");
        assertThat(((Number) targets.get("targets")).longValue()).isEqualTo(groups.values().stream().mapToLong(Long::longValue).sum());
        assertThat((List<Map<String, Object>>) targets.get("groups")).extracting(g -> g.get("code") + "=" + g.get("count"))
                .containsExactlyInAnyOrder("NOTICE_AND_CALL=" + groups.get("NOTICE_AND_CALL"), "NOTICE_ONLY=" + groups.get("NOTICE_ONLY"),
                        "HOLDOUT=" + groups.get("HOLDOUT"));
        assertThat((List<Map<String, Object>>) targets.get("groups")).extracting(g -> g.get("label"))
                .containsExactly("通知＋電話", "通知のみ", "比較群（電話なし）");

        // cards: all rendered, one returned, the dispatch date
        Map<String, Object> cards = (Map<String, Object>) d.get("cards");
        long planned = jdbc.queryForObject("select count(*) from mailing_item where fiscal_year = ?", Long.class, FY);
        long rendered = jdbc.queryForObject("select coalesce(sum(cards), 0) from mailing_batch where fiscal_year = ? and status = 'RENDERED'",
                Long.class, FY);
        assertThat(planned).isEqualTo(((Number) targets.get("targets")).longValue());
        assertThat(cards).containsEntry("total", (int) planned).containsEntry("rendered", (int) rendered).containsEntry("returned", 1)
                .containsEntry("dispatchedOn", dispatched.toString());
        assertThat(rendered).isEqualTo(planned);

        // calls by outcome and day, the reach rate
        Map<String, Object> callFigures = (Map<String, Object>) d.get("calls");
        Map<String, Long> outcomes = new HashMap<>();
        jdbc.query("select a.outcome, count(*) from call_attempt a join call_case c on c.id = a.case_id where c.fiscal_year = ? group by 1",
                rs -> {
                    outcomes.put(rs.getString(1), rs.getLong(2));
                }, FY);
        assertThat(outcomes).hasSize(6);
        for (Map<String, Object> o : (List<Map<String, Object>>) callFigures.get("byOutcome")) {
            assertThat(((Number) o.get("count")).longValue()).as((String) o.get("code"))
                    .isEqualTo(outcomes.getOrDefault((String) o.get("code"), 0L));
        }
        long attempts = outcomes.values().stream().mapToLong(Long::longValue).sum();
        long reached = outcomes.getOrDefault("WILL_BOOK", 0L) + outcomes.getOrDefault("DECLINED", 0L) + outcomes.getOrDefault("DO_NOT_CALL", 0L);
        assertThat(callFigures).containsEntry("attempts", (int) attempts).containsEntry("reached", (int) reached)
                .containsEntry("cases", (int) calls.count(FY)).containsEntry("casesReached", 3);
        assertThat((Double) callFigures.get("reachRate")).isCloseTo(3.0 / 6, within(1e-9));
        assertThat((Double) callFigures.get("caseReachRate")).isCloseTo(3.0 / calls.count(FY), within(1e-9));
        assertThat((List<Map<String, Object>>) callFigures.get("byDay")).extracting(x -> x.get("day") + ":" + x.get("attempts") + "/" + x.get("reached"))
                .containsExactly(FY + "-06-12:3/1", FY + "-06-13:2/1", FY + "-06-15:1/1");

        // inquiries by category
        Map<String, Object> inquiries = (Map<String, Object>) d.get("inquiries");
        assertThat(inquiries).containsEntry("total", jdbc.queryForObject("select count(*)::int from inquiry where fiscal_year = ?", Integer.class, FY));
        assertThat((List<Map<String, Object>>) inquiries.get("byCategory")).extracting(c -> c.get("label") + "=" + c.get("count"))
                .contains("実施医療機関=1", "費用=0");

        // attendance by arm: the frozen list's arms against this year's results, small cells as "<10"
        Map<String, Long> attended = new HashMap<>();
        jdbc.query("""
                select case when e.target_group = 'NOTICE_AND_CALL' then 'NOTICE_AND_CALL' when e.holdout then 'HOLDOUT'
                  else 'NOTICE_ONLY' end, count(*)
                from selection_entry e join selection_run s on s.id = e.run_id
                join checkup_result c on c.member_id = e.member_id and c.cycle_year = ? and c.result_year = ?
                where s.fiscal_year = ? and s.status = 'FROZEN' and e.eligible group by 1""",
                rs -> {
                    attended.put(rs.getString(1), rs.getLong(2));
                }, FY, FY, FY);
        assertThat(attended.get("NOTICE_AND_CALL")).as("enough attendees to show").isGreaterThanOrEqualTo(10);
        Map<String, Object> attendance = (Map<String, Object>) d.get("attendance");
        assertThat(attendance).containsEntry("frozenList", true).containsEntry("suppressedBelow", 10);
        List<Map<String, Object>> arms = (List<Map<String, Object>>) attendance.get("arms");
        assertThat(arms).extracting(a -> a.get("arm")).containsExactly("NOTICE_AND_CALL", "HOLDOUT", "NOTICE_ONLY");
        boolean anySuppressed = false;
        for (Map<String, Object> arm : arms) {
            String code = (String) arm.get("arm");
            long people = groups.get(code);
            long came = attended.getOrDefault(code, 0L);
            Map<String, Object> peopleCell = (Map<String, Object>) arm.get("people");
            Map<String, Object> attendedCell = (Map<String, Object>) arm.get("attended");
            if (people > 0 && people < 10 || came > 0 && came < 10) { // the line rests on fewer than 10 people
                anySuppressed = true;
                assertThat(peopleCell).as(code).containsEntry("count", null).containsEntry("suppressed", true).containsEntry("shown", "<10");
                assertThat(attendedCell).as(code).containsEntry("count", null).containsEntry("suppressed", true).containsEntry("shown", "<10");
                assertThat(arm.get("rate")).as(code).isNull();
            } else {
                assertThat(peopleCell).as(code).containsEntry("shown", String.format("%,d", people));
                assertThat(((Number) attendedCell.get("count")).longValue()).as(code).isEqualTo(came);
                assertThat(attendedCell).as(code).containsEntry("suppressed", false).containsEntry("shown", String.format("%,d", came));
                assertThat((Double) arm.get("rate")).as(code).isCloseTo((double) came / people, within(1e-9));
            }
        }
        assertThat(anySuppressed).as("the holdout's attendees are a small cell in this year").isTrue();

        // the uptake curve since dispatch: cumulative per day, ending at the arm's attendees, small figures left out
        Map<String, Object> uptake = (Map<String, Object>) attendance.get("uptake");
        assertThat(uptake).containsEntry("dispatchedOn", dispatched.toString());
        int days = (Integer) uptake.get("days");
        String lastExam = jdbc.queryForObject("""
                select max(c.exam_date)::text from checkup_result c join selection_entry e on e.member_id = c.member_id
                join selection_run s on s.id = e.run_id
                where c.cycle_year = ? and c.result_year = ? and s.fiscal_year = ? and s.status = 'FROZEN' and e.eligible""",
                String.class, FY, FY, FY);
        assertThat(uptake).containsEntry("through", lastExam);
        assertThat(days).isEqualTo(LocalDate.parse(lastExam).toEpochDay() - dispatched.toEpochDay());
        for (Map<String, Object> curve : (List<Map<String, Object>>) uptake.get("byArm")) {
            List<Integer> cumulative = (List<Integer>) curve.get("cumulative");
            long came = attended.getOrDefault((String) curve.get("arm"), 0L);
            assertThat(cumulative).hasSize(days + 1);
            assertThat(cumulative.get(days) == null ? null : cumulative.get(days).longValue()).as((String) curve.get("arm"))
                    .isEqualTo(came > 0 && came < 10 ? null : came);
            assertThat(cumulative).allSatisfy(v -> assertThat(v == null || v == 0 || v >= 10).isTrue());
        }
        long beforeDispatch = jdbc.queryForObject("""
                select count(*) from checkup_result c join selection_entry e on e.member_id = c.member_id
                join selection_run s on s.id = e.run_id
                where c.cycle_year = ? and c.result_year = ? and c.exam_date <= ? and s.fiscal_year = ? and s.status = 'FROZEN'
                  and e.eligible and e.target_group = 'NOTICE_AND_CALL'""", Long.class, FY, FY, java.sql.Date.valueOf(dispatched), FY);
        Integer dayZero = ((List<Integer>) ((List<Map<String, Object>>) uptake.get("byArm")).get(0).get("cumulative")).get(0);
        assertThat(dayZero == null ? null : dayZero.longValue()).as("day 0: exams on or before the dispatch date")
                .isEqualTo(beforeDispatch > 0 && beforeDispatch < 10 ? null : beforeDispatch);

        // incidents open and due
        Map<String, Object> incidents = (Map<String, Object>) d.get("incidents");
        assertThat(incidents).containsEntry("total", 1).containsEntry("open", 1).containsEntry("awaitingReport", 1)
                .containsEntry("overdue", 0);
        assertThat(incidents.get("nextReportDue")).isNotNull();

        // counts only: no personal value of the members file, no text an operator or the ward typed
        Set<String> personal = PersonalValues.of(files.members(), YearFixture.CP932);
        assertThat(personal.stream().filter(raw.getBody()::contains).toList()).as("personal values in the dashboard").isEmpty();
        assertThat(raw.getBody()).doesNotContain("はがき1通を別の世帯へ配達", returnedId);

        // auditors see it too; contractors do not; without a sign-in the API answers 401
        assertThat(anonymous.withBasicAuth(AUDITOR, TestUsers.password(AUDITOR)).getForEntity("/api/dashboard/" + FY, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(operator.getForEntity("/api/dashboard/" + FY, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        TestRestTemplate lead = anonymous.withBasicAuth(ContractGate.LEAD, TestUsers.password(ContractGate.LEAD));
        assertThat(lead.getForEntity("/api/dashboard/" + FY, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(lead.getForEntity("/dashboard.html", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(anonymous.getForEntity("/api/dashboard/" + FY, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(ward.getForEntity("/api/dashboard/1999", String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void thePageIsJapaneseDrawsWithTheEChartsWebjarAndSendsAnExpiredSessionToSignIn() throws Exception {
        TestUsers.ensure(engine.getIdentityService(), WARD, "ward-staff");
        String base = "http://localhost:" + port;
        TestRestTemplate ward = anonymous.withBasicAuth(WARD, TestUsers.password(WARD));
        ResponseEntity<String> page = ward.getForEntity("/dashboard.html", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("<html lang=\"ja\">", "年度の状況", "対象者（群別）", "通知はがき", "電話勧奨",
                "問い合わせ（分類別）", "受診状況（群別、現在まで）", "事故報告");
        Matcher echarts = Pattern.compile("<script src=\"(/webjars/echarts/[^\"]+/echarts\\.min\\.js)\"").matcher(page.getBody());
        assertThat(echarts.find()).as("the page loads ECharts from the webjar").isTrue();
        ResponseEntity<String> library = ward.getForEntity(echarts.group(1), String.class);
        assertThat(library.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(library.getBody()).contains("echarts");

        String script = ward.getForObject("/dashboard.js", String.class);
        assertThat(script).contains("setInterval(load, REFRESH_MS)", "const REFRESH_MS = 30000", "response.status === 401",
                "timeZone: ZONE", "'Asia/Tokyo'", "new Intl.NumberFormat('ja-JP')");

        // signed out (or the session expired): the page's address is answered with the sign-in page, and after signing
        // in the browser is sent back to the page; the API answers 401, on which the page opens its own address again
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> signedOut = browser.send(HttpRequest.newBuilder(URI.create(base + "/dashboard.html?fiscalYear=" + FY))
                .header("Accept", "text/html,application/xhtml+xml").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(URI.create(signedOut.headers().firstValue("Location").orElseThrow()).getPath()).isEqualTo("/login");
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login.body());
        assertThat(csrf.find()).as("the sign-in form has a CSRF token").isTrue();
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + WARD + "&password=" + TestUsers.password(WARD) + "&_csrf="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).as("back to the page after signing in")
                .contains("/dashboard.html?fiscalYear=" + FY);
        assertThat(browser.send(HttpRequest.newBuilder(URI.create(base + "/api/dashboard/" + FY)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        HttpResponse<String> expired = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(base + "/api/dashboard/" + FY)).header("Cookie", "JSESSIONID=0123456789ABCDEF")
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(expired.statusCode()).isEqualTo(401);

        // the header links of Tasklist and Cockpit
        // (one script for both, at the path their config.js names relative to /camunda/app/<webapp>/)
        String link = ward.getForObject("/camunda/app/kenshin/kenshin-dashboard-link.js", String.class);
        for (String app : List.of("tasklist", "cockpit")) {
            assertThat(ward.getForObject("/camunda/app/" + app + "/scripts/config.js", String.class)).as(app)
                    .contains("'../kenshin/kenshin-dashboard-link'");
            assertThat(link).as(app).contains("/dashboard.html", "年度の状況", "pluginPoint: '" + app + (app.equals("tasklist")
                    ? ".navbar.action'" : ".navigation'"));
        }
    }
}
