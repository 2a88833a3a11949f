package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.harness.run.Versions;
import dev.perbench.web.accounts.Accounts;
import dev.perbench.web.accounts.AuditLog;
import dev.perbench.web.accounts.MutableClock;
import dev.perbench.web.accounts.Role;
import dev.perbench.web.accounts.User;
import dev.perbench.web.submit.Rescores;
import dev.perbench.web.submit.ScoringWorkers;
import dev.perbench.web.submit.Submission;
import dev.perbench.web.submit.SubmissionQueue;
import dev.perbench.web.submit.SubmissionStatus;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An admin re-scores a benchmark's hosted entries (after a change of metric code): each entry's
 * result is scored again from its stored file and replaces the old one, which is kept and shown; a
 * file that no longer validates leaves its result as it was and says why; imported entries and
 * submissions finished later are left alone; a re-score cut short goes on in a new pool and stores
 * each result once. On H2 and on PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class RescoreTest {
  static final String MINI = "perbench-mini";
  static final ObjectMapper JSON = new ObjectMapper();

  /** What the "old metric code" is pretended to have been. */
  static final String OLD_VERSION = "0.0.9-old-metrics";

  @Parameter TestDatabase database;
  @TempDir Path dir;
  HikariDataSource db;
  MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  SubmissionQueue queue;
  Rescores rescores;
  AuditLog audit;
  User ada;
  String adaToken;
  String rootToken;
  Site site;
  Javalin app;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void open() {
    db = database.open();
    SubmissionsImport.run(TestData.SUBMISSIONS, db, TestData.DATA);
    site = Site.of(db, TestData.DATA, Hosting.readOnly(), clock);
    Accounts accounts = site.auth().accounts();
    audit = accounts.audit();
    queue = site.queue();
    rescores = site.rescores();
    ada = accounts.create("ada@example.org", Role.PARTICIPANT, null, "t");
    adaToken = accounts.createToken(ada, "all", null, "t");
    rootToken =
        accounts.createToken(
            accounts.create("root@example.org", Role.ADMIN, null, "t"), "all", null, "t");
    app = WebApp.create(site).start("127.0.0.1", 0);
  }

  @AfterEach
  void close() {
    app.stop();
    db.close();
  }

  ScoringWorkers pool(String name) {
    return new ScoringWorkers(
        db,
        queue,
        TestData.DATA::split,
        site.boards()::invalidate,
        ScoringWorkers.Settings.of(1, Duration.ofMinutes(1)).withName(name));
  }

  Submission submit(List<String> lines) throws Exception {
    clock.advance(Duration.ofSeconds(1));
    return ScoringWorkersTest.submit(queue, ada, dir, MINI, ScoringWorkersTest.CARD, lines);
  }

  /** Runs the pool until it has nothing to do; returns how many things it did. */
  static int drain(ScoringWorkers pool) {
    int n = 0;
    while (pool.runOnce()) {
      n++;
    }
    return n;
  }

  HttpResponse<String> post(String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(""));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  String get(String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return r.body();
  }

  Object one(String sql, Object... args) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement q = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        q.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = q.executeQuery()) {
        assertTrue(rs.next(), sql);
        Object v = rs.getObject(1);
        assertFalse(rs.next(), "one row: " + sql);
        return v;
      }
    }
  }

  long count(String sql, Object... args) throws SQLException {
    return ((Number) one(sql, args)).longValue();
  }

  void execute(String sql, Object... args) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement q = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        q.setObject(i + 1, args[i]);
      }
      q.executeUpdate();
    }
  }

  List<String> actions() {
    return audit.recent(1000).stream()
        .filter(e -> e.action().startsWith("rescore."))
        .map(e -> e.action() + " " + e.subject() + " by " + e.actor())
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  void aRescoreReplacesEachHostedResultAndKeepsTheOldOne() throws Exception {
    Submission a = submit(Files.readAllLines(ScoringWorkersTest.PREDICTIONS));
    Submission b = submit(Files.readAllLines(ScoringWorkersTest.PREDICTIONS).subList(0, 50));
    ScoringWorkers pool = pool("first");
    assertEquals(2, drain(pool));
    String entryA = "sub-" + a.id();
    String entryB = "sub-" + b.id();
    site.moderation().publish(ada, entryA);
    double value = (Double) one("SELECT main_value FROM results WHERE entry_id = ?", entryA);
    String metricsB = (String) one("SELECT metrics_json FROM results WHERE entry_id = ?", entryB);
    // what the old metric code is pretended to have stored for A, and B's file no longer valid
    execute(
        "UPDATE results SET harness_version = ?, main_value = ? WHERE entry_id = ?",
        OLD_VERSION,
        value - 10,
        entryA);
    Files.writeString(Path.of(b.storedFile()), "not json\n");

    clock.advance(Duration.ofSeconds(1));
    HttpResponse<String> asked = post("/admin/benchmarks/" + MINI + "/rescore", rootToken);
    assertEquals(302, asked.statusCode(), asked.body());
    Submission c = submit(Files.readAllLines(ScoringWorkersTest.PREDICTIONS).subList(0, 20));
    assertTrue(pool.runOnce());
    assertEquals(
        SubmissionStatus.FINISHED,
        queue.get(c.id()).orElseThrow().status(),
        "a queued submission goes before the re-score");
    assertEquals(2, drain(pool), "A and B re-scored; C finished after the re-score was asked");
    pool.close();

    // A: the new result replaces the old, which is kept
    assertEquals(
        Versions.harness(), one("SELECT harness_version FROM results WHERE entry_id = ?", entryA));
    assertEquals(value, one("SELECT main_value FROM results WHERE entry_id = ?", entryA));
    long rescore = count("SELECT id FROM rescores");
    assertEquals(rescore, count("SELECT rescore_id FROM results WHERE entry_id = ?", entryA));
    assertEquals(
        OLD_VERSION, one("SELECT harness_version FROM earlier_results WHERE entry_id = ?", entryA));
    assertEquals(
        value - 10, one("SELECT main_value FROM earlier_results WHERE entry_id = ?", entryA));
    assertEquals(1186, count("SELECT COUNT(*) FROM sample_results WHERE entry_id = ?", entryA));
    assertEquals(
        count("SELECT COUNT(*) FROM result_values WHERE entry_id = 'pixel-mini-reproduced'"),
        count("SELECT COUNT(*) FROM result_values WHERE entry_id = ?", entryA));
    assertEquals(
        "public", one("SELECT visibility FROM entries WHERE id = ?", entryA), "still published");

    // B: its file fails validation now; its result is left as it was, and the outcome says why
    assertEquals(metricsB, one("SELECT metrics_json FROM results WHERE entry_id = ?", entryB));
    assertNull(one("SELECT rescore_id FROM results WHERE entry_id = ?", entryB));
    assertEquals(0, count("SELECT COUNT(*) FROM earlier_results WHERE entry_id = ?", entryB));
    assertEquals(
        "failed", one("SELECT outcome FROM rescore_outcomes WHERE submission_id = ?", b.id()));
    String why =
        (String) one("SELECT detail FROM rescore_outcomes WHERE submission_id = ?", b.id());
    assertTrue(
        why.startsWith("p.jsonl: 1 problem, the file is rejected:\n  line 1: not valid JSON"), why);
    assertFalse(why.contains(dir.toString()), "the server's path is not shown: " + why);

    // C, finished after the re-score was asked, and the imported entries: left alone
    assertEquals(0, count("SELECT COUNT(*) FROM rescore_outcomes WHERE submission_id = ?", c.id()));
    assertEquals(2, count("SELECT COUNT(*) FROM rescore_outcomes"));
    assertEquals(1, count("SELECT COUNT(*) FROM earlier_results"));

    Rescores.Rescore r = rescores.recent(5).get(0);
    assertEquals(
        List.of(MINI, 1, 1, 0), List.of(r.benchmark(), r.rescored(), r.failed(), r.left()));
    assertEquals("root@example.org", r.requestedBy());
    assertNotNull(r.finishedAt());
    assertEquals(
        List.of(
            "rescore.failed " + b.id() + " by system",
            "rescore.finished " + MINI + " by system",
            "rescore.requested " + MINI + " by root@example.org",
            "rescore.rescored " + a.id() + " by system"),
        actions());

    // what people see: the entry's page and API show the old result beside the new one
    JsonNode result = JSON.readTree(get("/api/v1/entries/" + entryA, null)).get("results").get(0);
    assertEquals(Versions.harness(), result.get("harnessVersion").asText());
    assertEquals(1, result.get("earlierResults").size());
    JsonNode earlier = result.get("earlierResults").get(0);
    assertEquals(OLD_VERSION, earlier.get("harnessVersion").asText());
    assertEquals(value - 10, earlier.get("mainValue").asDouble());
    String page = get("/entries/" + entryA, null);
    assertTrue(page.contains("Earlier results"), page);
    assertTrue(page.contains(OLD_VERSION), page);
    String admin = get("/admin", rootToken);
    assertTrue(admin.contains("Re-scores (newest first)"), admin);
    assertTrue(admin.contains("/admin/benchmarks/" + MINI + "/rescore"), admin);
  }

  @Test
  void onlyAnAdminAsksAndOneReScoreOfABenchmarkAtATime() throws Exception {
    assertEquals(403, post("/admin/benchmarks/" + MINI + "/rescore", adaToken).statusCode());
    assertEquals(403, post("/admin/benchmarks/" + MINI + "/rescore", null).statusCode(), "CSRF");
    assertEquals(404, post("/admin/benchmarks/no-such-bench/rescore", rootToken).statusCode());
    assertEquals(0, count("SELECT COUNT(*) FROM rescores"));

    submit(Files.readAllLines(ScoringWorkersTest.PREDICTIONS).subList(0, 20));
    ScoringWorkers pool = pool("first");
    assertEquals(1, drain(pool));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(302, post("/admin/benchmarks/" + MINI + "/rescore", rootToken).statusCode());
    HttpResponse<String> again = post("/admin/benchmarks/" + MINI + "/rescore", rootToken);
    assertEquals(400, again.statusCode());
    assertTrue(again.body().contains("is still under way (1 entries left)"), again.body());
    assertEquals(1, drain(pool));
    assertFalse(pool.runOnce(), "finished");
    pool.close();
    assertNotNull(rescores.recent(1).get(0).finishedAt());
    assertEquals(302, post("/admin/benchmarks/" + MINI + "/rescore", rootToken).statusCode());
    assertEquals(2, count("SELECT COUNT(*) FROM rescores"));
  }

  @Test
  void adminsAskingAtTheSameMomentStartOneReScore() throws Exception {
    User root = site.auth().accounts().find("root@example.org").orElseThrow();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<String>> asks = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      asks.add(
          pool.submit(
              () -> {
                go.await();
                try {
                  rescores.request(root, MINI);
                  return "started";
                } catch (dev.perbench.errors.InputException e) {
                  return e.getMessage().contains("is still under way") ? "refused" : e.getMessage();
                }
              }));
    }
    go.countDown();
    List<String> outcomes = new java.util.ArrayList<>();
    for (java.util.concurrent.Future<String> f : asks) {
      outcomes.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertEquals(1, outcomes.stream().filter("started"::equals).count(), outcomes.toString());
    assertEquals(7, outcomes.stream().filter("refused"::equals).count(), outcomes.toString());
    assertEquals(1, count("SELECT COUNT(*) FROM rescores"));
  }

  @Test
  void aReScoreCutShortGoesOnInANewPoolAndStoresEachResultOnce() throws Exception {
    Submission a = submit(Files.readAllLines(ScoringWorkersTest.PREDICTIONS).subList(0, 30));
    Submission b = submit(Files.readAllLines(ScoringWorkersTest.PREDICTIONS).subList(0, 40));
    ScoringWorkers first = pool("first");
    assertEquals(2, drain(first));
    clock.advance(Duration.ofSeconds(1));
    User root = site.auth().accounts().find("root@example.org").orElseThrow();
    long id = rescores.request(root, MINI);
    assertTrue(first.runOnce(), "one re-scored, then the server stops");
    first.close();
    assertEquals(1, count("SELECT COUNT(*) FROM rescore_outcomes"));

    ScoringWorkers second = pool("second");
    assertEquals(1, drain(second));
    second.close();
    for (Submission s : List.of(a, b)) {
      assertEquals(
          "rescored", one("SELECT outcome FROM rescore_outcomes WHERE submission_id = ?", s.id()));
      assertEquals(
          1, count("SELECT COUNT(*) FROM earlier_results WHERE entry_id = ?", "sub-" + s.id()));
    }
    // a worker that re-scored one of them too, late, cannot record it a second time
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      assertFalse(rescores.record(c, id, a.id(), Rescores.RESCORED, "late"));
      c.rollback();
    }
    assertEquals(2, count("SELECT COUNT(*) FROM rescore_outcomes"));
  }
}
