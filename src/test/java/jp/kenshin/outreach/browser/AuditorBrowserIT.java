package jp.kenshin.outreach.browser;

import static jp.kenshin.outreach.browser.BrowserWalks.assertNoEnglish;
import static org.assertj.core.api.Assertions.assertThat;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.audit.AuditChainVerification;
import jp.kenshin.outreach.audit.AuditLog;
import jp.kenshin.outreach.privacy.Requester;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The auditor in a real browser (Debian's chromium): from Tasklist's header link to the audit page, which shows the chain
 * intact with its record count and last anchor, and the newest records filtered by action and user, a page at a time.
 */
@IntegrationTest
class AuditorBrowserIT {

    private static final int FY = 2189;
    private static final String AUDITOR = "deskwalkauditor";
    /** An operator designated for nothing: each of their reads is refused by the door, and on record. */
    private static final String INTRUDER = "deskwalkintruder";
    private static final int REFUSALS = 25;

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    TestRestTemplate anonymous;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theAuditorSeesTheChainIntactAndPagesThroughTheRecordsOfOneUser() {
        BrowserWalks.administratorExists(engine.getIdentityService());
        TestUsers.ensure(engine.getIdentityService(), AUDITOR, Requester.AUDITOR);
        TestUsers.ensure(engine.getIdentityService(), INTRUDER, Requester.CONTRACTOR_OPERATOR);
        TestRestTemplate intruder = anonymous.withBasicAuth(INTRUDER, TestUsers.password(INTRUDER));
        for (int i = 0; i < REFUSALS; i++) {
            assertThat(intruder.exchange("/api/personal-data/CALL", HttpMethod.POST, new HttpEntity<>(Map.of("fiscalYear", FY,
                    "memberIds", List.of(1 + i), "taskId", "no-such-task", "reason", "架電")), String.class).getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
        int refused = jdbc.queryForObject("select count(*) from audit_log where user_id = ? and action = 'READ' and outcome = 'REFUSED'",
                Integer.class, INTRUDER);
        assertThat(refused).isEqualTo(REFUSALS);
        AuditLog.Head anchored = audit.anchorHead("scheduled");

        try (ChromiumBrowser browser = new ChromiumBrowser("http://localhost:" + port)) {
            BrowserWalks.signIn(browser, AUDITOR, TestUsers.password(AUDITOR));
            // Tasklist's header has the link for the auditor
            browser.click(By.cssSelector("a.kenshin-audit-link"));
            browser.await(d -> d.getCurrentUrl().endsWith("/audit.html"));
            assertThat(browser.script("return document.documentElement.lang")).isEqualTo("ja");
            browser.awaitText("連鎖は保たれています（改ざん・欠落なし）");
            browser.await(d -> browser.bodyText().contains("新しい順"));
            AuditChainVerification verified = audit.verify();
            assertThat(verified.intact()).isTrue();
            NumberFormat number = NumberFormat.getIntegerInstance(Locale.JAPAN);
            assertThat(browser.find(By.id("chainRecords")).getText()).isEqualTo(number.format(verified.records()) + " 件");
            assertThat(browser.find(By.id("chainHead")).getText()).isEqualTo("記録 " + verified.headSeq());
            assertThat(browser.find(By.id("chainHeadHash")).getText()).isEqualTo(verified.headHash());
            assertThat(browser.find(By.id("chainLastAnchor")).getText()).startsWith("記録 " + anchored.seq() + "（");
            assertThat(browser.find(By.id("chainLastAnchorHash")).getText()).isEqualTo(anchored.hash());
            assertThat(browser.find(By.id("chainAnchors")).getText()).isEqualTo(number.format(verified.anchorsChecked()) + " 件");
            browser.screenshot("audit-chain");

            // the records of one user and one action, 20 a page, the newest first
            new Select(browser.find(By.id("action"))).selectByValue("READ");
            browser.find(By.id("user")).sendKeys(INTRUDER);
            new Select(browser.find(By.id("size"))).selectByVisibleText("20");
            browser.click(By.xpath("//button[normalize-space(.)='絞り込む']"));
            browser.awaitText("該当 " + REFUSALS + " 件のうち 20 件を表示（1 ページ目、新しい順）");
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("#records tbody tr"));
            assertThat(rows).hasSize(20);
            List<Long> seqs = jdbc.queryForList("select seq from audit_log where user_id = ? order by seq desc", Long.class, INTRUDER);
            for (int i = 0; i < rows.size(); i++) {
                assertThat(rows.get(i).getText()).startsWith(seqs.get(i) + " ").contains(INTRUDER, "閲覧", "架電", "拒否",
                        Integer.toString(FY));
            }
            String page = browser.bodyText();
            assertNoEnglish(page);
            browser.screenshot("audit-records");

            browser.click(By.id("older"));
            browser.awaitText("該当 " + REFUSALS + " 件のうち 5 件を表示（2 ページ目、新しい順）");
            rows = browser.driver().findElements(By.cssSelector("#records tbody tr"));
            assertThat(rows).hasSize(5);
            assertThat(rows.get(4).getText()).startsWith(seqs.get(REFUSALS - 1) + " ");
            assertThat(browser.find(By.id("older")).isEnabled()).as("no older page").isFalse();
            browser.click(By.id("newest"));
            browser.awaitText("該当 " + REFUSALS + " 件のうち 20 件を表示（1 ページ目、新しい順）");

            // an action of which this user has no record: none, said in Japanese
            new Select(browser.find(By.id("action"))).selectByValue("EXPORT");
            browser.click(By.xpath("//button[normalize-space(.)='絞り込む']"));
            browser.awaitText("該当 0 件のうち 0 件を表示");
            assertThat(browser.driver().findElements(By.cssSelector("#records tbody tr"))).isEmpty();
            assertNoEnglish(browser.bodyText());
        }
    }
}
