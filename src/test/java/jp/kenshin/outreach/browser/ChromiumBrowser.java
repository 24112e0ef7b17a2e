package jp.kenshin.outreach.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, driven by Debian's chromium-driver (both installed by {@code .ci/run} with apt-get): headless,
 * in Japanese, with a profile of its own that is thrown away. A test that needs a browser fails, and does not skip,
 * when none is installed. Screenshots go to {@code target/screenshots/}.
 */
public final class ChromiumBrowser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    /** Starts the browser for the application at {@code base} (e.g. http://localhost:8080). */
    public ChromiumBrowser(String base) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("No browser for the browser tests: " + CHROMIUM + " and " + CHROMEDRIVER
                    + " are needed (Debian packages chromium and chromium-driver; .ci/run installs them with apt-get)");
        }
        this.base = base;
        try {
            this.profile = Files.createTempDirectory("kenshin-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--lang=ja", "--window-size=1400,1000");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "ja"));
        // the ward's time zone, whatever the machine's (the webapps show times in the browser's zone)
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .withEnvironment(Map.of("TZ", "Asia/Tokyo")).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    /** Waits up to the given time until the condition holds; its value, or null when it did not hold in time. */
    public <T> T awaitWithin(Duration time, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, time, Duration.ofMillis(200))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            return null;
        }
    }

    /** Waits (up to 60 s) until the condition holds, and returns its value. */
    public <T> T await(Function<WebDriver, T> condition) {
        try {
            // a page that is replaced while it is read (a form's submit, a redirect) is read again
            return new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(200))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("last-timeout");
            String text = bodyText();
            throw new AssertionError("Waited 60 s in vain on " + driver.getCurrentUrl() + " (screenshot last-timeout.png), the page reads: "
                    + text.substring(0, Math.min(text.length(), 1500)), e);
        }
    }

    /** Waits until the page's visible text contains the text, and returns the visible text. */
    public String awaitText(String text) {
        return await(d -> {
            String body = bodyText();
            return body.contains(text) ? body : null;
        });
    }

    public String bodyText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public WebElement find(By by) {
        return await(d -> {
            var found = d.findElements(by);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    /** Scrolls the element to the middle of the window (clear of the webapps' fixed header and footer) and clicks it. */
    public void click(By by) {
        WebElement element = find(by);
        script("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Saves a screenshot of the window to target/screenshots/{name}.png and returns its path. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // the profile is a temporary folder; a leftover does no harm
            }
        }
    }
}
