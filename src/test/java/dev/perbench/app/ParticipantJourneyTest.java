package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.web.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A participant's whole journey, in headless chromium against a real {@code perbench serve --signup
 * --uploads --workers 1} process over the committed {@code submissions/} and the bundled
 * perbench-mini, on H2 and on PostgreSQL: from the home page they sign up, submit a prediction file
 * from the browser, watch it queued, scored and finished (each transition's time and the scoring
 * log on its page), open its private result, which no visitor sees yet, and publish it, after which
 * a visitor sees it on perbench-mini's leaderboard with its value; then they make an API token on
 * their account page, submit the same file with {@code perbench submit --wait}, which prints the
 * same figures, and find it finished among their submissions. No page logs a console error (the
 * Content-Security-Policy allows no inline script or style), and the sign-up, submit, submission,
 * account and submissions pages are saved under {@code target/screenshots/}. Without chromium the
 * test fails under {@code CI=true} (CI installs it) and is skipped elsewhere.
 */
class ParticipantJourneyTest {
  private static final Path PREDICTIONS =
      Path.of("submissions/baseline-oracle/results/perbench-mini/predictions.jsonl");
  private static final Path SHOTS = Path.of("target", "screenshots");
  private static final String MINI = "perbench-mini";
  private static final String EMAIL = "grace@example.org";
  private static final String PASSWORD = "a long enough password";
  private static final String NAME = "Journey oracle";
  private static final String CARD =
      "{\"name\": \""
          + NAME
          + "\", \"organisation\": \"Journey Lab\", \"size\": \"1B\", \"link\": null,"
          + " \"kind\": \"submitted\", \"source\": \"ParticipantJourneyTest\", \"date\":"
          + " \"2026-01-31\", \"notes\": null}";
  private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private ChromeDriver browser;
  private String base;
  private String shotPrefix;
  private final HttpClient visitor =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  @Timeout(120)
  void aParticipantSignsUpSubmitsWatchesPublishesAndSubmitsFromTheCommandLine(TestDatabase database)
      throws Exception {
    File chromium = new File("/usr/bin/chromium");
    File driver = new File("/usr/bin/chromedriver");
    if (!chromium.canExecute() || !driver.canExecute()) {
      String why = "chromium and chromedriver not found: apt-get install chromium chromium-driver";
      if ("true".equals(System.getenv("CI"))) {
        fail(why);
      }
      assumeTrue(false, why);
    }
    shotPrefix = "journey-" + database.name().toLowerCase(Locale.ROOT) + "-";
    Files.createDirectories(SHOTS);
    long started = System.nanoTime();
    Process serve = serve(database.newUrl());
    try {
      browser = chromium(chromium, driver);
      try {
        journey();
      } catch (Throwable t) {
        t.addSuppressed(new AssertionError("serve printed:\n" + Files.readString(serveLog())));
        throw t;
      } finally {
        browser.quit();
      }
    } finally {
      serve.destroy();
      assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "serve stops on SIGTERM");
    }
    System.out.printf(
        "ParticipantJourneyTest on %s: %d s%n",
        database, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  private void journey() throws Exception {
    // 1. from the home page, sign up: logged in on one's account page
    open("/", "home");
    browser.findElement(By.linkText("sign up")).click();
    waitForPath("/signup");
    check("signup");
    browser.findElement(By.name("email")).sendKeys(EMAIL);
    browser.findElement(By.name("password")).sendKeys(PASSWORD);
    browser.findElement(By.xpath("//button[.='Make my account']")).click();
    waitForPath("/account");
    check("account-new");
    assertTrue(text().contains("Signed in as " + EMAIL + " (participant)"), text());

    // 2. submit from the browser (the navigation's link): the submission's own page
    browser.findElement(By.cssSelector("nav")).findElement(By.linkText("submit")).click();
    waitForPath("/submit");
    new Select(browser.findElement(By.name("bench"))).selectByValue(MINI);
    assertEquals(
        "standard",
        new Select(browser.findElement(By.name("profile")))
            .getFirstSelectedOption()
            .getAttribute("value"));
    WebElement card = browser.findElement(By.name("card"));
    card.clear();
    card.sendKeys(CARD);
    browser
        .findElement(By.cssSelector("input[type=file][name=predictions]"))
        .sendKeys(PREDICTIONS.toAbsolutePath().toString());
    check("submit");
    browser.findElement(By.xpath("//button[.='Upload']")).click();
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(b -> path().matches("/submissions/" + ID.pattern()));
    String id = path().substring("/submissions/".length());

    // 3. watch it: queued, validated, scored, finished, by reloading its page
    Set<String> seen = new LinkedHashSet<>();
    new WebDriverWait(browser, Duration.ofSeconds(90))
        .pollingEvery(Duration.ofMillis(500))
        .until(
            b -> {
              String status = browser.findElement(By.cssSelector("span.badge")).getText();
              seen.add(status);
              if (status.equals("failed") || status.equals("cancelled")) {
                throw new AssertionError("the submission " + status + ":\n" + text());
              }
              if (status.equals("finished")) {
                return true;
              }
              browser.navigate().refresh();
              return false;
            });
    check("submission");
    assertTrue(
        Set.of("submitted", "validating", "scoring", "finished").containsAll(seen),
        "statuses seen: " + seen);
    Map<String, String> timeline = new LinkedHashMap<>();
    for (WebElement row : browser.findElements(By.cssSelector("table.timeline tr"))) {
      timeline.put(
          row.findElement(By.tagName("th")).getText(), row.findElement(By.tagName("td")).getText());
    }
    assertEquals(
        List.of("submitted", "validating", "scoring", "finished"),
        List.copyOf(timeline.keySet()),
        timeline.toString());
    List<String> times = List.copyOf(timeline.values());
    for (String t : times) {
      assertTrue(t.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"), timeline + "");
    }
    for (int i = 1; i < times.size(); i++) {
      assertTrue(
          Instant.parse(times.get(i - 1)).compareTo(Instant.parse(times.get(i))) <= 0,
          timeline.toString());
    }
    WebElement log =
        browser.findElement(By.xpath("//h3[.='Scoring log']/following-sibling::pre[1]"));
    assertTrue(
        log.getText().contains("validated predictions.jsonl against " + MINI), log.getText());
    assertTrue(log.getText().contains("scored 1,186 samples"), log.getText());

    // 4. its private result: the figures, and no visitor sees it
    browser.findElement(By.linkText("its entry")).click();
    String entry = "sub-" + id;
    waitForPath("/entries/" + entry);
    check("entry-private");
    assertTrue(text().contains("private: only you and the admins see it"), text());
    Map<String, Double> figures = figures();
    assertFalse(figures.isEmpty(), "no figures on " + path());
    assertEquals(404, visit("/entries/" + entry).statusCode(), "a visitor sees a private entry");
    assertFalse(leaderboardRow(entry).isPresent(), "a private entry on the public leaderboard");
    assertFalse(
        visit("/benchmarks/" + MINI).body().contains(NAME),
        "a private entry on the public leaderboard page");

    // 5. publish it: a visitor sees it on the leaderboard, with the value of its result
    browser.findElement(By.xpath("//button[.='Publish it']")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(b -> !browser.findElements(By.xpath("//button[.='Withdraw it']")).isEmpty());
    check("entry-public");
    assertFalse(text().contains("private: only you"), text());
    assertEquals(200, visit("/entries/" + entry).statusCode());
    JsonNode row =
        leaderboardRow(entry).orElseThrow(() -> new AssertionError("not on the leaderboard"));
    assertEquals(NAME, row.get("name").asText());
    assertEquals("submitted", row.get("kind").asText());
    String main = row.get("mainMetric").asText();
    double value = row.get("value").asDouble();
    Double shown = figures.get(main.contains(" ") ? main : "perbench " + main);
    assertNotNull(shown, "the headline " + main + " among the entry's figures " + figures);
    assertEquals(shown, value, 0.005, "the leaderboard's value and the entry's");
    // the same file as the harness's oracle: the same headline value as its imported entry
    assertEquals(
        leaderboardRow("baseline-oracle").orElseThrow().get("value").asDouble(), value, 1e-9);
    String page = visit("/benchmarks/" + MINI).body();
    Matcher tr =
        Pattern.compile(
                "<tr>(?:(?!</tr>).)*href=\"/entries/" + entry + "\"(?:(?!</tr>).)*</tr>",
                Pattern.DOTALL)
            .matcher(page);
    assertTrue(tr.find(), "no row of " + entry + " on the leaderboard page");
    assertTrue(tr.group().contains(">" + NAME + "<"), tr.group());
    assertTrue(
        tr.group().contains(">" + String.format(Locale.ROOT, "%.2f", value) + "<"), tr.group());

    // 6. an API token from the account page (through the home page), shown once, for perbench
    // submit --wait
    browser.findElement(By.linkText("PerBench leaderboard")).click();
    waitForPath("/");
    check("home-signed-in");
    browser.findElement(By.cssSelector("nav")).findElement(By.linkText(EMAIL)).click();
    waitForPath("/account");
    check("account");
    browser.findElement(By.name("label")).sendKeys("laptop");
    new Select(browser.findElement(By.name("scope"))).selectByValue("submit");
    browser.findElement(By.xpath("//button[.='Make a token']")).click();
    String token = browser.findElement(By.cssSelector("pre.secret")).getText().strip();
    check("token");
    assertTrue(token.startsWith("pbt_"), token);
    Path cardFile = dir.resolve("model.json");
    Files.writeString(cardFile, CARD);
    CommandRun submit =
        CommandRun.of(
            "submit",
            "--server",
            base + "/",
            "--token",
            token,
            "--bench",
            MINI,
            "--predictions",
            PREDICTIONS.toString(),
            "--card",
            cardFile.toString(),
            "--wait");
    assertEquals(0, submit.exitCode(), submit.err());
    List<String> out = submit.out().lines().toList();
    String cliId = out.get(0);
    assertTrue(ID.matcher(cliId).matches(), submit.out());
    assertTrue(out.get(1).startsWith(MINI + ", profile standard: 1,186 samples"), submit.out());
    assertTrue(submit.err().strip().endsWith("  finished"), submit.err());
    // the table's figures: those of the browser's submission of the same file
    Map<String, Double> printed = new LinkedHashMap<>();
    for (String line : out.subList(3, out.size() - 1)) {
      String[] cells = line.trim().split("\\s+");
      printed.put(cells[0] + " " + cells[1], Double.parseDouble(cells[2].replace(",", "")));
    }
    assertEquals(figures.keySet(), printed.keySet(), submit.out());
    for (Map.Entry<String, Double> f : figures.entrySet()) {
      assertEquals(f.getValue(), printed.get(f.getKey()), 0.005, f.getKey());
    }

    // 7. both among the participant's submissions, finished
    browser.findElement(By.linkText("Back to your account")).click();
    waitForPath("/account");
    browser.findElement(By.cssSelector("nav")).findElement(By.linkText("submissions")).click();
    waitForPath("/submissions");
    check("submissions");
    Map<String, String> statuses = new LinkedHashMap<>();
    for (WebElement r : browser.findElements(By.cssSelector("tbody tr"))) {
      String href = r.findElement(By.cssSelector("td a")).getAttribute("href");
      statuses.put(
          href.substring(href.lastIndexOf('/') + 1),
          r.findElement(By.cssSelector("span.badge")).getText());
    }
    assertEquals(Map.of(id, "finished", cliId, "finished"), statuses);
  }

  /** The figures of the entry page's result table by {@code "task metric"}. */
  private Map<String, Double> figures() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (WebElement r : browser.findElements(By.xpath("//table[thead/tr/th[.='task']]/tbody/tr"))) {
      List<WebElement> td = r.findElements(By.tagName("td"));
      out.put(
          td.get(0).getText() + " " + td.get(1).getText(),
          Double.parseDouble(td.get(2).getText().replace(",", "")));
    }
    return out;
  }

  /** The entry's row on perbench-mini's leaderboard as a visitor gets it from the API. */
  private java.util.Optional<JsonNode> leaderboardRow(String entry) throws Exception {
    HttpResponse<String> r = visit("/api/v1/benchmarks/" + MINI + "/leaderboard");
    assertEquals(200, r.statusCode(), r.body());
    List<JsonNode> rows = new ArrayList<>();
    JSON.readTree(r.body()).forEach(rows::add);
    return rows.stream().filter(n -> n.get("entryId").asText().equals(entry)).findFirst();
  }

  /** A page as a visitor gets it: no session cookie. */
  private HttpResponse<String> visit(String path) throws IOException, InterruptedException {
    return visitor.send(
        HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@code perbench serve} taking sign-ups and submissions, scoring with one worker. */
  private Process serve(String jdbc) throws Exception {
    Path log = serveLog();
    Process p =
        PerbenchProcess.builder(
                "serve",
                "--port",
                "0",
                "--db",
                jdbc,
                "--data-root",
                dir.resolve("no-data").toString(),
                "--uploads=" + dir.resolve("uploads"),
                "--signup",
                "--workers",
                "1")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Pattern at = Pattern.compile("the leaderboard is at (http://127\\.0\\.0\\.1:[0-9]+)/");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      String printed = Files.readString(log);
      Matcher m = at.matcher(printed);
      if (m.find() && printed.contains("taking submissions")) {
        base = m.group(1);
        return p;
      }
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new AssertionError("serve did not start:\n" + printed);
      }
      Thread.sleep(20);
    }
  }

  private Path serveLog() {
    return dir.resolve("serve.log");
  }

  private static ChromeDriver chromium(File chromium, File driver) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    return new ChromeDriver(
        new ChromeDriverService.Builder().usingDriverExecutable(driver).build(), options);
  }

  private void open(String path, String shot) throws IOException {
    browser.get(base + path);
    check(shot);
  }

  /** The page the browser is on: loaded, saved as a screenshot, with no console errors. */
  private void check(String shot) throws IOException {
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(
            b ->
                (Boolean)
                    browser.executeScript(
                        "return document.readyState === 'complete'"
                            + " && Array.from(document.images).every(i => i.complete)"));
    Files.write(
        SHOTS.resolve(shotPrefix + shot + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    List<LogEntry> errors =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .toList();
    assertEquals(List.of(), errors, "console errors on " + browser.getCurrentUrl());
  }

  private String path() {
    return URI.create(browser.getCurrentUrl()).getPath();
  }

  private void waitForPath(String path) {
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> path().equals(path));
  }

  private String text() {
    return browser.findElement(By.tagName("body")).getText();
  }
}
