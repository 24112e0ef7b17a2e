package jp.kenshin.outreach.browser;

import static jp.kenshin.outreach.browser.BrowserWalks.assertNoCamundaEnglish;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.calling.CallingFixture;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.Designation;
import jp.kenshin.outreach.privacy.Designations;
import jp.kenshin.outreach.privacy.PersonalDataService;
import jp.kenshin.outreach.privacy.PersonalDataService.AccessContext;
import jp.kenshin.outreach.privacy.Purpose;
import jp.kenshin.outreach.privacy.Requester;
import jp.kenshin.outreach.selection.TargetSelectionService;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The inquiry desk in a real browser (Debian's chromium), as an operator takes a caller's phone call: the inquiry started
 * from Tasklist's プロセスを開始, the caller looked up in the answer form (a number that finds nobody, then the caller's
 * ticket number), the category and the answer recorded with the form's 完了, all in Japanese.
 */
@IntegrationTest
class DeskBrowserIT {

    private static final int FY = 2187;
    private static final String DESK = "deskwalkdesk";
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
    JdbcTemplate jdbc;
    @Autowired
    PersonalDataService door;

    @Test
    void theDeskLooksUpACallerAndAnswersTheInquiry() throws Exception {
        BrowserWalks.administratorExists(engine.getIdentityService());
        CallingFixture.Prepared prepared = CallingFixture.prepare(FY, 60, 0, members, selection, designations,
                engine.getIdentityService());
        TestUsers.ensure(engine.getIdentityService(), DESK, Requester.CONTRACTOR_OPERATOR);
        LocalDate today = LocalDate.now(TOKYO);
        designations.save(new Designation(null, FY, DESK, Designation.Role.HANDLER, EnumSet.of(Purpose.INQUIRY),
                today.minusDays(30), today.plusDays(365), today.minusDays(30)), "ward");
        // the caller: a synthetic member of the year, as the members file has them
        CSVRecord caller;
        try (Reader reader = new InputStreamReader(new java.io.ByteArrayInputStream(prepared.membersFile()), StandardCharsets.UTF_8)) {
            caller = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).stream()
                    .filter(r -> !r.get("受診券整理番号").isBlank()).findFirst().orElseThrow();
        }
        String ticket = caller.get("受診券整理番号").strip();
        String kana = caller.get("カナ氏名").strip();

        long[] memberId = {0};
        try (ChromiumBrowser browser = new ChromiumBrowser("http://localhost:" + port)) {
            BrowserWalks.signIn(browser, DESK, TestUsers.password(DESK));
            // the phone rings: プロセスを開始 → 問い合わせ対応, the year typed in, 開始
            browser.open("/camunda/app/tasklist/default/");
            // a Tasklist load that stays on its spinner is loaded again, as a person would press F5
            for (int attempt = 0; attempt < 3; attempt++) {
                if (browser.awaitWithin(Duration.ofSeconds(25), d -> browser.bodyText().contains("プロセスを開始") ? Boolean.TRUE : null)
                        != null) {
                    break;
                }
                browser.driver().navigate().refresh();
            }
            browser.awaitText("プロセスを開始");
            browser.click(By.xpath("//a[contains(normalize-space(.),'プロセスを開始')]"));
            browser.await(d -> browser.find(By.cssSelector(".modal-content")).getText().contains("問い合わせ対応"));
            browser.click(By.xpath("//div[contains(@class,'modal-content')]//a[contains(normalize-space(.),'問い合わせ対応')]"));
            String start = browser.await(d -> {
                String text = browser.find(By.cssSelector(".modal-content")).getText();
                return text.contains("問い合わせの電話を受けたら") && !d.findElements(By.xpath("//div[contains(@class,'modal-content')]"
                        + "//label[contains(normalize-space(.),'年度')]")).isEmpty() ? text : null;
            });
            assertThat(start).contains("問い合わせの電話を受けたら「開始」で開始します");
            assertNoCamundaEnglish(start);
            WebElement year = browser.find(By.xpath("//div[contains(@class,'modal-content')]//label[contains(normalize-space(.),'年度')]"
                    + "/following::input[1]"));
            year.sendKeys(Integer.toString(FY));
            browser.screenshot("desk-start-inquiry");
            browser.click(By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space(.)='開始']"));
            Task answer = browser.await(d -> engine.getTaskService().createTaskQuery().processDefinitionKey("inquiry")
                    .taskAssignee(DESK).processInstanceBusinessKeyLike("IQ" + FY + "N%").singleResult());
            String inquiryId = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(answer.getProcessInstanceId())
                    .singleResult().getBusinessKey();

            // the answer form, already the desk's (the one who took the call)
            openTask(browser, answer.getId());
            String form = browser.awaitText("本人の照会");
            browser.await(d -> browser.find(By.id("ki-id")).getText().equals(inquiryId));
            form = browser.bodyText();
            assertThat(form).contains("受診券整理番号", "氏名（カナまたは漢字）", "生年月日", "分類", "区の対応が必要（区へ引き継ぐ）", "完了");
            assertNoCamundaEnglish(form);

            // a number that finds nobody, then the caller's ticket number
            browser.find(By.id("ki-ticket")).sendKeys("00000000000");
            browser.click(By.id("ki-lookup"));
            assertThat(browser.awaitText("該当する人がいません")).contains("未確認（該当者なし）");
            WebElement ticketField = browser.find(By.id("ki-ticket"));
            ticketField.clear();
            ticketField.sendKeys(ticket);
            browser.click(By.id("ki-lookup"));
            String found = browser.awaitText("1 人見つかりました");
            assertThat(browser.find(By.id("ki-found")).getText()).contains(kana, ticket);
            assertThat(browser.find(By.id("ki-caller")).getText()).contains(kana);
            assertNoCamundaEnglish(found);
            browser.screenshot("desk-caller-found");
            // the caller linked to the inquiry is the person of that ticket number (as the ward reads them through the door)
            Long linked = jdbc.queryForObject("select member_id from inquiry where id = ?", Long.class, inquiryId);
            assertThat(linked).isNotNull();
            assertThat(door.read(CallingFixture.ward(), Purpose.INQUIRY, FY, List.of(linked), AccessContext.of("test")).get(0).fields())
                    .containsEntry("受診券整理番号", ticket).containsEntry("カナ氏名", kana);
            memberId[0] = linked;

            // the answer: a category left out is refused in Japanese, then recorded with 完了
            browser.click(By.xpath("//button[normalize-space(.)='完了']"));
            assertThat(browser.awaitText("分類を選んでください。")).doesNotContain("記録しました");
            new Select(browser.find(By.id("ki-category"))).selectByValue("HOW_TO_TAKE");
            browser.find(By.id("ki-note")).sendKeys("受診の方法を案内した。");
            browser.screenshot("desk-answer");
            browser.click(By.xpath("//button[normalize-space(.)='完了']"));
            browser.await(d -> engine.getTaskService().createTaskQuery().taskId(answer.getId()).count() == 0);
            String after = browser.bodyText();
            assertNoCamundaEnglish(after);
            browser.screenshot("desk-answered");
        }

        Map<String, Object> inquiry = jdbc.queryForMap("select member_id, category, state, answered_by, note is not null as noted"
                + " from inquiry where fiscal_year = ? and received_by = ?", FY, DESK);
        assertThat(inquiry).containsEntry("member_id", memberId[0]).containsEntry("category", "HOW_TO_TAKE")
                .containsEntry("answered_by", DESK).containsEntry("noted", true);
        assertThat((String) inquiry.get("state")).isIn("ANSWERED", "CLOSED");
        // the lookups are on record: two, by the desk, for the inquiry's year
        assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'LOOKUP' and user_id = ? and fiscal_year = ?",
                Integer.class, DESK, FY)).isEqualTo(2);
        // nothing the caller said is in the engine: the inquiry's variables are ids and codes
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(
                jdbc.queryForObject("select process_instance_id from inquiry where fiscal_year = ? and received_by = ?", String.class, FY, DESK))
                .list()).allSatisfy(v -> assertThat(String.valueOf(v.getValue())).doesNotContain(kana, ticket, "受診の方法"));
    }

    /** Opens a task in Tasklist by its address, loading again when Tasklist stays on its spinner (as a person would press F5). */
    private static void openTask(ChromiumBrowser browser, String taskId) {
        browser.open("/camunda/app/tasklist/default/#/?task=" + taskId);
        for (int attempt = 0; attempt < 3; attempt++) {
            browser.driver().navigate().refresh();
            if (browser.awaitWithin(Duration.ofSeconds(25), d -> d.getCurrentUrl().contains(taskId)
                    && browser.bodyText().contains("本人の照会") ? Boolean.TRUE : null) != null) {
                return;
            }
        }
    }
}
