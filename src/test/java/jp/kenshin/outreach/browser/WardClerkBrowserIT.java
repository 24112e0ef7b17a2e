package jp.kenshin.outreach.browser;

import static jp.kenshin.outreach.process.AnnualOutreachCycleVariables.*;
import static jp.kenshin.outreach.process.MailingVariables.*;
import static jp.kenshin.outreach.process.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import jp.kenshin.outreach.ContractGate;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.compliance.ContractService;
import jp.kenshin.outreach.cycle.CycleStarter;
import jp.kenshin.outreach.fileimport.ImportReport;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.results.ResultsImportService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A ward clerk's year in a real browser (Debian's chromium), with no typed /api address: the Japanese sign-in page, the
 * landing page, Tasklist and Cockpit in Japanese; the target list approved from its table of counts; the proof opened
 * from the form's link and approved as an explicit choice; the print data downloaded from the hand-over form (and on
 * record with its SHA-256); a dispatch date typed the Japanese way, refused with a Japanese reason when it cannot be
 * right and stored when it is; a returned card typed (or scanned) on the returned-mail page reached from its task;
 * the year's dashboard. Screenshots go to target/screenshots/ (list-approval, postcard-proof, dashboard among them).
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
    ResultsImportService results;
    @Autowired
    CycleStarter cycles;
    @Autowired
    ContractService contracts;
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
        cycleAtTheListApproval();
        String listTask = task(TASK_APPROVE_TARGET_LIST).getId();

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
            // (a first load that stays blank on a busy machine is loaded again, as a person would press F5)
            for (int attempt = 0; attempt < 2 && browser.awaitWithin(Duration.ofSeconds(30),
                    d -> browser.bodyText().contains("すべてのタスク") ? Boolean.TRUE : null) == null; attempt++) {
                browser.driver().navigate().refresh();
            }
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

            // the target list approved from its table of counts (thousands separators), as an explicit choice
            openTask(browser, listTask);
            String listForm = browser.awaitText("承認してリストを確定する");
            Map<String, Object> run = jdbc.queryForMap("""
                    select r.id, count(*) filter (where e.eligible) as targets, count(*) filter (where not e.eligible) as excluded
                    from selection_run r join selection_entry e on e.run_id = r.id where r.fiscal_year = ? group by r.id""", FY);
            assertThat(listForm).contains("対象者リストの承認").contains("差し戻す（取込からやり直す）")
                    .contains(String.format("対象者（合計） %,d", ((Number) run.get("targets")).longValue()))
                    .contains(String.format("対象外 %,d", ((Number) run.get("excluded")).longValue()));
            assertNoEnglish(listForm);
            browser.click(By.xpath("//label[contains(normalize-space(.),'承認してリストを確定する')]"));
            browser.screenshot("list-approval");
            complete(browser);
            browser.await(d -> engine.getTaskService().createTaskQuery().taskId(listTask).count() == 0);
            assertThat(jdbc.queryForObject("select status from selection_run where id = ?", String.class, run.get("id"))).isEqualTo("FROZEN");
            runJobs();
            ProcessInstance mailing = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(MAILING_PROCESS_KEY)
                    .processInstanceBusinessKey(Integer.toString(FY)).singleResult();
            String proofTask = task(TASK_APPROVE_PROOF).getId();

            // the proof opened from the form's link (a new tab), and approved in the browser on 2026/11/10
            ClockUtil.setCurrentTime(at(LocalDate.of(2026, 11, 10)));
            openTask(browser, proofTask);
            String proofForm = browser.awaitText("見本を承認する");
            assertThat(proofForm).contains("差し戻す（文面を直して作り直す）").doesNotContain("差し戻す理由").doesNotContain("/api/");
            By proofLink = By.xpath("//a[normalize-space(.)='見本（PDF）を開く']");
            String proofHref = browser.find(proofLink).getAttribute("href");
            assertThat(proofHref).endsWith("/api/mailings/" + FY + "/proof.pdf");
            assertThat(browser.find(By.xpath("//a[normalize-space(.)='差出票（PDF）を開く']")).getAttribute("href"))
                    .endsWith("/api/mailings/" + FY + "/manifest.pdf");
            String tasklistTab = browser.driver().getWindowHandle();
            browser.click(proofLink);
            String proofTab = browser.await(d -> d.getWindowHandles().stream().filter(h -> !h.equals(tasklistTab)).findFirst().orElse(null));
            browser.driver().switchTo().window(proofTab);
            browser.await(d -> d.getCurrentUrl().endsWith("/api/mailings/" + FY + "/proof.pdf"));
            browser.driver().close();
            browser.driver().switchTo().window(tasklistTab);
            // what the link opens, read in the clerk's session: the proof PDF; its first page saved as the postcard's picture
            Fetched proof = fetch(browser, proofHref);
            assertThat(proof.status()).isEqualTo(200);
            assertThat(proof.type()).isEqualTo("application/pdf");
            try (var pdf = Loader.loadPDF(proof.body())) {
                assertThat(pdf.getNumberOfPages()).isGreaterThanOrEqualTo(4).matches(n -> n % 4 == 0, "four pages a card");
                assertThat(new PDFTextStripper().getText(pdf)).contains("お知らせ番号 M" + FY + "-0000001").contains("特定健康診査");
                BufferedImage firstPage = new PDFRenderer(pdf).renderImageWithDPI(0, 150);
                Files.createDirectories(ChromiumBrowser.SCREENSHOTS);
                ImageIO.write(firstPage, "png", ChromiumBrowser.SCREENSHOTS.resolve("postcard-proof.png").toFile());
            }
            browser.click(By.xpath("//label[contains(normalize-space(.),'見本を承認する')]"));
            browser.screenshot("approve-proof");
            complete(browser);
            browser.await(d -> engine.getTaskService().createTaskQuery().taskId(proofTask).count() == 0);
            assertThat(engine.getRuntimeService().getVariable(mailing.getId(), PROOF_APPROVED)).isEqualTo(true);

            // the print data downloaded from the hand-over form: one ZIP of the recorded files, on record with its SHA-256
            String handOverTask = task(TASK_HAND_OVER_PRINT_DATA).getId();
            Path downloads = Files.createTempDirectory("kenshin-downloads-");
            ((ChromeDriver) browser.driver()).executeCdpCommand("Browser.setDownloadBehavior",
                    Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
            openTask(browser, handOverTask);
            String handOver = browser.awaitText("印刷データ（ZIP）をダウンロード");
            assertThat(handOver).contains("SHA-256").contains("区の職員だけ").doesNotContain("/api/");
            long auditBefore = jdbc.queryForObject("select coalesce(max(seq), 0) from audit_log", Long.class);
            browser.click(By.xpath("//a[normalize-space(.)='印刷データ（ZIP）をダウンロード']"));
            Path zip = downloads.resolve("print-data-" + FY + ".zip");
            browser.await(d -> Files.isRegularFile(zip) && !Files.exists(downloads.resolve("print-data-" + FY + ".zip.crdownload")));
            for (String handle : new ArrayList<>(browser.driver().getWindowHandles())) {
                if (!handle.equals(tasklistTab)) {
                    browser.driver().switchTo().window(handle).close();
                }
            }
            browser.driver().switchTo().window(tasklistTab);
            byte[] zipBytes = Files.readAllBytes(zip);
            List<String> entries = zipEntries(zipBytes);
            int batches = jdbc.queryForObject("select count(*) from mailing_batch where fiscal_year = ?", Integer.class, FY);
            int cards = jdbc.queryForObject("select count(*) from mailing_item where fiscal_year = ?", Integer.class, FY);
            assertThat(entries).hasSize(2 * batches + 2).contains("batch-0001.pdf", "batch-0001.csv", "manifest.pdf", "SHA256SUMS.txt");
            Map<String, Object> record = jdbc.queryForMap("""
                    select action, outcome, export_count, export_sha256 from audit_log where seq > ? and user_id = ? and action = 'EXPORT'""",
                    auditBefore, WARD);
            assertThat(record).containsEntry("outcome", "ALLOWED").containsEntry("export_count", cards);
            assertThat(((String) record.get("export_sha256")).trim()).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(zipBytes)));
            browser.screenshot("hand-over");
            complete(browser);
            browser.await(d -> engine.getTaskService().createTaskQuery().taskId(handOverTask).count() == 0);

            // the dispatch date on 2026/11/20: a date before the proof's approval is refused with the reason
            ClockUtil.setCurrentTime(at(LocalDate.of(2026, 11, 20)));
            String dispatchTask = task(TASK_RECORD_DISPATCH).getId();
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

            // a returned card, typed (a scanner types the same, then Enter) on the page the returned-mail task links
            String returnedTask = task(TASK_ACCEPT_RETURNED_MAIL).getId();
            openTask(browser, returnedTask);
            browser.awaitText("返戻郵便の受付画面");
            String returnedPage = browser.find(By.xpath("//a[normalize-space(.)='返戻郵便の受付画面']")).getAttribute("href");
            assertThat(returnedPage).endsWith("/returned-mail.html?fiscalYear=" + FY);
            browser.driver().get(returnedPage);
            assertThat(browser.awaitText("お知らせ番号")).contains("受診券整理番号ではありません");
            assertThat(browser.script("return document.documentElement.lang")).isEqualTo("ja");
            String returnedId = jdbc.queryForObject("select mailing_id from mailing_item where fiscal_year = ? order by seq limit 1",
                    String.class, FY);
            WebElement scan = browser.find(By.id("mailingId"));
            scan.sendKeys(returnedId + Keys.ENTER);
            String recorded = browser.awaitText("返戻として記録しました");
            assertThat(recorded).contains(returnedId).contains("年度の返戻：1 通");
            assertThat(scan.getAttribute("value")).as("the field is cleared for the next card").isEmpty();
            // a ticket number read by mistake: refused in Japanese, and the number is not shown
            scan.sendKeys("20890012345" + Keys.ENTER);
            String refusedNumber = browser.awaitText("お知らせ番号の形ではありません");
            assertThat(refusedNumber).contains("受診券整理番号は使えません").doesNotContain("20890012345");
            assertNoEnglish(refusedNumber);
            browser.screenshot("returned-mail");
            assertThat(jdbc.queryForObject("select count(*) from mailing_item where fiscal_year = ? and returned_at is not null",
                    Integer.class, FY)).isEqualTo(1);

            // the year's dashboard: the cards rendered, the dispatch date and the returned card
            browser.open("/dashboard.html?fiscalYear=" + FY);
            browser.await(d -> browser.find(By.id("cardsReturned")).getText().equals("1"));
            assertThat(browser.find(By.id("cardsRendered")).getText()).isEqualTo(String.format("%,d ／ %,d", cards, cards));
            assertThat(browser.find(By.id("dispatchedOn")).getText()).isEqualTo("2026/11/16");
            String dashboard = browser.bodyText();
            assertThat(dashboard).contains("年度の状況").contains("通知はがき").contains("対象者（群別）");
            assertThat(dashboard).doesNotContain("ENGINE-").doesNotContain("Exception");
            browser.screenshot("dashboard");

            // the card texts edited beside the live sample card (marked 見本), then saved
            browser.open("/card-texts.html?fiscalYear=" + FY + "&variant=default");
            browser.await(d -> browser.find(By.id("proofState")).getText().startsWith("見本（"));
            WebElement heading = browser.find(By.id("coverHeading"));
            heading.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            heading.sendKeys("大切なお知らせ　区からの健診のご案内");
            assertThat(browser.awaitText("未保存の変更があります")).contains("はがきの文面");
            String drawnBefore = browser.find(By.id("proof")).getAttribute("src");
            browser.await(d -> !browser.find(By.id("proof")).getAttribute("src").equals(drawnBefore)
                    && browser.find(By.id("proofState")).getText().startsWith("見本（"));
            assertThat((Long) browser.script("return document.getElementById('proof').naturalWidth")).isGreaterThan(600L);
            browser.screenshot("card-texts");
            browser.click(By.xpath("//button[normalize-space(.)='保存する']"));
            browser.awaitText("保存しました");
            assertThat(jdbc.queryForObject("select cover_heading from card_template where fiscal_year = ? and variant = 'default'",
                    String.class, FY)).isEqualTo("大切なお知らせ　区からの健診のご案内");

            // the designations of the year, as the ward reviews them
            browser.open("/designations.html?fiscalYear=" + FY);
            String designations = browser.awaitText(ContractGate.LEAD);
            assertThat(designations).contains("取扱責任者").contains(ContractGate.OPERATOR).contains("有効").contains("区が承認済み");
            assertNoEnglish(designations);
            browser.screenshot("designations");

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

    private Task task(String key) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(Integer.toString(FY)).taskDefinitionKey(key)
                .singleResult();
    }

    private void runJobs() {
        for (int round = 0; round < 100; round++) {
            // the year's own processes (the cycle and what it called), not the jobs of other tests' years
            List<Job> jobs = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(Integer.toString(FY))
                    .list().stream().flatMap(p -> engine.getManagementService().createJobQuery().processInstanceId(p.getId())
                            .messages().list().stream()).toList();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
    }

    /** What a GET of the URL answers in the browser's session: status, content type and body. */
    record Fetched(long status, String type, byte[] body) {
    }

    private static Fetched fetch(ChromiumBrowser browser, String url) {
        browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], { credentials: 'same-origin' }).then(r => r.arrayBuffer().then(b => {
                  const bytes = new Uint8Array(b); let s = '';
                  for (let i = 0; i < bytes.length; i += 0x8000) { s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000)); }
                  done({ status: r.status, type: r.headers.get('content-type'), body: btoa(s) });
                })).catch(e => done({ status: 0, type: String(e), body: '' }));""", url);
        return new Fetched(((Number) answer.get("status")).longValue(), (String) answer.get("type"),
                Base64.getDecoder().decode((String) answer.get("body")));
    }

    private static List<String> zipEntries(byte[] zip) throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    /**
     * The year's cycle at the target list's approval, through its real steps: the contract gate, the members file and
     * last year's results imported, the targets selected (a holdout of a tenth).
     */
    private void cycleAtTheListApproval() throws Exception {
        SyntheticWardGenerator generator = new SyntheticWardGenerator(new SyntheticWardSpec(FY, 120, FY, Charset.forName("windows-31j")));
        ByteArrayOutputStream membersFile = new ByteArrayOutputStream();
        generator.writeMembers(membersFile);
        ByteArrayOutputStream lastYear = new ByteArrayOutputStream();
        generator.writeResults(FY - 1, lastYear);
        cycles.start(new CycleStarter.CycleStart(FY, LocalDate.of(FY, 4, 1), 0.1, 89L));
        ContractGate.pass(engine.getIdentityService(), engine.getTaskService(), contracts, FY);
        ImportReport m = members.importMembers(FY, new ByteArrayInputStream(membersFile.toByteArray()), "members.csv", "windows-31j", true);
        ImportReport r = results.importResults(FY, new ByteArrayInputStream(lastYear.toByteArray()), "results.csv", "windows-31j", false);
        engine.getTaskService().complete(task(TASK_IMPORT_MEMBERS).getId(), Map.of(MEMBERS_IMPORT_ID, m.id()));
        engine.getTaskService().complete(task(TASK_IMPORT_PREVIOUS_RESULTS).getId(), Map.of(PREVIOUS_RESULTS_IMPORT_ID, r.id()));
        runJobs();
    }
}
