package jp.kenshin.outreach.browser;

import static jp.kenshin.outreach.process.MailingVariables.*;
import static jp.kenshin.outreach.process.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.selection.SelectionCounts;
import jp.kenshin.outreach.selection.SelectionRequest;
import jp.kenshin.outreach.selection.TargetSelectionService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A ward clerk's day in a real browser (Debian's chromium): the Japanese sign-in page, the landing page, Tasklist and
 * Cockpit in Japanese, the proof approved as an explicit choice, a dispatch date typed the Japanese way, refused with
 * a Japanese reason when it cannot be right and stored when it is.
 */
@IntegrationTest
class WardClerkBrowserIT {

    private static final int FY = 2089;
    private static final String WARD = "browserward";
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    /** English of Camunda's own controls that must not show once the webapps speak Japanese. */
    private static final List<String> ENGLISH = List.of("Filters", "Claim", "Start process", "Loading", "Complete",
            "Add a simple filter", "Created", "Sort by", "migrate to Camunda 8", "Log out", "Processes", "Decisions",
            "Running Process Instances", "Open Human Tasks", "Open Incidents", "ENGINE-", "TaskListener", "Exception");

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    MembersImportService members;
    @Autowired
    TargetSelectionService selection;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void realClock() {
        ClockUtil.reset();
    }

    @Test
    void aWardClerkWorksInJapaneseAndTypesTheDispatchDateTheJapaneseWay() throws Exception {
        TestUsers.ensure(engine.getIdentityService(), WARD, "ward-staff");
        // an administrator exists, as in every installation (else the webapps send everyone to Admin's setup)
        TestUsers.ensure(engine.getIdentityService(), "browseradmin", "camunda-admin");
        ProcessInstance mailing = mailingAtTheProof();
        String proofTask = task(mailing, TASK_APPROVE_PROOF).getId();

        try (ChromiumBrowser browser = new ChromiumBrowser("http://localhost:" + port)) {
            // the sign-in page: Japanese, with the ward's name; a wrong password is answered in Japanese
            browser.open("/login");
            assertThat(browser.script("return document.documentElement.lang")).isEqualTo("ja");
            assertThat(browser.awaitText("サインイン")).contains("みなと台区").contains("ユーザーID").contains("パスワード");
            // (another user id: a failed attempt holds the user's own sign-in back for a few seconds)
            signIn(browser, "browsernobody", "wrong-password");
            assertThat(browser.awaitText("サインインできませんでした")).contains("ユーザーIDとパスワードを確かめてください");
            browser.screenshot("sign-in-refused");
            signIn(browser, WARD, TestUsers.password(WARD));
            browser.await(d -> d.getCurrentUrl().contains("/camunda/app/tasklist/"));

            // the landing page links the webapps
            browser.open("/");
            assertThat(browser.awaitText("タスク一覧（Tasklist）")).contains("運用状況（Cockpit）").contains("利用者と権限（Admin）")
                    .contains("みなと台区");
            browser.screenshot("landing");

            // Tasklist in Japanese, without the Camunda 8 banner
            browser.open("/camunda/app/tasklist/default/");
            String tasklist = browser.awaitText("すべてのタスク");
            browser.await(d -> browser.bodyText().contains("プロセスを開始"));
            tasklist = browser.bodyText();
            assertThat(tasklist).contains("プロセスを開始").contains("すべてのタスク");
            assertNoEnglish(tasklist);
            assertThat(browser.script("return document.documentElement.lang")).isEqualTo("ja");
            assertThat(browser.driver().findElements(By.cssSelector(".ce-eol-banner")).stream().noneMatch(WebElement::isDisplayed))
                    .as("the Camunda 8 banner is hidden").isTrue();
            browser.screenshot("tasklist");

            // Start process lists the processes a clerk starts, not the internal sub-processes
            browser.click(By.xpath("//a[contains(normalize-space(.),'プロセスを開始')]"));
            browser.await(d -> browser.find(By.cssSelector(".modal-content")).getText().contains("特定健診 受診勧奨 年間サイクル"));
            String startable = browser.find(By.cssSelector(".modal-content")).getText();
            assertThat(startable).contains("問い合わせ対応").doesNotContain("受診勧奨通知の郵送").doesNotContain("電話勧奨")
                    .doesNotContain("委託契約の確認");
            assertNoEnglish(startable);
            browser.screenshot("start-process");
            browser.click(By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space(.)='閉じる' or normalize-space(.)='キャンセル']"));
            browser.await(d -> d.findElements(By.cssSelector(".modal-content")).isEmpty());

            // the proof approved in the browser on 2026/11/10, as an explicit choice
            ClockUtil.setCurrentTime(at(LocalDate.of(2026, 11, 10)));
            openTask(browser, proofTask);
            String proofForm = browser.awaitText("見本を承認する");
            assertThat(proofForm).contains("差し戻す（文面を直して作り直す）").doesNotContain("差し戻す理由");
            browser.click(By.xpath("//label[contains(normalize-space(.),'見本を承認する')]"));
            browser.screenshot("approve-proof");
            complete(browser);
            browser.await(d -> engine.getTaskService().createTaskQuery().taskId(proofTask).count() == 0);
            assertThat(engine.getRuntimeService().getVariable(mailing.getId(), PROOF_APPROVED)).isEqualTo(true);
            engine.getTaskService().complete(task(mailing, TASK_HAND_OVER_PRINT_DATA).getId());

            // the dispatch date on 2026/11/20: a date before the proof's approval is refused with the reason
            ClockUtil.setCurrentTime(at(LocalDate.of(2026, 11, 20)));
            String dispatchTask = task(mailing, TASK_RECORD_DISPATCH).getId();
            openTask(browser, dispatchTask);
            browser.awaitText("差出日（yyyy/mm/dd");
            WebElement date = dateField(browser);
            date.sendKeys("2026/11/09");
            complete(browser);
            String refused = browser.awaitText("見本の承認日（2026/11/10）より前の日付は記録できません");
            assertNoEnglish(refused);
            browser.screenshot("dispatch-date-refused");
            assertThat(engine.getTaskService().createTaskQuery().taskId(dispatchTask).count()).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from mailing_dispatch where fiscal_year = ?", Integer.class, FY)).isZero();

            // a date in the wrong form is refused by the form itself, in Japanese
            date = dateField(browser);
            date.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            date.sendKeys("16/11/2026");
            complete(browser);
            assertThat(browser.awaitText("決められた形で入力してください")).doesNotContain("Field must match pattern");

            // typed the Japanese way, stored as 16 November 2026
            date = dateField(browser);
            date.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            date.sendKeys("2026/11/16");
            browser.screenshot("dispatch-date");
            complete(browser);
            browser.await(d -> engine.getTaskService().createTaskQuery().taskId(dispatchTask).count() == 0);
            assertThat(jdbc.queryForObject("select dispatched_on from mailing_dispatch where fiscal_year = ?", LocalDate.class, FY))
                    .isEqualTo(LocalDate.of(2026, 11, 16));
            assertThat(engine.getRuntimeService().getVariable(mailing.getId(), DISPATCH_DATE)).isEqualTo("2026-11-16");
            ClockUtil.reset();

            // Cockpit in Japanese
            browser.open("/camunda/app/cockpit/default/#/dashboard");
            String cockpit = browser.awaitText("実行中のプロセスインスタンス");
            browser.await(d -> !browser.bodyText().contains("読み込み中"));
            cockpit = browser.bodyText();
            assertThat(cockpit).contains("プロセス").contains("デシジョン");
            assertNoEnglish(cockpit);
            browser.screenshot("cockpit");
        }
    }

    private static void signIn(ChromiumBrowser browser, String user, String password) {
        browser.open("/login");
        browser.find(By.id("username")).sendKeys(user);
        browser.find(By.id("password")).sendKeys(password);
        browser.find(By.cssSelector("button[type=submit]")).click();
    }

    /** Opens a task in Tasklist and claims it with the Japanese button. */
    private static void openTask(ChromiumBrowser browser, String taskId) {
        By claim = By.xpath("//*[self::button or self::a][normalize-space(.)='担当する']");
        browser.open("/camunda/app/tasklist/default/#/?task=" + taskId);
        // a full load: on a page where Tasklist already runs, only the hash changes and Tasklist may keep its own state;
        // a load that stays on Tasklist's spinner (seen once in four clean runs on a busy machine) is loaded again, as a
        // person would press F5
        for (int attempt = 0; attempt < 3; attempt++) {
            browser.driver().navigate().refresh();
            if (browser.awaitWithin(java.time.Duration.ofSeconds(25), d -> d.getCurrentUrl().contains(taskId)
                    && d.findElements(claim).stream().anyMatch(WebElement::isDisplayed) ? Boolean.TRUE : null) != null) {
                break;
            }
        }
        browser.await(d -> d.getCurrentUrl().contains(taskId));
        browser.click(claim);
        browser.await(d -> d.findElements(By.xpath("//*[self::button or self::a][normalize-space(.)='担当する']")).isEmpty());
    }

    private static void complete(ChromiumBrowser browser) {
        browser.click(By.xpath("//button[normalize-space(.)='完了']"));
    }

    private static WebElement dateField(ChromiumBrowser browser) {
        return browser.find(By.xpath("//label[contains(normalize-space(.),'差出日（yyyy/mm/dd')]/following::input[1]"));
    }

    private static void assertNoEnglish(String text) {
        for (String english : ENGLISH) {
            assertThat(text).as("English on the page").doesNotContain(english);
        }
    }

    private static Date at(LocalDate day) {
        return Date.from(day.atTime(10, 0).atZone(TOKYO).toInstant());
    }

    private Task task(ProcessInstance instance, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
    }

    /** A fiscal year of synthetic members, its frozen target list, and its mailing waiting at the proof. */
    private ProcessInstance mailingAtTheProof() throws Exception {
        SyntheticWardGenerator generator = new SyntheticWardGenerator(new SyntheticWardSpec(FY, 120, FY, Charset.forName("windows-31j")));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        generator.writeMembers(file);
        members.importMembers(FY, new ByteArrayInputStream(file.toByteArray()), "m.csv", "windows-31j", true);
        SelectionCounts counts = selection.select(new SelectionRequest(FY, LocalDate.of(FY, 4, 1), 0, null, null, null, null));
        selection.freeze(counts.runId(), "ward");
        ProcessInstance process = engine.getRuntimeService().startProcessInstanceByKey(MAILING_PROCESS_KEY, Integer.toString(FY),
                Map.of(FISCAL_YEAR, FY));
        for (int round = 0; round < 100; round++) {
            List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(process.getId()).messages().list();
            if (jobs.isEmpty()) {
                break;
            }
            jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
        return process;
    }
}
