package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.data.catalog.DataRoots;
import dev.perbench.harness.json.StrictJson;
import dev.perbench.harness.run.SummaryTable;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.web.BenchmarkData;
import dev.perbench.web.Hosting;
import dev.perbench.web.Site;
import dev.perbench.web.SubmissionsImport;
import dev.perbench.web.WebApp;
import dev.perbench.web.WebDatabase;
import dev.perbench.web.accounts.Accounts;
import dev.perbench.web.accounts.Role;
import dev.perbench.web.accounts.Scope;
import dev.perbench.web.accounts.User;
import dev.perbench.web.submit.Submission;
import dev.perbench.web.submit.SubmissionLimits;
import dev.perbench.web.submit.SubmissionQueue;
import dev.perbench.web.submit.SubmissionStatus;
import io.javalin.Javalin;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perbench submit} against real servers: a {@code perbench serve --uploads} process (the
 * token from $PERBENCH_TOKEN or --token, plain and --gzip uploads, a refused file and a day's limit
 * as exit 2), an address where nothing listens (exit 1), and {@code --wait} against a site in this
 * JVM whose queue the test moves on as a worker would (serve has no workers in this tree).
 */
class SubmitCommandTest {
  static final Path ORACLE =
      Path.of("submissions/baseline-oracle/results/perbench-mini/predictions.jsonl");
  static final Pattern ID = Pattern.compile("^[0-9a-f-]{36}$");

  @TempDir Path dir;

  Path card() throws Exception {
    Path card = dir.resolve("model.json");
    Files.writeString(
        card,
        "{\"name\": \"Submit test\", \"organisation\": null, \"size\": \"1B\", \"link\": null,"
            + " \"source\": \"SubmitCommandTest\", \"date\": \"2025-06\"}");
    return card;
  }

  static String token(String jdbc) {
    try (HikariDataSource ds = WebDatabase.open(jdbc)) {
      Accounts accounts = new Accounts(ds, Clock.systemUTC());
      User ada = accounts.create("ada@example.org", Role.PARTICIPANT, null, "test");
      return accounts.createToken(ada, "ci", Scope.SUBMIT, "test");
    }
  }

  @Test
  @Timeout(120)
  void submitUploadsToAServeProcessAndARefusalIsExit2() throws Exception {
    String jdbc = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
    String token = token(jdbc);
    Path uploads = dir.resolve("uploads");
    Process serve =
        PerbenchProcess.builder(
                "serve",
                "--port",
                "0",
                "--db",
                jdbc,
                "--uploads=" + uploads,
                "--submissions-per-day",
                "3",
                "--concurrent-submissions",
                "10")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
      assertNotNull(out.readLine()); // the import
      Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:[0-9]+/").matcher(out.readLine());
      assertTrue(m.find());
      String url = m.group();
      String taking = out.readLine();
      assertEquals("taking submissions; uploads are kept in " + uploads, taking);
      byte[] oracle = Files.readAllBytes(ORACLE);

      // the token from the environment, in a process of its own
      ProcessBuilder submit =
          PerbenchProcess.builder(
                  "submit",
                  "--server",
                  url,
                  "--bench",
                  "perbench-mini",
                  "--predictions",
                  ORACLE.toString(),
                  "--card",
                  card().toString())
              .redirectError(dir.resolve("submit.err").toFile());
      submit.environment().put("PERBENCH_TOKEN", token);
      Process p = submit.start();
      String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      String err = Files.readString(dir.resolve("submit.err"));
      assertEquals(0, p.exitValue(), printed + err);
      String id = printed.strip();
      assertTrue(ID.matcher(id).matches(), printed);
      assertTrue(err.startsWith("uploaded 127.9 KiB in "), err);
      assertArrayEquals(oracle, Files.readAllBytes(uploads.resolve(id + ".jsonl")));

      // --token and --gzip, in this process
      CommandRun gzip =
          CommandRun.of(
              "submit",
              "--server",
              url,
              "--token",
              token,
              "--bench",
              "perbench-mini",
              "--predictions",
              ORACLE.toString(),
              "--card",
              card().toString(),
              "--gzip");
      assertEquals(0, gzip.exitCode(), gzip.err());
      assertArrayEquals(oracle, Files.readAllBytes(uploads.resolve(gzip.out().strip() + ".jsonl")));

      // a file of another benchmark: refused with the validator's problems, exit 2
      Path other = dir.resolve("other.jsonl");
      Files.writeString(other, "{\"sample_id\": \"refcoco:val:7\", \"no_target\": true}\n");
      CommandRun refused =
          CommandRun.of(
              "submit",
              "--server",
              url,
              "--token",
              token,
              "--bench",
              "perbench-mini",
              "--predictions",
              other.toString(),
              "--card",
              card().toString(),
              "--wait");
      assertEquals(2, refused.exitCode(), refused.err());
      assertTrue(
          refused.err().contains("error: the server at " + url + " refused the upload (400):"),
          refused.err());
      assertTrue(
          refused.err().contains("other.jsonl: 1 problem, the file is rejected:\n  line 1:"),
          refused.err());
      assertEquals("", refused.out());

      // the day's third, then a fourth over the limit: 429, exit 2, with the reset time
      CommandRun third =
          CommandRun.of(
              "submit",
              "--server",
              url,
              "--token",
              token,
              "--bench",
              "perbench-mini",
              "--predictions",
              ORACLE.toString(),
              "--card",
              card().toString());
      assertEquals(0, third.exitCode(), third.err());
      CommandRun fourth =
          CommandRun.of(
              "submit",
              "--server",
              url,
              "--token",
              token,
              "--bench",
              "perbench-mini",
              "--predictions",
              ORACLE.toString(),
              "--card",
              card().toString());
      assertEquals(2, fourth.exitCode(), fourth.err());
      assertTrue(fourth.err().contains("(429): limit: at most 3 submissions a day"), fourth.err());
      assertTrue(fourth.err().contains("it resets at "), fourth.err());
      try (var files = Files.list(uploads)) {
        assertEquals(3, files.count(), "the accepted files, nothing else");
      }
    } finally {
      serve.destroy();
      assertTrue(serve.waitFor(20, TimeUnit.SECONDS), "serve stops on SIGTERM");
    }
  }

  @Test
  void aServerThatCannotBeReachedIsExit1NamingIt() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/";
    CommandRun r =
        CommandRun.of(
            "submit",
            "--server",
            url,
            "--token",
            "pbt_x",
            "--bench",
            "perbench-mini",
            "--predictions",
            ORACLE.toString(),
            "--card",
            card().toString());
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(
        r.err().contains("error: cannot reach the server at " + url + " (connection refused)"),
        r.err());
    CommandRun noCard =
        CommandRun.of(
            "submit",
            "--server",
            url,
            "--token",
            "pbt_x",
            "--bench",
            "perbench-mini",
            "--predictions",
            ORACLE.toString(),
            "--card",
            dir.resolve("none.json").toString());
    assertEquals(2, noCard.exitCode(), noCard.err());
    assertTrue(noCard.err().contains("--card: "), noCard.err());
  }

  @Test
  @Timeout(120)
  void waitFollowsTheSubmissionAndPrintsTheMetricsTable() throws Exception {
    String jdbc = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try (HikariDataSource db = WebDatabase.open(jdbc)) {
      DataRoots roots =
          new DataRoots(Path.of("target/no-data").toAbsolutePath(), Path.of("").toAbsolutePath());
      BenchmarkData data = new BenchmarkData(roots);
      SubmissionsImport.run(Path.of("submissions"), db, data);
      Accounts accounts = new Accounts(db, Clock.systemUTC());
      User ada = accounts.create("ada@example.org", Role.PARTICIPANT, null, "test");
      String token = accounts.createToken(ada, "ci", Scope.SUBMIT, "test");
      Site site =
          Site.of(
              db,
              data,
              new Hosting(dir.resolve("uploads"), SubmissionLimits.DEFAULTS, false),
              Clock.systemUTC());
      Javalin app = WebApp.create(site).start("127.0.0.1", 0);
      try {
        String url = "http://127.0.0.1:" + app.port() + "/";
        SubmissionQueue queue = site.queue();
        CompletableFuture<CommandRun> finished = submitAndWait(url, token);
        Submission s = worker(queue, finished);
        try (Connection c = db.getConnection()) {
          assertTrue(queue.finish(c, s.id(), "w", "baseline-oracle", "scored by the test"));
        }
        CommandRun r = finished.get(60, TimeUnit.SECONDS);
        assertEquals(0, r.exitCode(), r.err());
        String metrics = queue.metricsJson(queue.get(s.id()).orElseThrow()).orElseThrow();
        String table = SummaryTable.render(StrictJson.parse(metrics, Evaluation.class));
        assertEquals(s.id() + "\n" + table, r.out());
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(0).startsWith("uploaded 127.9 KiB in "), r.err());
        // each status as it was first seen, with the time it was reached
        Pattern status =
            Pattern.compile(
                "[0-9T:.Z-]+  (submitted \\(place 1 in the queue\\)|validating|scoring|finished)");
        for (String line : lines.subList(1, lines.size())) {
          assertTrue(status.matcher(line).matches(), line);
        }
        assertTrue(lines.get(lines.size() - 1).endsWith("  finished"), r.err());

        // and a submission that fails: its error, exit 2
        CompletableFuture<CommandRun> failing = submitAndWait(url, token);
        Submission f = worker(queue, failing);
        assertTrue(queue.fail(f.id(), "w", "line 3: something the worker found", null));
        CommandRun failed = failing.get(60, TimeUnit.SECONDS);
        assertEquals(2, failed.exitCode(), failed.err());
        assertTrue(
            failed.err().contains("error: submission " + f.id() + " failed:\nline 3: something"),
            failed.err());
      } finally {
        app.stop();
      }
    }
  }

  /** Waits for the command's upload to be queued, then claims it and moves it to scoring. */
  static Submission worker(SubmissionQueue queue, CompletableFuture<CommandRun> run)
      throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < until) {
      if (!queue.withStatus(SubmissionStatus.SUBMITTED).isEmpty()) {
        Thread.sleep(300); // the command's first look, most likely, sees it queued
        Submission claimed = queue.claim("w", Duration.ofMinutes(5)).orElseThrow();
        queue.scoring(claimed.id(), "w");
        return claimed;
      }
      if (run.isDone()) {
        throw new AssertionError("the command ended first: " + run.get().err());
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no submission came");
  }

  /** {@code perbench submit --wait} of the oracle's file, run in the background. */
  private CompletableFuture<CommandRun> submitAndWait(String url, String token) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return CommandRun.of(
                "submit",
                "--server",
                url,
                "--token",
                token,
                "--bench",
                "perbench-mini",
                "--predictions",
                ORACLE.toString(),
                "--card",
                card().toString(),
                "--wait");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
