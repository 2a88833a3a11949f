package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.harness.run.MetricsFiles;
import dev.perbench.harness.run.Versions;
import dev.perbench.web.accounts.Accounts;
import dev.perbench.web.accounts.AuditLog;
import dev.perbench.web.accounts.MutableClock;
import dev.perbench.web.accounts.Role;
import dev.perbench.web.accounts.User;
import dev.perbench.web.submit.NewSubmission;
import dev.perbench.web.submit.ScoringWorkers;
import dev.perbench.web.submit.Submission;
import dev.perbench.web.submit.SubmissionLimits;
import dev.perbench.web.submit.SubmissionQueue;
import dev.perbench.web.submit.SubmissionStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scoring workers: a valid submission is scored exactly as {@code perbench score} scores the
 * same file and stored as an entry private to its owner; every kind of bad submission fails with an
 * error its owner can act on, and none is left in the queue. Every test runs on both databases, H2
 * and PostgreSQL ({@link TestDatabase}), each on a new one.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ScoringWorkersTest {
  @Parameter TestDatabase database;

  static final String MINI = "perbench-mini";
  static final Path REFERENCE = TestData.SUBMISSIONS.resolve("pixel-mini-reproduced");
  static final Path PREDICTIONS = REFERENCE.resolve("results/perbench-mini/predictions.jsonl");
  static final String CARD =
      "{\"name\": \"Ada's segmenter\", \"organisation\": \"Example Lab\", \"size\": \"3B\","
          + " \"link\": null, \"kind\": \"submitted\", \"source\": \"uploaded by ada\","
          + " \"date\": \"2026-01-15\"}";
  static final SubmissionLimits MANY =
      new SubmissionLimits(1 << 30, 1L << 32, 50, 1 << 20, 50, 50, 50);

  @TempDir Path dir;
  HikariDataSource db;
  MutableClock clock = new MutableClock(Instant.now());
  AuditLog audit;
  SubmissionQueue queue;
  User ada;
  Site site;
  AtomicInteger stored = new AtomicInteger();
  ScoringWorkers workers;

  @BeforeEach
  void open() {
    db = database.open();
    Accounts accounts = new Accounts(db, clock);
    audit = accounts.audit();
    queue = new SubmissionQueue(db, clock, audit);
    ada = accounts.create("ada@example.org", Role.PARTICIPANT, "correct horse battery", "t");
    site = Site.of(db, TestData.DATA);
    workers =
        new ScoringWorkers(
            db,
            queue,
            TestData.DATA::split,
            () -> {
              stored.incrementAndGet();
              site.boards().invalidate();
            },
            ScoringWorkers.Settings.of(1, Duration.ofMinutes(1)).withName("test-worker"));
  }

  @AfterEach
  void close() {
    workers.close();
    db.close();
  }

  /** Stores {@code lines} as an upload would and queues it. */
  static Submission submit(
      SubmissionQueue queue, User user, Path dir, String benchmark, String card, List<String> lines)
      throws IOException {
    Path stored = dir.resolve(UUID.randomUUID() + ".jsonl");
    Files.write(stored, lines);
    return queue.accept(
        user,
        new NewSubmission(
            benchmark, "standard", card, "p.jsonl", stored, "0".repeat(64), Files.size(stored)),
        MANY);
  }

  Submission submit(String benchmark, List<String> lines) throws IOException {
    clock.advance(Duration.ofSeconds(1));
    return submit(queue, ada, dir, benchmark, CARD, lines);
  }

  Submission finished(Submission s) {
    Submission now = queue.get(s.id()).orElseThrow();
    assertFalse(now.status().active(), "left in the queue: " + now);
    return now;
  }

  @Test
  void aSubmissionIsScoredAsPerbenchScoreDoesAndStoredPrivately() throws Exception {
    Submission s = submit(MINI, Files.readAllLines(PREDICTIONS));
    assertTrue(workers.runOnce());
    assertFalse(workers.runOnce(), "the queue is empty");
    Submission done = finished(s);
    assertEquals(SubmissionStatus.FINISHED, done.status(), done.error());
    assertNull(done.error());
    assertEquals(1, done.attempts());
    String entry = "sub-" + s.id();
    assertEquals(entry, done.entryId());
    assertFalse(done.validatingAt().isBefore(done.submittedAt()));
    assertFalse(done.scoringAt().isBefore(done.validatingAt()));
    assertFalse(done.finishedAt().isBefore(done.scoringAt()));
    assertNull(done.failedAt());
    assertTrue(done.log().contains("validated p.jsonl against perbench-mini"), done.log());
    assertTrue(done.log().contains("1,186 predictions"), done.log());
    assertTrue(done.log().contains("scored 1,186 samples"), done.log());
    assertEquals(1, stored.get(), "the leaderboards were told");

    // the entry: the owner's, private, of kind submitted, with the running harness's version
    assertEquals(
        List.of(
            List.of(
                Long.toString(ada.id()),
                "submitted",
                "published",
                "private",
                "Ada's segmenter",
                Versions.harness())),
        rows(
            "SELECT e.owner, e.kind, e.status, e.visibility, e.name, r.harness_version"
                + " FROM entries e JOIN results r ON r.entry_id = e.id WHERE e.id = ?",
            entry));
    // the same numbers as the committed run of the same predictions (same code, same profile)
    assertEquals(
        MetricsFiles.jsonText(
            MetricsFiles.read(REFERENCE.resolve("results/perbench-mini/metrics.json"))),
        rows("SELECT metrics_json FROM results WHERE entry_id = ?", entry).get(0).get(0));
    Path one = dir.resolve("one");
    Files.createDirectories(one);
    copy(REFERENCE, one.resolve("pixel-mini-reproduced"));
    SubmissionsImport.run(one, db, TestData.DATA);
    String values =
        "SELECT task, metric, position, metric_value, lower_bound, upper_bound FROM result_values"
            + " WHERE entry_id = ? ORDER BY position";
    assertEquals(rows(values, "pixel-mini-reproduced"), rows(values, entry));
    String samples =
        "SELECT seq, sample_id, task, status, score, targets, iou_sum, chosen, prediction_json"
            + " FROM sample_results WHERE entry_id = ? ORDER BY seq";
    List<List<String>> perSample = rows(samples, entry);
    assertEquals(1186, perSample.size());
    assertEquals(rows(samples, "pixel-mini-reproduced"), perSample);

    // private: not on the public leaderboard, nor anywhere public
    assertTrue(
        site.boards().rows(MINI).stream()
            .anyMatch(r -> r.entryId().equals("pixel-mini-reproduced")));
    assertFalse(site.boards().rows(MINI).stream().anyMatch(r -> r.entryId().equals(entry)));
    assertTrue(site.boards().entry(entry).isEmpty());
    assertEquals(1, events("submission.finished", s.id()));
  }

  @Test
  void badSubmissionsFailWithWhatTheOwnerCanActOnAndNoneIsLeftQueued() throws Exception {
    List<String> good = Files.readAllLines(PREDICTIONS);
    List<String> badLine = new ArrayList<>(good.subList(0, 5));
    badLine.set(2, "{\"sample_id\": \"caption:3:1\", \"text\": ");
    Submission broken = submit(MINI, badLine);
    Submission unknown =
        submit(MINI, List.of(good.get(0), "{\"sample_id\": \"mcq:no-such:9\", \"text\": \"A\"}"));
    // a RefCOCO prediction file (sentence ids) sent as perbench-mini
    Submission otherBenchmark =
        submit(
            MINI,
            List.of(
                "{\"sample_id\": \"1234567\", \"no_target\": true}",
                "{\"sample_id\": \"7654321\", \"no_target\": true}"));
    Submission notInstalled = submit("refcoco:val", good.subList(0, 3));
    clock.advance(Duration.ofSeconds(1));
    Submission badCard =
        submit(queue, ada, dir, MINI, CARD.replace("\"3B\"", "\"three billion\""), good);
    Submission missing = submit(MINI, good.subList(0, 3));
    Files.delete(Path.of(missing.storedFile()));
    while (workers.runOnce()) {
      // every one of them
    }
    for (Submission s : List.of(broken, unknown, otherBenchmark, notInstalled, badCard, missing)) {
      Submission f = finished(s);
      assertEquals(SubmissionStatus.FAILED, f.status(), f.toString());
      assertTrue(f.failedAt() != null && f.log() != null, f.toString());
      assertFalse(f.error().contains(dir.toString()), "the server's path is not shown: " + f);
      assertEquals(1, events("submission.failed", s.id()));
    }
    assertTrue(
        finished(broken)
            .error()
            .startsWith("p.jsonl: 1 problem, the file is rejected:\n  line 3: "),
        finished(broken).error());
    assertEquals(
        "p.jsonl: 1 problem, the file is rejected:\n  line 2: unknown sample_id \"mcq:no-such:9\""
            + " (not in this benchmark)",
        finished(unknown).error());
    assertEquals(
        "p.jsonl: 2 problems, the file is rejected:\n  line 1: unknown sample_id \"1234567\""
            + " (not in this benchmark)\n  line 2: unknown sample_id \"7654321\" (not in this"
            + " benchmark)",
        finished(otherBenchmark).error());
    assertEquals(
        "benchmark refcoco:val: its data is not installed on this server, so it cannot be scored"
            + " here; please tell the site's administrators",
        finished(notInstalled).error());
    assertTrue(finished(badCard).error().startsWith("model card: "), finished(badCard).error());
    assertTrue(finished(badCard).error().contains("three billion"), finished(badCard).error());
    assertTrue(
        finished(missing).error().matches("internal error \\(request id [0-9a-f]{12}\\)"),
        finished(missing).error());
    assertEquals(0, stored.get());
    assertEquals(List.of(), rows("SELECT id FROM entries WHERE id LIKE 'sub-%'"));
  }

  @Test
  void aSubmissionThatKeepsStoppingTheServerIsGivenUpAfterThreeAttempts() throws Exception {
    Submission s = submit(MINI, Files.readAllLines(PREDICTIONS).subList(0, 3));
    for (int i = 0; i < 3; i++) {
      assertEquals(s.id(), queue.claim("dying-" + i, Duration.ofMinutes(1)).orElseThrow().id());
      clock.advance(Duration.ofMinutes(2));
    }
    assertTrue(workers.runOnce());
    Submission f = finished(s);
    assertEquals(SubmissionStatus.FAILED, f.status());
    assertEquals(4, f.attempts());
    assertTrue(f.error().contains("3 times, so it is not tried again"), f.error());
  }

  @Test
  void startedWorkersScoreWhatIsQueuedAndStopOnClose() throws Exception {
    List<String> lines = Files.readAllLines(PREDICTIONS);
    List<Submission> all = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      all.add(submit(MINI, lines));
    }
    ScoringWorkers pool =
        new ScoringWorkers(
                db,
                queue,
                TestData.DATA::split,
                () -> {},
                ScoringWorkers.Settings.of(2, Duration.ofSeconds(5))
                    .withName("pool")
                    .withIdlePoll(Duration.ofMillis(20)))
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (all.stream().anyMatch(s -> queue.get(s.id()).orElseThrow().status().active())
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    long closing = System.nanoTime();
    pool.close();
    assertTrue(
        System.nanoTime() - closing < Duration.ofSeconds(2).toNanos(), "idle: stops at once");
    for (Submission s : all) {
      assertEquals(SubmissionStatus.FINISHED, finished(s).status(), finished(s).error());
    }
  }

  int events(String action, String subject) {
    return (int)
        audit.recent(10_000).stream()
            .filter(e -> e.action().equals(action) && e.subject().equals(subject))
            .count();
  }

  List<List<String>> rows(String sql, Object... args) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement q = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        q.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = q.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            row.add(rs.getString(i));
          }
          out.add(row);
        }
      }
    }
    return out;
  }

  static void copy(Path from, Path to) throws IOException {
    Map<Path, Path> files = new TreeMap<>();
    try (var walk = Files.walk(from)) {
      walk.forEach(p -> files.put(p, to.resolve(from.relativize(p).toString())));
    }
    for (Map.Entry<Path, Path> f : files.entrySet()) {
      if (Files.isDirectory(f.getKey())) {
        Files.createDirectories(f.getValue());
      } else {
        Files.copy(f.getKey(), f.getValue());
      }
    }
  }
}
