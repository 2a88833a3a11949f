package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
 * The site in a real browser: Debian's headless chromium driven by its chromedriver through
 * Selenium (nothing is downloaded). Each page is opened as a visitor would, with no console errors,
 * and a screenshot of each is saved under {@code target/screenshots/} for review. Without chromium
 * the tests fail under {@code CI=true} (CI installs it) and are skipped elsewhere.
 */
class BrowserTest {
  private static final Path SUBMISSIONS = Path.of("..", "submissions");
  private static final Path SHOTS = Path.of("target", "screenshots");
  private static HikariDataSource db;
  private static Javalin app;
  private static ChromeDriver browser;
  private static String base;

  @BeforeAll
  static void start() throws IOException {
    File chromium = new File("/usr/bin/chromium");
    File driver = new File("/usr/bin/chromedriver");
    if (!chromium.canExecute() || !driver.canExecute()) {
      String why = "chromium and chromedriver not found: apt-get install chromium chromium-driver";
      if ("true".equals(System.getenv("CI"))) {
        fail(why);
      }
      assumeTrue(false, why);
    }
    db = WebDatabase.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    SubmissionsImport.run(SUBMISSIONS, db, TestData.DATA);
    app = WebApp.create(Site.of(db, TestData.DATA)).start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + app.port();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder().usingDriverExecutable(driver).build(), options);
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (app != null) {
      app.stop();
    }
    if (db != null) {
      db.close();
    }
  }

  private static void open(String path, String shot) throws IOException {
    open(path, shot, 200);
  }

  /** Opens a page; its own status, when not 200, is the one console error allowed. */
  private static void open(String path, String shot, int status) throws IOException {
    browser.get(base + path);
    Files.write(SHOTS.resolve(shot + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    List<LogEntry> errors =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .filter(
                e ->
                    status == 200
                        || !e.getMessage()
                            .startsWith(
                                base
                                    + path
                                    + " - Failed to load resource: the server"
                                    + " responded with a status of "
                                    + status))
            .toList();
    assertEquals(List.of(), errors, "console errors on " + path);
  }

  @Test
  void aVisitorGoesFromTheHomePageToALeaderboardSortsFiltersAndOpensAnEntry() throws IOException {
    open("/", "home");
    assertEquals("PerBench leaderboard", browser.getTitle());
    browser.findElement(By.linkText("refcoco:val")).click();
    assertTrue(browser.getCurrentUrl().endsWith("/benchmarks/refcoco:val"));
    open("/benchmarks/refcoco:val", "leaderboard");
    List<WebElement> rows = browser.findElements(By.cssSelector("tbody tr"));
    assertTrue(rows.size() >= 10, "rows: " + rows.size());

    browser.findElement(By.linkText("name")).click();
    List<String> names =
        browser.findElements(By.cssSelector("tbody tr td:nth-child(3)")).stream()
            .map(WebElement::getText)
            .toList();
    assertEquals(names.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), names);

    browser.findElement(By.linkText("baseline")).click();
    open("/benchmarks/perbench-mini?kind=baseline", "leaderboard-baselines");
    browser
        .findElements(By.cssSelector("tbody tr td span.badge"))
        .forEach(b -> assertEquals("baseline", b.getText()));

    open("/benchmarks/perbench-mini", "perbench-mini");
    browser.findElement(By.linkText("baseline:oracle")).click();
    assertTrue(browser.getCurrentUrl().endsWith("/entries/baseline-oracle"));
    open("/entries/baseline-oracle", "entry");
    assertTrue(browser.getPageSource().contains("STBench_MCQ.json"));
  }

  @Test
  void aPageThatDoesNotExistSaysSoWithoutInternals() throws IOException {
    open("/benchmarks/nope", "not-found", 404);
    String text = browser.findElement(By.tagName("body")).getText();
    assertTrue(text.contains("No benchmark with the id nope"), text);
  }
}
