package dev.perbench.web.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.web.TestDatabase;
import dev.perbench.web.accounts.Accounts;
import dev.perbench.web.accounts.MutableClock;
import dev.perbench.web.accounts.Role;
import dev.perbench.web.accounts.User;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The queue's rules: limits, order, cancelling, claims, leases and single finishing. Every test
 * runs on both databases, H2 and PostgreSQL ({@link TestDatabase}), each on a new one.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class SubmissionQueueTest {
  @Parameter TestDatabase database;

  static final Duration LEASE = Duration.ofMinutes(5);
  static final SubmissionLimits LIMITS = new SubmissionLimits(1000, 10000, 50, 100, 3, 4, 2);
  HikariDataSource db;
  MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  SubmissionQueue queue;
  User ada;
  User bob;

  @BeforeEach
  void open() {
    db = database.open();
    Accounts accounts = new Accounts(db, clock);
    queue = new SubmissionQueue(db, clock, accounts.audit());
    ada = accounts.create("ada@example.org", Role.PARTICIPANT, "correct horse battery", "t");
    bob = accounts.create("bob@example.org", Role.PARTICIPANT, "correct horse battery", "t");
  }

  @AfterEach
  void close() {
    db.close();
  }

  Submission submit(User u, String bench) {
    clock.advance(Duration.ofSeconds(1));
    return queue.accept(
        u,
        new NewSubmission(
            bench, "standard", "{}", "p.jsonl", Path.of("/tmp/x"), "0".repeat(64), 10),
        LIMITS);
  }

  void finish(Submission s, String worker) throws Exception {
    try (Connection c = db.getConnection()) {
      assertTrue(queue.finish(c, s.id(), worker, null, "log"));
    }
  }

  @Test
  void claimsComeInOrderAndOnlyTheHolderFinishes() throws Exception {
    Submission a = submit(ada, "perbench-mini");
    Submission b = submit(bob, "perbench-mini");
    assertEquals(1, queue.position(a));
    assertEquals(2, queue.position(b));
    Submission first = queue.claim("w1", LEASE).orElseThrow();
    assertEquals(a.id(), first.id());
    assertEquals(SubmissionStatus.VALIDATING, first.status());
    assertEquals(1, first.attempts());
    assertEquals(b.id(), queue.claim("w2", LEASE).orElseThrow().id());
    assertTrue(queue.claim("w3", LEASE).isEmpty());
    assertFalse(queue.scoring(a.id(), "w2"), "not w2's");
    assertTrue(queue.scoring(a.id(), "w1"));
    finish(a, "w1");
    assertEquals(SubmissionStatus.FINISHED, queue.get(a.id()).orElseThrow().status());
    try (Connection c = db.getConnection()) {
      assertFalse(queue.finish(c, a.id(), "w1", null, "again"), "finished once");
    }
  }

  @Test
  void anExpiredLeaseIsClaimedAgainAndTheFirstWorkerCanNoLongerFinish() throws Exception {
    Submission a = submit(ada, "perbench-mini");
    queue.claim("dead", LEASE).orElseThrow();
    clock.advance(LEASE.minusSeconds(1));
    assertTrue(queue.claim("w2", LEASE).isEmpty(), "the lease still holds");
    clock.advance(Duration.ofSeconds(2));
    Submission again = queue.claim("w2", LEASE).orElseThrow();
    assertEquals(a.id(), again.id());
    assertEquals(2, again.attempts());
    try (Connection c = db.getConnection()) {
      assertFalse(queue.finish(c, a.id(), "dead", null, "late"));
    }
    assertFalse(queue.fail(a.id(), "dead", "late", null));
    finish(again, "w2");
  }

  @Test
  void ownersCancelOnlyTheirOwnQueuedSubmissions() {
    Submission a = submit(ada, "perbench-mini");
    assertFalse(queue.cancel(bob, a.id()));
    assertTrue(queue.cancel(ada, a.id()));
    assertEquals(SubmissionStatus.CANCELLED, queue.get(a.id()).orElseThrow().status());
    assertFalse(queue.cancel(ada, a.id()), "already cancelled");
    assertTrue(queue.claim("w", LEASE).isEmpty());
  }

  Submission finishNext() throws Exception {
    Submission s = queue.claim("w", LEASE).orElseThrow();
    finish(s, "w");
    return s;
  }

  @Test
  void limitsCountQueuedDailyAndMonthlySubmissionsButNotFailedOnes() throws Exception {
    // LIMITS: 2 at once, 3 a day and 4 a month per benchmark
    submit(ada, "perbench-mini");
    submit(ada, "perbench-mini");
    LimitExceededException busy =
        assertThrows(LimitExceededException.class, () -> submit(ada, "perbench-mini"));
    assertEquals(429, busy.httpStatus());
    assertTrue(
        busy.getMessage().contains("at most 2 submissions of yours queued"), busy.getMessage());
    Submission failed = queue.claim("w", LEASE).orElseThrow();
    assertTrue(queue.fail(failed.id(), "w", "line 3: bad", null));
    finishNext();
    submit(ada, "perbench-mini");
    finishNext();
    submit(ada, "perbench-mini");
    finishNext(); // 4 today, one failed: 3 count
    LimitExceededException day =
        assertThrows(LimitExceededException.class, () -> submit(ada, "perbench-mini"));
    assertTrue(day.getMessage().contains("3 submissions a day on perbench-mini"), day.getMessage());
    assertTrue(day.getMessage().contains("resets at 2026-11-28T00:00:00Z"), day.getMessage());
    submit(ada, "other"); // another benchmark has its own allowance
    submit(bob, "perbench-mini"); // and another user
    finishNext();
    finishNext();
    clock.advance(Duration.ofDays(1));
    submit(ada, "perbench-mini");
    finishNext(); // 4 this month
    LimitExceededException month =
        assertThrows(LimitExceededException.class, () -> submit(ada, "perbench-mini"));
    assertTrue(month.getMessage().contains("4 submissions a month"), month.getMessage());
    assertTrue(month.getMessage().contains("resets at 2026-12-01T00:00:00Z"), month.getMessage());
  }

  @Test
  void aLongLogIsCutToTheColumnsSizeNotRefused() throws Exception {
    Submission a = submit(ada, "perbench-mini");
    queue.claim("w", LEASE).orElseThrow();
    try (Connection c = db.getConnection()) {
      assertTrue(queue.finish(c, a.id(), "w", null, "x".repeat(200_000)));
    }
    String log = queue.get(a.id()).orElseThrow().log();
    assertEquals(100_000, log.length());
    assertTrue(log.endsWith("…"));
  }

  /**
   * Twice as many claims at once as the pool has connections (8): each submission is claimed once,
   * and no claim waits for a second connection while holding one (which starved the pool).
   */
  @Test
  void parallelClaimsTakeEachSubmissionOnceWithoutStarvingThePool() throws Exception {
    SubmissionLimits many = new SubmissionLimits(1000, 10000, 50, 100, 100, 100, 100);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      ids.add(
          queue
              .accept(
                  i % 2 == 0 ? ada : bob,
                  new NewSubmission(
                      "perbench-mini",
                      "standard",
                      "{}",
                      "p.jsonl",
                      Path.of("/tmp/x"),
                      "0".repeat(64),
                      10),
                  many)
              .id());
    }
    List<String> claimed = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      String worker = "w" + t;
      done.add(
          pool.submit(
              () -> {
                while (true) {
                  Optional<Submission> s = queue.claim(worker, LEASE);
                  if (s.isPresent()) {
                    claimed.add(s.get().id());
                  } else if (queue.withStatus(SubmissionStatus.SUBMITTED).isEmpty()) {
                    break;
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    assertEquals(40, claimed.size(), claimed.toString());
    assertEquals(ids, new HashSet<>(claimed));
    for (String id : ids) {
      assertEquals(1, queue.get(id).orElseThrow().attempts(), id);
    }
  }
}
