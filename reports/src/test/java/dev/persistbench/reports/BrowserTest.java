package dev.persistbench.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Opens the generated index.html in real headless Chromium (Debian's chromium and
 * chromium-driver packages) and checks it as a reader would get it: no script errors, every chart
 * drawn at a non-zero size, the tables there. Screenshots go to reports/target/ for a human look.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path tmp;

    Path report;
    ChromeDriver driver;
    List<String> consoleErrors = new ArrayList<>();

    @BeforeAll
    void open() throws IOException {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no browser installed: needs /usr/bin/chromium and /usr/bin/chromedriver"
                        + " (apt-get install chromium chromium-driver)");
        // Kept under target/ (not the temp dir) so the page can be opened by hand after the build.
        report = Path.of("target/browser-report").toAbsolutePath();
        Path repo = Fixtures.repo(tmp.resolve("repo"), true);
        int status = ReportMain.run(
                new String[] {
                    "--results",
                    Fixtures.dir("results-full").toString(),
                    "--out",
                    report.toString(),
                    "--sources",
                    repo.toString()
                },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                System.err);
        assertThat(status).isZero();

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1400,1000",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium-profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        // Installed before any page script runs, so errors during loading are caught too.
        driver.executeCdpCommand(
                "Page.addScriptToEvaluateOnNewDocument",
                Map.of(
                        "source",
                        "window.__errors = [];"
                                + "window.addEventListener('error', e => window.__errors.push(String(e.message || e.type)), true);"
                                + "window.addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason)));"));
        driver.get(report.resolve("index.html").toUri().toString());
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(e.getMessage());
            }
        }
    }

    @AfterAll
    void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void loads_without_script_errors() {
        assertThat(driver.getTitle()).contains("persistbench report");
        assertThat((List<?>) driver.executeScript("return window.__errors;")).isEmpty();
        assertThat(consoleErrors).isEmpty();
        // Untrusted SQL in the fixture contains a <script> tag: it must stay text.
        assertThat(driver.findElements(By.tagName("script"))).isEmpty();
        assertThat(driver.findElement(By.id("P02")).getText()).contains("<script>alert(1)</script>");
    }

    @Test
    void every_chart_is_drawn_with_a_non_zero_size() throws IOException {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> charts = (List<Map<String, Object>>)
                driver.executeScript("return Array.from(document.querySelectorAll('figure.chart svg')).map(s => {"
                        + " const r = s.getBoundingClientRect();"
                        + " return {id: s.id, width: r.width, height: r.height,"
                        + "   shapes: s.querySelectorAll('path, rect, line, polyline').length,"
                        + "   texts: s.querySelectorAll('text').length}; });");
        List<String> expected;
        try (var files = Files.list(report.resolve("charts"))) {
            expected = files.map(f -> f.getFileName().toString().replace(".svg", ""))
                    .sorted()
                    .toList();
        }
        assertThat(expected).contains("pattern-P02", "overhead", "coldstart", "size-P02", "threads-P02");
        assertThat(charts).extracting(c -> (String) c.get("id")).containsExactlyInAnyOrderElementsOf(expected);
        for (Map<String, Object> c : charts) {
            assertThat(((Number) c.get("width")).doubleValue())
                    .as("width of %s", c.get("id"))
                    .isGreaterThan(100);
            assertThat(((Number) c.get("height")).doubleValue())
                    .as("height of %s", c.get("id"))
                    .isGreaterThan(100);
            assertThat(((Number) c.get("shapes")).intValue())
                    .as("shapes in %s", c.get("id"))
                    .isGreaterThan(5);
            assertThat(((Number) c.get("texts")).intValue())
                    .as("labels in %s", c.get("id"))
                    .isGreaterThan(3);
        }
    }

    @Test
    void page_does_not_scroll_sideways() {
        // Wide SQL and code scroll inside their own boxes; the page itself stays readable.
        Object overflow = driver.executeScript("const w = document.documentElement.clientWidth;"
                + "return Array.from(document.querySelectorAll('body *'))"
                + "  .filter(e => !e.closest('pre') && e.getBoundingClientRect().right > w + 1)"
                + "  .slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className);");
        assertThat((List<?>) overflow).as("elements wider than the window").isEmpty();
        Object scroll = driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) scroll).intValue())
                .as("sideways scroll of the page")
                .isLessThanOrEqualTo(0);
    }

    @Test
    void shows_the_tables_and_saves_screenshots() throws IOException {
        WebElement summary = driver.findElement(By.id("summary-table"));
        assertThat(summary.isDisplayed()).isTrue();
        assertThat(summary.findElements(By.cssSelector("tbody tr"))).hasSize(13);
        assertThat(driver.findElement(By.id("reliability")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.tagName("body")).getText())
                .contains("Schema drift: what each implementation does when the schema changes under it")
                .contains("RENAMED_COLUMN");

        Path top = Path.of("target/report-screenshot.png").toAbsolutePath();
        Files.write(top, driver.getScreenshotAs(OutputType.BYTES));
        WebElement p02 = driver.findElement(By.id("P02"));
        Path section = Path.of("target/report-screenshot-P02.png").toAbsolutePath();
        Files.write(section, p02.getScreenshotAs(OutputType.BYTES));
        WebElement code = p02.findElements(By.tagName("details")).get(1);
        driver.executeScript("arguments[0].scrollIntoView();", code);
        Path codeShot = Path.of("target/report-screenshot-P02-code.png").toAbsolutePath();
        Files.write(codeShot, code.getScreenshotAs(OutputType.BYTES));
        assertThat(code.getText()).contains("findCustomer").contains("lines");
        @SuppressWarnings("unchecked")
        Map<String, Object> shot = driver.executeCdpCommand(
                "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", false));
        byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
        assertThat(png.length).isGreaterThan(10_000);
        assertThat(Files.size(top)).isGreaterThan(10_000);
        assertThat(Files.size(section)).isGreaterThan(10_000);
        assertThat(new File(section.toString())).exists();
    }
}
