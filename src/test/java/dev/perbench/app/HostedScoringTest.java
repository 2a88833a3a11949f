package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.app.cli.ScoreCommand;
import dev.perbench.data.catalog.DataRoots;
import dev.perbench.web.BenchmarkData;
import dev.perbench.web.WebDatabase;
import dev.perbench.web.accounts.Accounts;
import dev.perbench.web.accounts.Role;
import dev.perbench.web.accounts.User;
import dev.perbench.web.submit.NewSubmission;
import dev.perbench.web.submit.ScoringWorkers;
import dev.perbench.web.submit.Submission;
import dev.perbench.web.submit.SubmissionLimits;
import dev.perbench.web.submit.SubmissionQueue;
import dev.perbench.web.submit.SubmissionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The scoring workers of hosted submissions and the command line agree: a submission's metrics are
 * what {@code perbench score} writes for the same file, and a rejected file's error is what {@code
 * perbench validate} prints for it.
 */
class HostedScoringTest {
  static final Path PREDICTIONS =
      Path.of("submissions/pixel-mini-reproduced/results/perbench-mini/predictions.jsonl");
  static final String CARD =
      "{\"name\": \"Ada's segmenter\", \"organisation\": null, \"size\": null, \"link\": null,"
          + " \"kind\": \"submitted\", \"source\": \"uploaded by ada\", \"date\": \"2026-01-15\"}";
  static final SubmissionLimits LIMITS =
      new SubmissionLimits(1 << 30, 1L << 32, 50, 1 << 20, 50, 50, 50);

  @TempDir Path dir;
  HikariDataSource db;
  SubmissionQueue queue;
  User ada;
  ScoringWorkers workers;

  @BeforeEach
  void open() {
    db = WebDatabase.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Accounts accounts = new Accounts(db, Clock.systemUTC());
    queue = new SubmissionQueue(db, Clock.systemUTC(), accounts.audit());
    ada = accounts.create("ada@example.org", Role.PARTICIPANT, "correct horse battery", "t");
    BenchmarkData data = new BenchmarkData(DataRoots.resolve(null, System.getenv()));
    workers =
        new ScoringWorkers(
            db,
            queue,
            data::split,
            () -> {},
            ScoringWorkers.Settings.of(1, Duration.ofMinutes(1)).withName("test"));
  }

  @AfterEach
  void close() {
    workers.close();
    db.close();
  }

  /** Queues a copy of {@code file}, uploaded under the name {@code name}. */
  Submission submit(Path file, String name) throws Exception {
    Path stored = Files.createDirectories(dir.resolve("store")).resolve(UUID.randomUUID() + "");
    Files.copy(file, stored);
    return queue.accept(
        ada,
        new NewSubmission(
            "perbench-mini", "standard", CARD, name, stored, "0".repeat(64), Files.size(stored)),
        LIMITS);
  }

  @Test
  void theWorkersDefaultsAreThoseOfPerbenchScore() {
    CommandLine score = new CommandLine(new ScoreCommand());
    assertEquals(
        Integer.toString(ScoringWorkers.CI_RESAMPLES),
        score.getCommandSpec().findOption("--ci-resamples").defaultValue());
    assertEquals(
        Long.toString(ScoringWorkers.CI_SEED),
        score.getCommandSpec().findOption("--seed").defaultValue());
  }

  @Test
  void aSubmissionsMetricsAreWhatPerbenchScoreWrites() throws Exception {
    Submission s = submit(PREDICTIONS, "predictions.jsonl");
    assertTrue(workers.runOnce());
    assertEquals(SubmissionStatus.FINISHED, queue.get(s.id()).orElseThrow().status());
    CommandRun cli =
        CommandRun.of(
            "score",
            "--bench",
            "perbench-mini",
            "--predictions",
            PREDICTIONS.toString(),
            "--out",
            dir.resolve("cli").toString());
    assertEquals(0, cli.exitCode(), cli.err());
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement("SELECT metrics_json FROM results WHERE entry_id = ?")) {
      q.setString(1, "sub-" + s.id());
      try (ResultSet rs = q.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(
            Files.readString(dir.resolve("cli/metrics.json")).strip(), rs.getString(1).strip());
      }
    }
  }

  @Test
  void aRejectedFilesErrorIsWhatPerbenchValidatePrints() throws Exception {
    List<String> good = Files.readAllLines(PREDICTIONS);
    List<List<String>> bad = new ArrayList<>();
    List<String> brokenLine = new ArrayList<>(good.subList(0, 4));
    brokenLine.set(1, "{\"sample_id\": \"caption:3:0\", \"text\": 7}");
    brokenLine.add("not json at all");
    bad.add(brokenLine);
    bad.add(List.of(good.get(0), "{\"sample_id\": \"res:999:9\", \"no_target\": true}"));
    bad.add(
        List.of(
            "{\"sample_id\": \"1234567\", \"no_target\": true}",
            "{\"sample_id\": \"7654321\", \"no_target\": true}"));
    bad.add(List.of(good.get(0), good.get(0)));
    for (List<String> lines : bad) {
      // the owner's own copy, by the name they uploaded it under
      Path theirs = dir.resolve("mine-" + UUID.randomUUID() + ".jsonl");
      Files.write(theirs, lines);
      Submission s = submit(theirs, theirs.toString());
      assertTrue(workers.runOnce());
      Submission failed = queue.get(s.id()).orElseThrow();
      assertEquals(SubmissionStatus.FAILED, failed.status());
      CommandRun cli =
          CommandRun.of("validate", "--bench", "perbench-mini", "--predictions", theirs.toString());
      assertEquals(2, cli.exitCode());
      assertEquals(cli.err().strip(), "error: " + failed.error());
    }
  }

  @Test
  void benchQueueTimesTheWorkers() {
    CommandRun bench =
        CommandRun.of("bench", "queue", "--submissions", "2", "--warmup", "1", "--workers", "1,2");
    assertEquals(0, bench.exitCode(), bench.err());
    assertTrue(bench.out().contains("1 worker :"), bench.out());
    assertTrue(bench.out().contains("2 workers:"), bench.out());
    assertTrue(bench.out().contains("submissions/minute"), bench.out());
  }
}
