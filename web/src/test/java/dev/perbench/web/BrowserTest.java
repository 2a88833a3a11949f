package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The site in a real browser: Debian's headless chromium driven by its chromedriver through
 * Selenium (nothing is downloaded). Each page is opened as a visitor would (home, a leaderboard
 * sorted and filtered, an entry, two entries compared, their samples with the overlay images), with
 * no console errors (the Content-Security-Policy allows no inline style or script: one would be an
 * error), every image loaded, and a screenshot of each saved under {@code target/screenshots/} for
 * review; {@code compare-page.png} and {@code samples-page.png} there are the pictures in {@code
 * docs/}. Without chromium the tests fail under {@code CI=true} (CI installs it) and are skipped
 * elsewhere.
 */
class BrowserTest {
  private static final Path SUBMISSIONS = Path.of("..", "submissions");
  private static final Path SHOTS = Path.of("target", "screenshots");
  private static final String MINI = "perbench-mini";
  private static final String ORACLE = "baseline-oracle";
  private static final String PIXEL = "pixel-mini-reproduced";

  /** How far down a full-page screenshot goes, in CSS pixels: a whole compare page. */
  private static final int FULL_PAGE_HEIGHT = 2400;

  /** The top of a long page, in CSS pixels: about eight samples of a sample-browser page. */
  private static final int SCREENFULS = 1250;

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
    check(shot, status == 200 ? null : base + path, status);
  }

  /** Checks the page the browser is on: loaded, a screenshot saved, no console errors. */
  private static void check(String shot) throws IOException {
    check(shot, null, 200);
  }

  private static void check(String shot, String url, int status) throws IOException {
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(
            b ->
                (Boolean)
                    js(
                        "return document.readyState === 'complete'"
                            + " && Array.from(document.images).every(i => i.complete)"));
    Files.write(SHOTS.resolve(shot + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    List<LogEntry> errors =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .filter(
                e ->
                    url == null
                        || !e.getMessage()
                            .startsWith(
                                url
                                    + " - Failed to load resource: the server"
                                    + " responded with a status of "
                                    + status))
            .toList();
    assertEquals(List.of(), errors, "console errors on " + browser.getCurrentUrl());
  }

  /**
   * The whole page (as far down as {@code maxHeight} CSS pixels) as a PNG under the screenshots,
   * through the DevTools protocol: chromium's own screenshots stop at the window.
   */
  @SuppressWarnings("unchecked")
  private static void fullPage(String shot, int maxHeight) throws IOException {
    Map<String, Object> metrics = browser.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
    double width = ((Number) content.get("width")).doubleValue();
    double height = Math.min(maxHeight, ((Number) content.get("height")).doubleValue());
    Map<String, Object> png =
        browser.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of(
                "format",
                "png",
                "captureBeyondViewport",
                true,
                "clip",
                Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
    Files.write(SHOTS.resolve(shot + ".png"), Base64.getDecoder().decode((String) png.get("data")));
  }

  private static Object js(String script, Object... args) {
    return browser.executeScript(script, args);
  }

  /** An {@code <img>} as the browser has it. */
  private record Img(String src, boolean complete, long width, long height) {}

  @SuppressWarnings("unchecked")
  private static List<Img> images(String css) {
    List<List<Object>> raw =
        (List<List<Object>>)
            js(
                "return Array.from(document.querySelectorAll(arguments[0]))"
                    + ".map(i => [i.src, i.complete, i.naturalWidth, i.naturalHeight])",
                css);
    return raw.stream()
        .map(
            r ->
                new Img(
                    (String) r.get(0),
                    (Boolean) r.get(1),
                    ((Number) r.get(2)).longValue(),
                    ((Number) r.get(3)).longValue()))
        .toList();
  }

  private static void assertLoaded(List<Img> images) {
    assertFalse(images.isEmpty(), "no images");
    for (Img i : images) {
      assertTrue(i.complete() && i.width() > 0 && i.height() > 0, i.toString());
    }
  }

  /** The query parameters of a URL, decoded. */
  private static Map<String, String> params(String url) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void aVisitorGoesFromTheHomePageToALeaderboardSortsFiltersAndOpensAnEntry() throws IOException {
    open("/", "home");
    assertEquals("PerBench leaderboard", browser.getTitle());
    browser.findElement(By.linkText("refcoco:val")).click();
    assertTrue(browser.getCurrentUrl().endsWith("/benchmarks/refcoco:val"));
    check("leaderboard");
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
    check("entry");
    assertTrue(browser.getPageSource().contains("STBench_MCQ.json"));
  }

  @Test
  void aVisitorSortsALeaderboardByAMetricColumnAndSeesItsIntervalsAndChart() throws IOException {
    for (String bench : List.of("perbench", MINI)) {
      open("/benchmarks/" + bench, bench);
      browser.findElement(By.linkText("vres giou ↑")).click();
      waitFor(ExpectedConditions.urlContains("sort=vres"));
      WebElement sorted = browser.findElement(By.cssSelector("thead th a.current"));
      assertEquals("vres giou ↑", sorted.getText());
      // the table scrolls sideways: the sorted column in view for the screenshot
      js("arguments[0].scrollIntoView({block: 'nearest', inline: 'center'})", sorted);
      check(bench + "-by-vres-giou");
      int column =
          1
              + ((Number)
                      js(
                          "return Array.from(document.querySelectorAll('table.leaderboard thead"
                              + " th')).findIndex(th => th.querySelector('a.current'))"))
                  .intValue();
      assertDescendingWithinProfile(column);
      assertLoaded(images("img.chart"));
    }
    // perbench-mini's values come with the harness's intervals: a bar under each
    List<WebElement> bars = browser.findElements(By.cssSelector("svg.cibar"));
    assertFalse(bars.isEmpty(), "no interval bars");
    for (WebElement bar : bars) {
      Rectangle box = bar.getRect();
      assertTrue(box.getWidth() > 0 && box.getHeight() > 0, box.toString());
    }
  }

  /**
   * The rows are grouped by profile (each profile's rows together) and, within a group, in
   * descending order of the column, those without a value last.
   */
  private static void assertDescendingWithinProfile(int column) {
    List<WebElement> rows = browser.findElements(By.cssSelector("table.leaderboard tbody tr"));
    assertTrue(rows.size() >= 2, "rows: " + rows.size());
    List<String> profiles = new ArrayList<>();
    Double previous = null;
    boolean blank = false;
    for (WebElement row : rows) {
      String profile = row.findElement(By.cssSelector("td.profile")).getText();
      String text =
          row.findElement(By.cssSelector("td:nth-child(" + column + ")")).getText().trim();
      if (profiles.isEmpty() || !profiles.get(profiles.size() - 1).equals(profile)) {
        assertFalse(profiles.contains(profile), "profile " + profile + " split: " + profiles);
        profiles.add(profile);
        previous = null;
        blank = false;
      }
      if (text.isEmpty()) {
        blank = true;
        continue;
      }
      assertFalse(blank, "a value after a blank in profile " + profile);
      double value = Double.parseDouble(text);
      if (previous != null) {
        assertTrue(value <= previous, value + " after " + previous + " in profile " + profile);
      }
      previous = value;
    }
  }

  @Test
  void aVisitorComparesTwoEntriesFromTheLeaderboardAndBrowsesWhereTheyDiffer() throws IOException {
    open("/benchmarks/" + MINI, "compare-tick");
    browser.findElement(By.cssSelector("input[name=e][value='" + ORACLE + "']")).click();
    browser.findElement(By.cssSelector("input[name=e][value='" + PIXEL + "']")).click();
    browser.findElement(By.id("compare")).click();
    waitFor(ExpectedConditions.urlContains("/compare?a="));
    String compare = browser.getCurrentUrl();
    Map<String, String> ab = params(compare);
    assertEquals(List.of("a", "b"), List.copyOf(ab.keySet()), compare);
    assertEquals(Set.of(ORACLE, PIXEL), Set.of(ab.get("a"), ab.get("b")), compare);
    check("compare");
    fullPage("compare-page", FULL_PAGE_HEIGHT);

    WebElement paired = browser.findElement(By.cssSelector("table.paired"));
    assertFalse(
        paired.findElements(By.cssSelector("span.badge.significant")).isEmpty(), paired.getText());
    // a scatter of the per-sample scores for each task (cIoU has no per-sample score of its own)
    long perTask =
        paired.findElements(By.cssSelector("tbody tr td:nth-child(2)")).stream()
            .filter(td -> !td.getText().equals("ciou"))
            .count();
    List<Img> scatters = images("img.scatter");
    assertEquals(perTask, scatters.size(), scatters.toString());
    assertLoaded(scatters);

    // the samples where the oracle is right and the model wrong, from the oracle's side
    boolean oracleIsA = ORACLE.equals(ab.get("a"));
    browser
        .findElement(By.xpath("//figure[img[contains(@src, 'task=vres')]]"))
        .findElement(By.linkText(oracleIsA ? "A right, B wrong" : "B right, A wrong"))
        .click();
    waitFor(ExpectedConditions.urlContains("/samples?"));
    Map<String, String> q = params(browser.getCurrentUrl());
    assertEquals(oracleIsA ? "a-right-b-wrong" : "b-right-a-wrong", q.get("filter"));
    assertEquals("vres", q.get("task"));
    check("samples-oracle-right-model-wrong");
    int rows = browser.findElements(By.cssSelector("div.sample")).size();
    assertTrue(rows > 0, "no samples");
    List<Img> overlays = assertOverlaysAtImageSize();
    // each row: A's overlay, A's difference view and B's overlay
    assertEquals(3 * rows, overlays.size(), overlays.toString());
    assertEquals(
        rows, overlays.stream().filter(i -> "diff".equals(params(i.src()).get("view"))).count());
    assertEquals(
        rows,
        overlays.stream().filter(i -> i.src().contains("/entries/" + ab.get("b") + "/")).count());

    browser.findElement(By.linkText("worst first")).click();
    waitFor(ExpectedConditions.urlContains("sort=worst"));
    check("samples-oracle-right-model-wrong-worst");
    assertEquals(q.get("filter"), params(browser.getCurrentUrl()).get("filter"));
    List<Double> page1 = assertWorstFirst();
    browser.findElement(By.cssSelector("a[rel=next]")).click();
    waitFor(ExpectedConditions.urlContains("page=2"));
    check("samples-oracle-right-model-wrong-worst-2");
    List<Double> page2 = assertWorstFirst();
    assertTrue(page2.get(0) >= page1.get(page1.size() - 1), page1 + " then " + page2);
    assertOverlaysAtImageSize();
  }

  @Test
  void aVisitorBrowsesAModelsSamplesWorstFirstAndItsMultipleChoiceAnswers() throws IOException {
    open("/entries/" + PIXEL, "entry-with-samples");
    browser.findElement(By.cssSelector("a.samples-link")).click();
    waitFor(ExpectedConditions.urlContains("/samples?"));
    check("samples");
    browser.findElement(By.linkText("vres")).click();
    waitFor(ExpectedConditions.urlContains("task=vres"));
    check("samples-vres");
    fullPage("samples-page", SCREENFULS);
    int rows = browser.findElements(By.cssSelector("div.sample")).size();
    assertEquals(SampleQuery.PAGE_SIZE, rows);
    List<Img> overlays = assertOverlaysAtImageSize();
    assertEquals(2 * rows, overlays.size(), overlays.toString()); // the overlay and the difference

    browser.findElement(By.linkText("worst first")).click();
    waitFor(ExpectedConditions.urlContains("sort=worst"));
    check("samples-vres-worst");
    List<Double> page1 = assertWorstFirst();
    browser.findElement(By.cssSelector("a[rel=next]")).click();
    waitFor(ExpectedConditions.urlContains("page=2"));
    check("samples-vres-worst-2");
    List<Double> page2 = assertWorstFirst();
    assertTrue(page2.get(0) >= page1.get(page1.size() - 1), page1 + " then " + page2);
    assertTrue(
        page1.get(0) < page2.get(page2.size() - 1), "the scores do not vary: " + page1 + page2);

    browser.findElement(By.linkText("mcq")).click();
    waitFor(ExpectedConditions.urlContains("task=mcq"));
    check("samples-mcq");
    List<WebElement> samples = browser.findElements(By.cssSelector("div.sample"));
    assertFalse(samples.isEmpty());
    int right = 0;
    for (WebElement sample : samples) {
      String id = sample.findElement(By.cssSelector("h4")).getText();
      List<WebElement> correct = sample.findElements(By.cssSelector("ul.options li.correct"));
      assertEquals(1, correct.size(), id);
      assertTrue(badges(correct.get(0)).contains("correct"), id);
      List<WebElement> chose =
          sample.findElements(By.cssSelector("ul.options li")).stream()
              .filter(li -> badges(li).contains("A chose"))
              .toList();
      assertEquals(1, chose.size(), id); // the mini model always answers with a letter
      boolean isRight = badges(sample.findElement(By.cssSelector("h4"))).contains("A: right");
      assertEquals(isRight, chose.get(0).equals(correct.get(0)), id);
      right += isRight ? 1 : 0;
    }
    assertTrue(right > 0, "no right answers");
    assertEquals(samples.size(), assertOverlaysAtImageSize().size());
  }

  private static List<String> badges(WebElement in) {
    return in.findElements(By.cssSelector("span.badge")).stream().map(WebElement::getText).toList();
  }

  /**
   * The A scores on the page (the badges "A: 63.4", "A: right") in page order, checked to be
   * ascending: the first one the lowest.
   */
  private static List<Double> assertWorstFirst() {
    List<Double> scores =
        browser.findElements(By.cssSelector("div.sample h4 span.badge")).stream()
            .map(WebElement::getText)
            .filter(t -> t.startsWith("A: "))
            .map(t -> t.substring(3))
            .map(t -> t.equals("right") ? 100.0 : t.equals("wrong") ? 0.0 : Double.parseDouble(t))
            .toList();
    assertEquals(browser.findElements(By.cssSelector("div.sample")).size(), scores.size());
    assertEquals(Collections.min(scores), scores.get(0), scores.toString());
    assertEquals(scores.stream().sorted().toList(), scores);
    return scores;
  }

  /** Every overlay on a sample-browser page has loaded, at the size of its sample's image. */
  private static List<Img> assertOverlaysAtImageSize() throws IOException {
    List<Img> overlays = images("img.overlay");
    assertLoaded(overlays);
    for (Img i : overlays) {
      String sample = params(i.src()).get("sample");
      BufferedImage image = imageOf(sample);
      assertEquals(
          List.of((long) image.getWidth(), (long) image.getHeight()),
          List.of(i.width(), i.height()),
          i.toString());
    }
    return overlays;
  }

  /** A perbench-mini sample's image, read from the benchmark's own file. */
  private static BufferedImage imageOf(String sample) throws IOException {
    Path file =
        TestData.DATA
            .sample(MINI, sample)
            .orElseThrow(() -> new AssertionError("no sample " + sample))
            .image()
            .file();
    BufferedImage image = ImageIO.read(file.toFile());
    assertTrue(image != null, file.toString());
    return image;
  }

  private static <T> T waitFor(ExpectedCondition<T> condition) {
    return new WebDriverWait(browser, Duration.ofSeconds(10)).until(condition);
  }

  @Test
  void aPageThatDoesNotExistSaysSoWithoutInternals() throws IOException {
    open("/benchmarks/nope", "not-found", 404);
    String text = browser.findElement(By.tagName("body")).getText();
    assertTrue(text.contains("No benchmark with the id nope"), text);
  }
}
