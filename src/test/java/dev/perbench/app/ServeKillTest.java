package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.web.WebDatabase;
import dev.perbench.web.accounts.Accounts;
import dev.perbench.web.accounts.AuditLog;
import dev.perbench.web.accounts.Role;
import dev.perbench.web.accounts.User;
import dev.perbench.web.submit.NewSubmission;
import dev.perbench.web.submit.Submission;
import dev.perbench.web.submit.SubmissionQueue;
import dev.perbench.web.submit.SubmissionStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perbench serve --workers 1} killed with SIGKILL while one submission is being scored and
 * others are queued: after a restart every accepted submission is finished, each exactly once.
 *
 * <p>The database is an H2 file, as {@code serve} uses by default: the server process is then the
 * database too, so the kill also tests that what H2 had committed is on disk. (Against PostgreSQL
 * the database would outlive the kill; ScoringWorkersPostgresTest covers PostgreSQL with two worker
 * pools.) {@code AUTO_SERVER=TRUE} lets this test read the database while the server holds it open.
 */
class ServeKillTest {
  private static final int SUBMISSIONS = 4;

  @TempDir Path dir;

  @Test
  @Timeout(180)
  void everyAcceptedSubmissionIsScoredOnceAcrossAKill() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    Path folder = Files.createDirectories(dir.resolve("submissions"));
    Path store = Files.createDirectories(dir.resolve("store"));
    List<String> ids = new ArrayList<>();
    try (HikariDataSource db = WebDatabase.open(url)) {
      Accounts accounts = new Accounts(db, Clock.systemUTC());
      SubmissionQueue queue = new SubmissionQueue(db, Clock.systemUTC(), accounts.audit());
      User ada = accounts.create("ada@example.org", Role.PARTICIPANT, "correct horse battery", "t");
      for (int i = 0; i < SUBMISSIONS; i++) {
        Path stored = store.resolve(i + ".jsonl");
        Files.copy(HostedScoringTest.PREDICTIONS, stored);
        ids.add(
            queue
                .accept(
                    ada,
                    new NewSubmission(
                        "perbench-mini",
                        "standard",
                        HostedScoringTest.CARD,
                        "predictions.jsonl",
                        stored,
                        "0".repeat(64),
                        Files.size(stored)),
                    HostedScoringTest.LIMITS)
                .id());
      }
    }

    Process first = serve(url, folder, "first");
    String killed;
    try (Connection c = DriverManager.getConnection(url)) {
      Map<String, String> at = awaitStatuses(c, m -> m.containsValue("scoring"), first);
      killed =
          at.entrySet().stream()
              .filter(e -> e.getValue().equals("scoring"))
              .findFirst()
              .get()
              .getKey();
      assertTrue(at.containsValue("submitted"), "others are still queued: " + at);
    }
    first.destroyForcibly();
    assertTrue(first.waitFor(30, TimeUnit.SECONDS));
    assertEquals(128 + 9, first.exitValue(), "killed by SIGKILL");

    Process second = serve(url, folder, "second");
    try (Connection c = DriverManager.getConnection(url)) {
      awaitStatuses(c, m -> m.values().stream().allMatch(s -> s.equals("finished")), second);
    } finally {
      second.destroy();
      assertTrue(second.waitFor(30, TimeUnit.SECONDS), "serve stops on SIGTERM");
    }

    try (HikariDataSource db = WebDatabase.open(url)) {
      SubmissionQueue queue =
          new SubmissionQueue(db, Clock.systemUTC(), new AuditLog(db, Clock.systemUTC()));
      List<AuditLog.Event> events = new AuditLog(db, Clock.systemUTC()).recent(1000);
      for (String id : ids) {
        Submission s = queue.get(id).orElseThrow();
        assertEquals(SubmissionStatus.FINISHED, s.status(), s.toString());
        assertEquals("sub-" + id, s.entryId());
        assertEquals(
            1,
            events.stream()
                .filter(e -> e.action().equals("submission.finished") && e.subject().equals(id))
                .count(),
            id);
        assertEquals(1, count(db, "SELECT COUNT(*) FROM entries WHERE id = ?", "sub-" + id));
        assertEquals(
            1186, count(db, "SELECT COUNT(*) FROM sample_results WHERE entry_id = ?", "sub-" + id));
        if (id.equals(killed)) {
          assertTrue(s.attempts() >= 2, s.toString());
          assertTrue(s.log().contains("the attempt above was interrupted"), s.log());
        }
      }
      assertEquals(SUBMISSIONS, count(db, "SELECT COUNT(*) FROM entries WHERE id LIKE ?", "sub-%"));
      assertFalse(events.stream().anyMatch(e -> e.action().equals("submission.failed")));
    }
  }

  /** Starts {@code serve} with one worker and a 2 s lease; returns once it serves. */
  private Process serve(String url, Path folder, String name) throws Exception {
    Path log = dir.resolve(name + ".log");
    Process p =
        PerbenchProcess.builder(
                "serve",
                "--port",
                "0",
                "--db",
                url,
                "--submissions",
                folder.toString(),
                "--workers",
                "1",
                "--lease",
                "2")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(log).contains("the leaderboard is at")) {
      assertTrue(p.isAlive() && System.nanoTime() < deadline, () -> read(log));
      Thread.sleep(20);
    }
    return p;
  }

  /** Polls the submissions' statuses until {@code done} holds for them. */
  private Map<String, String> awaitStatuses(
      Connection c, Predicate<Map<String, String>> done, Process server) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (true) {
      Map<String, String> statuses = new TreeMap<>();
      try (PreparedStatement q = c.prepareStatement("SELECT id, status FROM submissions");
          ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          statuses.put(rs.getString(1), rs.getString(2));
        }
      }
      if (done.test(statuses)) {
        return statuses;
      }
      assertTrue(
          server.isAlive() && System.nanoTime() < deadline,
          () -> statuses + "\n" + read(dir.resolve("first.log")) + read(dir.resolve("second.log")));
      Thread.sleep(10);
    }
  }

  private static int count(HikariDataSource db, String sql, String arg) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement q = c.prepareStatement(sql)) {
      q.setString(1, arg);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }
}
