package jp.kenshin.outreach.browser;

import static jp.kenshin.outreach.browser.BrowserWalks.assertNoEnglish;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.PersonalValues;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.calling.CallOutcome;
import jp.kenshin.outreach.calling.CallingFixture;
import jp.kenshin.outreach.cycle.PhoneOutreachStarter;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.Designation;
import jp.kenshin.outreach.privacy.Designations;
import jp.kenshin.outreach.privacy.Purpose;
import jp.kenshin.outreach.privacy.Requester;
import jp.kenshin.outreach.selection.TargetSelectionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A call-center operator's hour in a real browser (Debian's chromium): signed in on the Japanese page, at the call desk
 * {@code /calls.html}, 次の電話 opens the call form with the person shown, and every outcome the form offers is recorded
 * once, each followed by the next call one click away; the call held opens in Tasklist's call form as well.
 */
@IntegrationTest
class OperatorBrowserIT {

    private static final int FY = 2185;
    private static final String OPERATOR = "deskwalkop";
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    MembersImportService members;
    @Autowired
    TargetSelectionService selection;
    @Autowired
    Designations designations;
    @Autowired
    CallCaseService calls;
    @Autowired
    PhoneOutreachStarter starter;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anOperatorTakesTheNextCallAndRecordsEveryKindOfOutcome() throws Exception {
        BrowserWalks.administratorExists(engine.getIdentityService());
        CallingFixture.Prepared prepared = CallingFixture.prepare(FY, 200, 0, members, selection, designations,
                engine.getIdentityService());
        Set<String> personal = PersonalValues.of(prepared.membersFile(), StandardCharsets.UTF_8);
        TestUsers.ensure(engine.getIdentityService(), OPERATOR, Requester.CONTRACTOR_OPERATOR);
        LocalDate today = LocalDate.now(TOKYO);
        designations.save(new Designation(null, FY, OPERATOR, Designation.Role.HANDLER, EnumSet.of(Purpose.CALL),
                today.minusDays(30), today.plusDays(365), today.minusDays(30)), "ward");
        calls.openCases(FY);
        starter.startPending();
        int openBefore = openCalls();
        assertThat(openBefore).as("call tasks of the year").isGreaterThan(CallOutcome.values().length + 2);

        List<String> labels = Arrays.stream(CallOutcome.values()).map(CallOutcome::label).toList();
        List<String> cases = new ArrayList<>();
        try (ChromiumBrowser browser = new ChromiumBrowser("http://localhost:" + port)) {
            BrowserWalks.signIn(browser, OPERATOR, TestUsers.password(OPERATOR));
            browser.open("/calls.html");
            assertThat(browser.script("return document.documentElement.lang")).isEqualTo("ja");
            String desk = browser.awaitText("次の電話");
            assertThat(desk).contains("優先度の高い順");
            assertThat(browser.driver().findElements(By.id("person")).get(0).isDisplayed()).as("nobody shown before 次の電話").isFalse();

            browser.click(By.id("next"));
            String firstCase = shownCall(browser, personal);
            cases.add(firstCase);
            // the form offers every outcome there is, in Japanese
            List<String> offered = new Select(browser.find(By.id("outcome"))).getOptions().stream().map(WebElement::getText)
                    .filter(t -> !t.equals("選んでください")).toList();
            assertThat(offered).containsExactlyElementsOf(labels);
            String form = browser.bodyText();
            assertThat(form).contains("対象者", "電話番号", "カナ氏名", "トーク", "これまでの架電", "まだ架電していません（初回の架電です）",
                    "記録して次の電話へ", "記録する");
            assertNoEnglish(form);
            // (docs/images/call-desk.png is a copy of this screenshot)
            browser.screenshot("call-desk");

            // an outcome left out is refused on the page, in Japanese, and nothing is recorded
            browser.click(By.id("recordNext"));
            assertThat(browser.awaitText("架電結果を選んでください。")).doesNotContain("記録しました");
            assertThat(attemptsOf(firstCase)).isZero();

            CallOutcome[] outcomes = CallOutcome.values();
            for (int i = 0; i < outcomes.length; i++) {
                CallOutcome outcome = outcomes[i];
                String caseId = cases.get(cases.size() - 1);
                new Select(browser.find(By.id("outcome"))).selectByValue(outcome.name());
                if (outcome == CallOutcome.CALLBACK_REQUESTED) {
                    String at = today.plusDays(7).atTime(10, 30).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
                    WebElement callback = browser.find(By.id("callback"));
                    // the browser's date-time picker: its value set as the picker sets it
                    browser.script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                            + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", callback, at);
                }
                if (i == 0) {
                    browser.find(By.id("memo")).sendKeys("本人不在。夕方にかけ直す。");
                }
                boolean last = i == outcomes.length - 1;
                browser.click(By.id(last ? "record" : "recordNext"));
                String recorded = browser.awaitText("記録しました：" + caseId);
                assertThat(recorded).contains("記録しました：" + caseId + "　1 回目　" + outcome.label());
                assertNoEnglish(recorded);
                browser.screenshot("call-desk-" + (i + 1) + "-" + outcome.name().toLowerCase(java.util.Locale.ROOT));
                assertThat(jdbc.queryForList("select outcome from call_attempt where case_id = ? and operator = ?", String.class,
                        caseId, OPERATOR)).containsExactly(outcome.name());
                if (!last) {
                    // 記録して次の電話へ: the next call is on screen, another case
                    String next = shownCall(browser, personal);
                    assertThat(cases).doesNotContain(next);
                    cases.add(next);
                }
            }
            // after the last outcome the form is closed; the next call is one click away
            browser.await(d -> !d.findElement(By.id("call")).isDisplayed());
            browser.click(By.id("next"));
            String next = shownCall(browser, personal);
            assertThat(cases).doesNotContain(next);
            browser.screenshot("call-desk-next");

            // the call held opens in Tasklist's call form too, with the same person, in Japanese
            browser.click(By.id("tasklistLink"));
            // a Tasklist load that stays on its spinner is loaded again, as a person would press F5
            for (int attempt = 0; attempt < 3; attempt++) {
                if (browser.awaitWithin(java.time.Duration.ofSeconds(25), d -> browser.bodyText().contains("電話番号")
                        && browser.bodyText().contains(next) ? Boolean.TRUE : null) != null) {
                    break;
                }
                browser.driver().navigate().refresh();
            }
            String tasklist = browser.awaitText("記録して次の電話へ");
            browser.await(d -> browser.bodyText().contains("電話番号") && browser.bodyText().contains(next));
            tasklist = browser.bodyText();
            assertThat(tasklist).contains("架電結果", "トーク", "完了");
            BrowserWalks.assertNoCamundaEnglish(tasklist);
            browser.screenshot("call-form-tasklist");

        }

        // every outcome recorded once, by this operator, each on its own case; the tasks recorded are done
        List<String> recorded = jdbc.queryForList("select a.outcome from call_attempt a join call_case c on c.id = a.case_id"
                + " where c.fiscal_year = ? and a.operator = ?", String.class, FY, OPERATOR);
        assertThat(new LinkedHashSet<>(recorded)).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(CallOutcome.values()).map(Enum::name).toList());
        assertThat(recorded).hasSize(CallOutcome.values().length);
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKeyLike("CC" + FY + "N%").taskAssignee(OPERATOR)
                .count()).as("only the call on screen is held").isEqualTo(1);
    }

    /** Waits until a call is on screen with its person, checks what is shown, and returns its case id. */
    private String shownCall(ChromiumBrowser browser, Set<String> personal) {
        browser.await(d -> d.findElement(By.id("call")).isDisplayed()
                && !d.findElements(By.cssSelector("#person a.phone")).isEmpty() ? Boolean.TRUE : null);
        String caseId = browser.find(By.id("caseId")).getText();
        assertThat(caseId).matches("CC" + FY + "N\\d{7}");
        String phone = browser.find(By.cssSelector("#person a.phone")).getText();
        assertThat(personal).as("the phone number shown is the synthetic person's").contains(phone);
        assertThat(browser.find(By.id("taskName")).getText()).contains(caseId);
        // the call on screen is held by this operator
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId).taskAssignee(OPERATOR).count())
                .isEqualTo(1);
        return caseId;
    }

    private int attemptsOf(String caseId) {
        return jdbc.queryForObject("select count(*) from call_attempt where case_id = ?", Integer.class, caseId);
    }

    private int openCalls() {
        return (int) engine.getTaskService().createTaskQuery().processInstanceBusinessKeyLike("CC" + FY + "N%").count();
    }
}
