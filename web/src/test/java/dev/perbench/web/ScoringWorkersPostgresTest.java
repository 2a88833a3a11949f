package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.web.accounts.Accounts;
import dev.perbench.web.accounts.AuditLog;
import dev.perbench.web.accounts.Role;
import dev.perbench.web.accounts.User;
import dev.perbench.web.submit.ScoringWorkers;
import dev.perbench.web.submit.Submission;
import dev.perbench.web.submit.SubmissionQueue;
import dev.perbench.web.submit.SubmissionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server instances' worker pools (each over its own connection pool, with its own name) on one
 * PostgreSQL database: every queued submission is scored by exactly one of them, once.
 */
class ScoringWorkersPostgresTest {
  @TempDir Path dir;

  @Test
  void twoPoolsOnOneDatabaseScoreEachSubmissionOnce() throws Exception {
    try (RealPostgres server = RealPostgres.start();
        HikariDataSource one = WebDatabase.open(server.jdbcUrl());
        HikariDataSource two = WebDatabase.open(server.jdbcUrl())) {
      Clock clock = Clock.systemUTC();
      Accounts accounts = new Accounts(one, clock);
      SubmissionQueue queue = new SubmissionQueue(one, clock, accounts.audit());
      List<String> lines = Files.readAllLines(ScoringWorkersTest.PREDICTIONS);
      List<Submission> all = new ArrayList<>();
      for (int u = 0; u < 4; u++) {
        User user =
            accounts.create("user" + u + "@example.org", Role.PARTICIPANT, "correct horse", "t");
        for (int i = 0; i < 5; i++) {
          all.add(
              ScoringWorkersTest.submit(
                  queue, user, dir, "perbench-mini", ScoringWorkersTest.CARD, lines));
        }
      }
      List<ScoringWorkers> pools = new ArrayList<>();
      for (HikariDataSource db : List.of(one, two)) {
        String name = db == one ? "instance-a" : "instance-b";
        pools.add(
            new ScoringWorkers(
                    db,
                    new SubmissionQueue(db, clock, new AuditLog(db, clock)),
                    TestData.DATA::split,
                    () -> {},
                    ScoringWorkers.Settings.of(2, Duration.ofSeconds(10))
                        .withName(name)
                        .withIdlePoll(Duration.ofMillis(10)))
                .start());
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (!queue.withStatus(SubmissionStatus.SUBMITTED).isEmpty()
          || !queue.withStatus(SubmissionStatus.VALIDATING).isEmpty()
          || !queue.withStatus(SubmissionStatus.SCORING).isEmpty()) {
        assertTrue(System.nanoTime() < deadline, "not scored within 2 minutes");
        Thread.sleep(50);
      }
      pools.forEach(ScoringWorkers::close);

      Map<String, Long> finished = events(one, "submission.finished");
      Map<String, Long> claimed = events(one, "submission.validating");
      Map<String, Integer> byInstance = new HashMap<>();
      for (Submission s : all) {
        Submission done = queue.get(s.id()).orElseThrow();
        assertEquals(SubmissionStatus.FINISHED, done.status(), done.error());
        assertEquals(1, done.attempts(), s.id());
        assertEquals(1L, finished.get(s.id()), s.id());
        assertEquals(1L, claimed.get(s.id()), s.id());
        byInstance.merge(done.log().contains("instance-a/") ? "a" : "b", 1, Integer::sum);
      }
      assertEquals(0, events(one, "submission.failed").size());
      assertEquals(20, count(one, "SELECT COUNT(*) FROM entries WHERE id LIKE 'sub-%'"));
      assertEquals(20, count(one, "SELECT COUNT(*) FROM results WHERE entry_id LIKE 'sub-%'"));
      assertEquals(
          20 * 1186, count(one, "SELECT COUNT(*) FROM sample_results WHERE entry_id LIKE 'sub-%'"));
      assertEquals(2, byInstance.size(), "both instances scored: " + byInstance);
    }
  }

  private static Map<String, Long> events(HikariDataSource db, String action) {
    return new AuditLog(db, Clock.systemUTC())
        .recent(100_000).stream()
            .filter(e -> e.action().equals(action))
            .collect(Collectors.groupingBy(AuditLog.Event::subject, Collectors.counting()));
  }

  private static int count(HikariDataSource db, String sql) throws Exception {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
