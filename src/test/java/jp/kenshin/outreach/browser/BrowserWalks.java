package jp.kenshin.outreach.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.openqa.selenium.By;

/** What the staff walks share: signing in on the Japanese page, and the English that must not show. */
final class BrowserWalks {

    /** English of Camunda's controls and of raw engine errors that must not show once the webapps speak Japanese. */
    static final List<String> CAMUNDA_ENGLISH = List.of("Filters", "Claim", "Start process", "Loading", "Complete",
            "Add a simple filter", "Created", "Sort by", "migrate to Camunda 8", "Log out", "ENGINE-", "TaskListener",
            "Exception");

    /** What else must not show on the application's own pages: raw errors and a script's leftovers. */
    static final List<String> RAW_ENGLISH = List.of("Error", "error", "HTTP ", "undefined", "null", "NaN", "Forbidden",
            "Unauthorized", "Bad Request");

    private BrowserWalks() {
    }

    /** An administrator exists, as in every installation (else the webapps send everyone to Admin's first-administrator setup). */
    static void administratorExists(org.camunda.bpm.engine.IdentityService identity) {
        jp.kenshin.outreach.TestUsers.ensure(identity, "browseradmin", "camunda-admin");
    }

    /** Signs in on the application's sign-in page and waits until Tasklist, where a sign-in lands, is reached. */
    static void signIn(ChromiumBrowser browser, String user, String password) {
        browser.open("/login");
        browser.find(By.id("username")).sendKeys(user);
        browser.find(By.id("password")).sendKeys(password);
        browser.find(By.cssSelector("button[type=submit]")).click();
        browser.await(d -> d.getCurrentUrl().contains("/camunda/app/tasklist/"));
    }

    /** No English on one of the application's own pages (the call desk, the audit page). */
    static void assertNoEnglish(String text) {
        assertNoCamundaEnglish(text);
        for (String english : RAW_ENGLISH) {
            assertThat(text).as("English on the page: " + english).doesNotContain(english);
        }
    }

    /** No English of Camunda's controls or of raw engine errors (Tasklist with the project's forms). */
    static void assertNoCamundaEnglish(String text) {
        for (String english : CAMUNDA_ENGLISH) {
            assertThat(text).as("English on the page: " + english).doesNotContain(english);
        }
    }
}
