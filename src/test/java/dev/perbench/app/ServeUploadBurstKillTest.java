package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.web.TestDatabase;
import dev.perbench.web.WebDatabase;
import dev.perbench.web.accounts.Accounts;
import dev.perbench.web.accounts.Role;
import dev.perbench.web.accounts.Scope;
import dev.perbench.web.accounts.User;
import dev.perbench.web.client.MultipartBody;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A burst of 200 parallel uploads from 20 users (4 a day each) to a real {@code perbench serve
 * --uploads --workers 1} process, which is killed with SIGKILL in the middle of the burst and
 * started again on the same port, while the clients go on sending what was not acknowledged (as a
 * real client retries). Then: every upload answered 202 is in the database with its file, whose
 * SHA-256 is what was sent; each user has exactly 4 submissions, the limit held across the kill;
 * the restart's sweep removed what the kill left in the uploads folder (the {@code .part} files of
 * uploads in flight, two of them stalled on purpose so that there always are some, and any {@code
 * .jsonl} no row names) and nothing else; and every submission is finished exactly once.
 *
 * <p>On the H2 file database (serve's default: the server process is the database, so the kill also
 * tests what H2 had committed; {@code AUTO_SERVER=TRUE} lets the test read it meanwhile) and on
 * PostgreSQL (a database that outlives the kill).
 */
class ServeUploadBurstKillTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path ORACLE =
      Path.of("submissions/baseline-oracle/results/perbench-mini/predictions.jsonl");
  static final String CARD =
      "{\"name\": \"Burst model\", \"organisation\": null, \"size\": \"1B\", \"link\": null,"
          + " \"source\": \"ServeUploadBurstKillTest\", \"date\": \"2025-06\"}";
  static final int USERS = 20;
  static final int EACH = 10;
  static final int PER_DAY = 4;

  /** Acknowledged uploads after which the server is killed. */
  static final int KILL_AFTER = 60;

  static final Pattern LISTENING =
      Pattern.compile("the leaderboard is at http://127\\.0\\.0\\.1:([0-9]+)/");

  @TempDir Path dir;

  /** What one upload (one of the 200) came to. */
  static final class Job {
    final int user;
    final byte[] file;
    final String sha256;
    volatile String id;
    volatile boolean refused;
    final List<String> errors = new ArrayList<>();

    Job(int user, byte[] file) throws Exception {
      this.user = user;
      this.file = file;
      this.sha256 = sha256(file);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  @Timeout(150)
  void aBurstOfUploadsSurvivesTheServerKilledUnderIt(TestDatabase kind) throws Exception {
    long started = System.nanoTime();
    LocalDate day = LocalDate.now(ZoneOffset.UTC);
    String url =
        kind == TestDatabase.H2
            ? "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";AUTO_SERVER=TRUE"
            : kind.newUrl();
    List<String> tokens = new ArrayList<>();
    String stalledToken;
    try (HikariDataSource db = WebDatabase.open(url)) {
      Accounts accounts = new Accounts(db, Clock.systemUTC());
      for (int u = 0; u < USERS; u++) {
        User user = accounts.create("user" + u + "@example.org", Role.PARTICIPANT, null, "test");
        tokens.add(accounts.createToken(user, "ci", Scope.SUBMIT, "test"));
      }
      User stalled = accounts.create("stalled@example.org", Role.PARTICIPANT, null, "test");
      stalledToken = accounts.createToken(stalled, "ci", Scope.SUBMIT, "test");
    }
    Path uploads = Files.createDirectories(dir.resolve("uploads"));
    Files.writeString(uploads.resolve("notes.txt"), "not an upload: the sweep leaves it alone\n");
    Path folder = Files.createDirectories(dir.resolve("submissions"));

    List<String> oracle;
    try (Stream<String> s = Files.lines(ORACLE)) {
      oracle = s.limit(20).toList();
    }
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < USERS * EACH; i++) {
      // each file different (5 to 14 lines, 0 to 19 blank lines after them), so each is its own
      String text = String.join("\n", oracle.subList(0, 5 + i % 10)) + "\n" + "\n".repeat(i / 10);
      jobs.add(new Job(i % USERS, text.getBytes(StandardCharsets.UTF_8)));
    }

    Process first = serve(url, folder, uploads, 0, "first");
    int port = port(dir.resolve("first.log"));
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    // two uploads that stall halfway through their file: in flight whenever the kill comes
    List<Socket> stalls = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      stalls.add(stall(port, stalledToken, jobs.get(i).file));
    }
    Set<String> stalledParts = awaitParts(uploads, 2, first);

    AtomicInteger acknowledged = new AtomicInteger();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(USERS);
    List<Future<?>> sent = new ArrayList<>();
    for (Job job : jobs) {
      sent.add(
          pool.submit(
              () -> {
                send(http, port, tokens.get(job.user), job, acknowledged, deadline, problems);
                return null;
              }));
    }

    long burst = System.nanoTime();
    while (acknowledged.get() < KILL_AFTER) {
      assertTrue(first.isAlive() && System.nanoTime() < deadline, () -> read("first.log"));
      Thread.sleep(1);
    }
    first.destroyForcibly();
    assertTrue(first.waitFor(30, TimeUnit.SECONDS));
    assertEquals(128 + 9, first.exitValue(), "killed by SIGKILL");
    int ackedBeforeKill = acknowledged.get();
    long killedAt = System.nanoTime();

    // what the kill left behind, the server being down: .part files, and .jsonl files no row names
    Set<String> rowsAtKill = ids(url);
    Set<String> orphans = new TreeSet<>();
    for (String name : names(uploads)) {
      if (name.endsWith(".part")
          || name.endsWith(".jsonl") && !rowsAtKill.contains(name.replace(".jsonl", ""))) {
        orphans.add(name);
      }
    }
    assertTrue(orphans.containsAll(stalledParts), orphans + " " + stalledParts);
    for (Job j : jobs) {
      if (j.id != null) {
        assertTrue(rowsAtKill.contains(j.id), "acknowledged before the kill: " + j.id);
      }
    }

    // the same address again, as the clients expect; they are still sending what failed
    Process second = serve(url, folder, uploads, port, "second");
    try {
      String log = read("second.log");
      assertTrue(
          log.contains("uploads: removed " + orphans.size() + " files never acknowledged from "),
          log);
      for (String o : orphans) {
        assertTrue(log.contains(o), o + " in the sweep's report:\n" + log);
      }
      assertTrue(log.contains("uploads: left alone 1 file in " + uploads), log);
      for (Future<?> f : sent) {
        f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
      pool.shutdown();
      for (Socket s : stalls) {
        s.close();
      }
      long acceptedAt = System.nanoTime();
      awaitDone(url, second, deadline);
      long finishedAt = System.nanoTime();

      assertEquals(List.of(), problems);
      Map<String, Job> byId = new TreeMap<>();
      for (Job j : jobs) {
        assertTrue(j.id != null || j.refused, "every upload got its answer in the end");
        if (j.id != null) {
          byId.put(j.id, j);
        }
      }
      Set<String> rows = new TreeSet<>();
      Map<String, Integer> perUser = new TreeMap<>();
      Set<String> stored = new TreeSet<>();
      try (Connection c = DriverManager.getConnection(url);
          ResultSet rs =
              c.createStatement()
                  .executeQuery(
                      "SELECT s.id, u.email, s.file_sha256, s.stored_file, s.status, s.entry_id"
                          + " FROM submissions s JOIN users u ON u.id = s.user_id")) {
        while (rs.next()) {
          String id = rs.getString(1);
          rows.add(id);
          perUser.merge(rs.getString(2), 1, Integer::sum);
          Path file = Path.of(rs.getString(4));
          assertEquals(uploads.resolve(id + ".jsonl"), file);
          stored.add(file.getFileName().toString());
          assertEquals(rs.getString(3), sha256(Files.readAllBytes(file)), "the stored " + file);
          assertEquals("finished", rs.getString(5), id);
          assertEquals("sub-" + id, rs.getString(6));
          Job j = byId.get(id);
          if (j != null) {
            assertEquals(j.sha256, rs.getString(3), "what was sent, acknowledged as " + id);
            assertEquals("user" + j.user + "@example.org", rs.getString(2));
          }
        }
        // each finished once: one audit event each, one entry each
        try (PreparedStatement q =
                c.prepareStatement(
                    "SELECT subject, COUNT(*) FROM audit_log WHERE action = ? GROUP BY subject");
            PreparedStatement entries =
                c.prepareStatement("SELECT COUNT(*) FROM entries WHERE id LIKE 'sub-%'")) {
          q.setString(1, "submission.finished");
          Map<String, Integer> finished = new TreeMap<>();
          try (ResultSet f = q.executeQuery()) {
            while (f.next()) {
              finished.put(f.getString(1), f.getInt(2));
            }
          }
          assertEquals(rows, finished.keySet());
          assertEquals(Set.of(1), Set.copyOf(finished.values()), finished.toString());
          try (ResultSet e = entries.executeQuery()) {
            e.next();
            assertEquals(rows.size(), e.getInt(1));
          }
          q.setString(1, "submission.failed");
          try (ResultSet f = q.executeQuery()) {
            assertFalse(f.next(), "no submission failed");
          }
        }
      }
      assertTrue(rows.containsAll(byId.keySet()), "nothing acknowledged was lost");
      // a day rolling over (UTC midnight) in the middle would rightly let a fifth in
      assumeTrue(day.equals(LocalDate.now(ZoneOffset.UTC)), "the test ran across UTC midnight");
      Map<String, Integer> expected = new TreeMap<>();
      for (int u = 0; u < USERS; u++) {
        expected.put("user" + u + "@example.org", PER_DAY);
      }
      assertEquals(expected, perUser, "each user's submissions: the day's limit, no more");
      Map<Integer, Long> acked =
          byId.values().stream().collect(Collectors.groupingBy(j -> j.user, Collectors.counting()));
      assertTrue(acked.values().stream().allMatch(n -> n <= PER_DAY), acked.toString());
      Set<String> expectedFiles = new TreeSet<>(stored);
      expectedFiles.add("notes.txt");
      assertEquals(expectedFiles, names(uploads), "the uploads folder: the rows' files, the note");

      long errored = jobs.stream().filter(j -> !j.errors.isEmpty()).count();
      long cutOff =
          jobs.stream()
              .filter(j -> j.errors.stream().anyMatch(e -> !e.startsWith("ConnectException")))
              .count();
      long retriedAccepted = jobs.stream().filter(j -> !j.errors.isEmpty() && j.id != null).count();
      System.out.printf(
          "%s: %d acknowledged before the kill (at %.1f s into the burst); %d uploads cut off"
              + " mid-request, %d got an error and were sent again (%d of them accepted); %d"
              + " accepted in the end (%d acknowledged, %d recorded whose answer was lost);"
              + " %d orphans swept (%d .part, %d .jsonl); all finished %.1f s after the last"
              + " answer; %.1f s in all%n",
          kind,
          ackedBeforeKill,
          (killedAt - burst) / 1e9,
          cutOff,
          errored,
          retriedAccepted,
          rows.size(),
          byId.size(),
          rows.size() - byId.size(),
          orphans.size(),
          orphans.stream().filter(o -> o.endsWith(".part")).count(),
          orphans.stream().filter(o -> o.endsWith(".jsonl")).count(),
          (finishedAt - acceptedAt) / 1e9,
          (System.nanoTime() - started) / 1e9);
    } finally {
      pool.shutdownNow();
      second.destroy();
      assertTrue(second.waitFor(30, TimeUnit.SECONDS), "serve stops on SIGTERM");
    }
  }

  /**
   * Sends one upload until it has an answer, as a client that retries what was not acknowledged:
   * 202 (accepted) and the day's limit (429) are answers; a connection refused or broken off, or a
   * 5xx, is tried again.
   */
  private static void send(
      HttpClient http,
      int port,
      String token,
      Job job,
      AtomicInteger acknowledged,
      long deadline,
      List<String> problems)
      throws Exception {
    while (System.nanoTime() < deadline) {
      MultipartBody body = new MultipartBody();
      body.field("bench", "perbench-mini", null);
      body.field("card", CARD, "application/json");
      body.file(
          "predictions",
          "p.jsonl",
          "application/x-ndjson",
          () -> new ByteArrayInputStream(job.file),
          job.file.length);
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/submissions"))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", body.contentType())
              .POST(body.publisher())
              .build();
      HttpResponse<String> r;
      try {
        r = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        synchronized (job.errors) {
          job.errors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        Thread.sleep(50);
        continue;
      }
      if (r.statusCode() == 202) {
        job.id = JSON.readTree(r.body()).get("id").asText();
        acknowledged.incrementAndGet();
        return;
      }
      JsonNode answer = JSON.readTree(r.body());
      if (r.statusCode() == 429
          && answer.path("error").asText().contains("at most " + PER_DAY + " submissions a day")) {
        job.refused = true;
        return;
      }
      if (r.statusCode() >= 500) {
        synchronized (job.errors) {
          job.errors.add(r.statusCode() + " " + r.body());
        }
        Thread.sleep(50);
        continue;
      }
      problems.add(r.statusCode() + " " + r.body());
      return;
    }
    problems.add("no answer in time for an upload of user" + job.user);
  }

  /**
   * Starts an upload over a raw socket and stops halfway through its file, so that the server holds
   * a {@code .upload-*.part} file for it until it dies.
   */
  private static Socket stall(int port, String token, byte[] file) throws IOException {
    MultipartBody body = new MultipartBody();
    body.field("bench", "perbench-mini", null);
    body.field("card", CARD, "application/json");
    body.file(
        "predictions", "p.jsonl", "application/x-ndjson", () -> new ByteArrayInputStream(file), -1);
    byte[] all = body.open().readAllBytes();
    Socket s = new Socket("127.0.0.1", port);
    OutputStream out = s.getOutputStream();
    out.write(
        ("POST /api/v1/submissions HTTP/1.1\r\nHost: 127.0.0.1:"
                + port
                + "\r\nAuthorization: Bearer "
                + token
                + "\r\nContent-Type: "
                + body.contentType()
                + "\r\nContent-Length: "
                + all.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(all, 0, all.length - file.length / 2);
    out.flush();
    return s;
  }

  /** Waits until the uploads folder holds {@code n} {@code .part} files; returns their names. */
  private Set<String> awaitParts(Path uploads, int n, Process server) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      Set<String> parts =
          names(uploads).stream()
              .filter(f -> f.endsWith(".part"))
              .collect(Collectors.toCollection(TreeSet::new));
      if (parts.size() >= n) {
        return parts;
      }
      assertTrue(server.isAlive() && System.nanoTime() < deadline, () -> read("first.log"));
      Thread.sleep(10);
    }
  }

  /** Waits until no submission is queued or being scored (none is uploaded any more). */
  private void awaitDone(String url, Process server, long deadline) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement q =
            c.prepareStatement("SELECT status, COUNT(*) FROM submissions GROUP BY status")) {
      while (true) {
        Map<String, Integer> statuses = new TreeMap<>();
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            statuses.put(rs.getString(1), rs.getInt(2));
          }
        }
        if (Set.of("finished", "failed", "cancelled").containsAll(statuses.keySet())) {
          return;
        }
        assertTrue(
            server.isAlive() && System.nanoTime() < deadline,
            () -> statuses + "\n" + read("second.log"));
        Thread.sleep(50);
      }
    }
  }

  /** The ids of the submissions recorded, read while no server runs. */
  private static Set<String> ids(String url) throws Exception {
    Set<String> ids = new TreeSet<>();
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs = c.createStatement().executeQuery("SELECT id FROM submissions")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /** Starts {@code serve} taking uploads, one worker, a 2 s lease; returns once it serves. */
  private Process serve(String url, Path folder, Path uploads, int port, String name)
      throws Exception {
    Path log = dir.resolve(name + ".log");
    Process p =
        PerbenchProcess.builder(
                "serve",
                "--port",
                String.valueOf(port),
                "--db",
                url,
                "--submissions",
                folder.toString(),
                "--uploads=" + uploads,
                "--orphan-grace",
                "0",
                "--workers",
                "1",
                "--lease",
                "2",
                "--submissions-per-day",
                String.valueOf(PER_DAY),
                "--concurrent-submissions",
                String.valueOf(EACH))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(log).contains("the leaderboard is at")) {
      assertTrue(p.isAlive() && System.nanoTime() < deadline, () -> read(name + ".log"));
      Thread.sleep(20);
    }
    return p;
  }

  private static int port(Path log) throws IOException {
    Matcher m = LISTENING.matcher(Files.readString(log));
    assertTrue(m.find(), log.toString());
    return Integer.parseInt(m.group(1));
  }

  private static Set<String> names(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private String read(String log) {
    try {
      Path p = dir.resolve(log);
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
