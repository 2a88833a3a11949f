package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.harness.io.PredictionFileException;
import dev.perbench.harness.io.PredictionIndex;
import dev.perbench.web.accounts.Accounts;
import dev.perbench.web.accounts.MutableClock;
import dev.perbench.web.accounts.Role;
import dev.perbench.web.accounts.Scope;
import dev.perbench.web.accounts.User;
import dev.perbench.web.client.MultipartBody;
import dev.perbench.web.submit.Submission;
import dev.perbench.web.submit.SubmissionLimits;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The submission API over real HTTP (JavalinTest on a loopback port, users and tokens made through
 * Accounts): uploads accepted and refused at each limit, each refusal leaving the uploads folder
 * empty, owners alone seeing their submissions, and a burst of parallel uploads counted exactly.
 * Every test runs on both databases, H2 and PostgreSQL ({@link TestDatabase}), each on a new one.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class SubmissionApiTest {
  @Parameter TestDatabase database;

  static final ObjectMapper JSON = new ObjectMapper();
  static final String MINI = "perbench-mini";
  static final Path ORACLE =
      TestData.SUBMISSIONS.resolve("baseline-oracle/results/perbench-mini/predictions.jsonl");
  static final String CARD =
      "{\"name\": \"Test model\", \"organisation\": null, \"size\": \"1B\", \"link\": null,"
          + " \"source\": \"SubmissionApiTest\", \"date\": \"2025-06\"}";
  static final SubmissionLimits LIMITS = new SubmissionLimits(1 << 20, 8 << 20, 50, 4096, 3, 10, 3);

  @TempDir Path tmp;
  Path uploads;
  HikariDataSource db;
  MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  Accounts accounts;
  User ada;
  String adaToken;
  String bobToken;
  String adaReadOnly;
  HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void open() {
    uploads = tmp.resolve("uploads");
    db = database.open();
    accounts = new Accounts(db, clock);
    ada = accounts.create("ada@example.org", Role.PARTICIPANT, null, "test");
    User bob = accounts.create("bob@example.org", Role.PARTICIPANT, null, "test");
    adaToken = accounts.createToken(ada, "ci", Scope.SUBMIT, "test");
    adaReadOnly = accounts.createToken(ada, "read", Scope.READ_PRIVATE, "test");
    bobToken = accounts.createToken(bob, "ci", null, "test");
  }

  @AfterEach
  void close() {
    db.close();
  }

  Site site(SubmissionLimits limits) {
    return Site.of(db, TestData.DATA, new Hosting(uploads, limits, false), clock);
  }

  Javalin app(SubmissionLimits limits) {
    return WebApp.create(site(limits));
  }

  /** The first {@code n} lines of the oracle's predictions on perbench-mini: a valid file. */
  static byte[] lines(int n) throws IOException {
    try (Stream<String> s = Files.lines(ORACLE)) {
      return (s.limit(n).collect(Collectors.joining("\n")) + "\n").getBytes(StandardCharsets.UTF_8);
    }
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(out)) {
      g.write(data);
    }
    return out.toByteArray();
  }

  static MultipartBody form(String bench, String card, String fileName, byte[] file) {
    MultipartBody body = new MultipartBody();
    if (bench != null) {
      body.field("bench", bench, null);
    }
    if (card != null) {
      body.field("card", card, "application/json");
    }
    if (file != null) {
      body.file(
          "predictions",
          fileName,
          "application/octet-stream",
          () -> new ByteArrayInputStream(file),
          file.length);
    }
    return body;
  }

  /** An answer: status, parsed body, and the raw body. */
  record Answer(int status, JsonNode json, String body, HttpResponse<String> response) {
    String error() {
      return json.path("error").asText();
    }
  }

  Answer send(HttpRequest.Builder b) throws Exception {
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), JSON.readTree(r.body()), r.body(), r);
  }

  Answer post(int port, String token, MultipartBody body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/submissions"))
            .header("Content-Type", body.contentType())
            .POST(body.publisher());
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b);
  }

  Answer get(int port, String token, String path) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b);
  }

  Answer cancel(int port, String token, String id) throws Exception {
    return send(
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/submissions/" + id + "/cancel"))
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** What the uploads folder holds (names). */
  Set<String> stored() throws IOException {
    if (!Files.exists(uploads)) {
      return Set.of();
    }
    try (Stream<Path> s = Files.list(uploads)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  void assertNothingStored() throws IOException {
    assertEquals(Set.of(), stored(), "the uploads folder after a refused upload");
  }

  static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  // ---- accepted, and seen by its owner alone ----

  @Test
  void anUploadIsQueuedAndOnlyItsOwnerSeesIt() throws Exception {
    byte[] file = lines(20);
    JavalinTest.test(
        app(LIMITS),
        (server, client) -> {
          int port = server.port();
          Answer a = post(port, adaToken, form(MINI, CARD, "predictions.jsonl", file));
          assertEquals(202, a.status(), a.body());
          String id = a.json().get("id").asText();
          assertEquals(
              Map.of("id", id, "status", "submitted"), JSON.convertValue(a.json(), Map.class));
          assertEquals(
              "/api/v1/submissions/" + id, a.response().headers().firstValue("Location").get());
          assertEquals(Set.of(id + ".jsonl"), stored());
          assertEquals(sha256(file), sha256(Files.readAllBytes(uploads.resolve(id + ".jsonl"))));

          Answer s = get(port, adaToken, "/api/v1/submissions/" + id);
          assertEquals(200, s.status(), s.body());
          assertEquals("submitted", s.json().get("status").asText());
          assertEquals(1, s.json().get("position").asInt());
          assertEquals(MINI, s.json().get("benchmark").asText());
          assertEquals("standard", s.json().get("profile").asText());
          assertEquals("predictions.jsonl", s.json().get("fileName").asText());
          assertEquals(file.length, s.json().get("uploadedBytes").asLong());
          assertEquals(sha256(file), s.json().get("fileSha256").asText());
          assertEquals("2026-11-27T12:00:00Z", s.json().at("/times/submitted").asText());
          assertTrue(s.json().at("/times/validating").isNull());
          assertTrue(s.json().get("metrics").isNull());
          assertEquals(200, get(port, adaReadOnly, "/api/v1/submissions/" + id).status());

          // anyone else: the same 404 as for an id that does not exist
          Answer other = get(port, bobToken, "/api/v1/submissions/" + id);
          String unknownId = UUID.randomUUID().toString();
          Answer unknown = get(port, adaToken, "/api/v1/submissions/" + unknownId);
          assertEquals(404, other.status());
          assertEquals(404, unknown.status());
          assertEquals(other.body().replace(id, "ID"), unknown.body().replace(unknownId, "ID"));
          assertEquals(
              other.response().headers().firstValue("Content-Type"),
              unknown.response().headers().firstValue("Content-Type"));

          Answer mine = get(port, adaToken, "/api/v1/submissions?mine=1");
          assertEquals(200, mine.status());
          assertEquals(1, mine.json().size());
          assertEquals(id, mine.json().get(0).get("id").asText());
          assertEquals(0, get(port, bobToken, "/api/v1/submissions?mine=1").json().size());
          assertEquals(400, get(port, adaToken, "/api/v1/submissions?mine=0").status());
          Answer noMine = get(port, adaToken, "/api/v1/submissions");
          assertEquals(400, noMine.status());
          assertTrue(noMine.error().startsWith("parameter mine: required"), noMine.error());

          assertEquals(404, cancel(port, bobToken, id).status());
          Answer cancelled = cancel(port, adaToken, id);
          assertEquals(200, cancelled.status(), cancelled.body());
          assertEquals("cancelled", cancelled.json().get("status").asText());
          assertTrue(cancelled.json().get("position").isNull());
          Answer again = cancel(port, adaToken, id);
          assertEquals(409, again.status());
          assertTrue(again.error().contains("is cancelled"), again.error());
        });
  }

  @Test
  void aGzipUploadIsStoredDecompressedAndACardWithoutKindIsASubmission() throws Exception {
    byte[] file = lines(30);
    byte[] gz = gzip(file);
    JavalinTest.test(
        app(LIMITS),
        (server, client) -> {
          MultipartBody body = new MultipartBody();
          body.file("predictions", "p.jsonl.gz", null, () -> new ByteArrayInputStream(gz), -1);
          body.field("profile", "pycocotools", null);
          body.field("card", CARD, null);
          body.field("bench", MINI, null);
          Answer a = post(server.port(), adaToken, body);
          assertEquals(202, a.status(), a.body());
          String id = a.json().get("id").asText();
          assertEquals(sha256(file), sha256(Files.readAllBytes(uploads.resolve(id + ".jsonl"))));
          Submission s = site(LIMITS).queue().get(id).orElseThrow();
          assertEquals(gz.length, s.uploadedBytes());
          assertEquals(sha256(file), s.fileSha256());
          assertEquals("pycocotools", s.profile());
          assertTrue(s.cardJson().contains("\"kind\" : \"submitted\""), s.cardJson());
          assertEquals(Set.of(id + ".jsonl"), stored());
        });
  }

  @Test
  void theClientsFileNameIsRecordedSanitizedAndNeverUsedAsAPath() throws Exception {
    JavalinTest.test(
        app(LIMITS),
        (server, client) -> {
          Answer a = post(server.port(), adaToken, form(MINI, CARD, "../../etc/passwd", lines(5)));
          assertEquals(202, a.status(), a.body());
          String id = a.json().get("id").asText();
          Answer s = get(server.port(), adaToken, "/api/v1/submissions/" + id);
          assertEquals("passwd", s.json().get("fileName").asText());
          assertEquals(Set.of(id + ".jsonl"), stored());
          assertFalse(Files.exists(tmp.resolve("etc")));
          assertFalse(Files.exists(uploads.resolve("../../etc/passwd").normalize()));
          Answer b =
              post(
                  server.port(),
                  adaToken,
                  form(MINI, CARD, "../x/\u0007evil.jsonl\u202e", lines(5)));
          assertEquals(202, b.status(), b.body());
          String id2 = b.json().get("id").asText();
          assertEquals(
              "evil.jsonl",
              get(server.port(), adaToken, "/api/v1/submissions/" + id2)
                  .json()
                  .get("fileName")
                  .asText());
        });
  }

  // ---- who may ----

  @Test
  void withoutATokenItIs401AndAReadOnlyTokenMayNotSubmit() throws Exception {
    JavalinTest.test(
        app(LIMITS),
        (server, client) -> {
          int port = server.port();
          Answer none = post(port, null, form(MINI, CARD, "p.jsonl", lines(5)));
          assertEquals(401, none.status(), none.body());
          assertEquals(Set.of("error"), fields(none.json()));
          assertEquals("Bearer", none.response().headers().firstValue("WWW-Authenticate").get());
          assertEquals(401, get(port, null, "/api/v1/submissions?mine=1").status());
          Answer bogus = post(port, "pbt_nope", form(MINI, CARD, "p.jsonl", lines(5)));
          assertEquals(401, bogus.status(), bogus.body());
          Answer readOnly = post(port, adaReadOnly, form(MINI, CARD, "p.jsonl", lines(5)));
          assertEquals(403, readOnly.status(), readOnly.body());
          assertTrue(readOnly.error().contains("submit"), readOnly.error());
          assertNothingStored();
        });
  }

  @Test
  void aBrowserSessionSendsItsCsrfTokenAsTheFirstField() throws Exception {
    Accounts.NewSession session = accounts.startSession(ada);
    JavalinTest.test(
        app(LIMITS),
        (server, client) -> {
          URI uri = URI.create("http://localhost:" + server.port() + "/api/v1/submissions");
          MultipartBody without = form(MINI, CARD, "p.jsonl", lines(5));
          Answer refused =
              send(
                  HttpRequest.newBuilder(uri)
                      .header("Cookie", Authentication.SESSION_COOKIE + "=" + session.cookie())
                      .header("Content-Type", without.contentType())
                      .POST(without.publisher()));
          assertEquals(403, refused.status(), refused.body());
          assertNothingStored();
          MultipartBody with = new MultipartBody().field("_csrf", session.csrfToken(), null);
          with.field("bench", MINI, null).field("card", CARD, null);
          byte[] file = lines(5);
          with.file("predictions", "p.jsonl", null, () -> new ByteArrayInputStream(file), -1);
          Answer ok =
              send(
                  HttpRequest.newBuilder(uri)
                      .header("Cookie", Authentication.SESSION_COOKIE + "=" + session.cookie())
                      .header("Content-Type", with.contentType())
                      .POST(with.publisher()));
          assertEquals(202, ok.status(), ok.body());
        });
  }

  @Test
  void aSiteThatTakesNoSubmissionsAnswers503() throws Exception {
    JavalinTest.test(
        WebApp.create(Site.of(db, TestData.DATA)),
        (server, client) -> {
          Answer a = post(server.port(), adaToken, form(MINI, CARD, "p.jsonl", lines(5)));
          assertEquals(503, a.status(), a.body());
          assertTrue(a.error().contains("takes no submissions"), a.error());
          assertEquals(503, get(server.port(), adaToken, "/api/v1/submissions?mine=1").status());
        });
  }

  // ---- refused while streaming ----

  @Test
  void anOversizedUploadIsRefusedWhileItStreamsIn() throws Exception {
    SubmissionLimits small = new SubmissionLimits(64 << 10, 8 << 20, 50, 4096, 3, 10, 3);
    long total = 64L << 20;
    JavalinTest.test(
        app(small),
        (server, client) -> {
          // chunked, so that the size is not known before the body is read
          MultipartBody body = form(MINI, CARD, "big.jsonl", null);
          byte[] line =
              (new String(lines(1), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
          body.file("predictions", "big.jsonl", null, () -> new Repeating(line, total), -1);
          AtomicLong written = new AtomicLong();
          String answer = rawPost(server.port(), adaToken, body, written);
          assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
          assertTrue(answer.contains("may be at most 64 KiB as sent"), answer);
          assertTrue(
              written.get() < total / 2,
              "the server read on: " + written.get() + " of " + total + " bytes were sent");
          assertNothingStored();

          // a declared Content-Length over the limit: refused before the body is sent
          try (Socket socket = new Socket("localhost", server.port())) {
            socket.setSoTimeout(30_000);
            socket
                .getOutputStream()
                .write(
                    ("POST /api/v1/submissions HTTP/1.1\r\nHost: localhost\r\nAuthorization:"
                            + " Bearer "
                            + adaToken
                            + "\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                            + "Expect: 100-continue\r\nContent-Length: "
                            + (3L << 20)
                            + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
            String head =
                new String(socket.getInputStream().readNBytes(20), StandardCharsets.US_ASCII);
            assertTrue(head.startsWith("HTTP/1.1 413 "), "no 100 Continue first: " + head);
          }
          assertNothingStored();
        });
  }

  /**
   * Sends {@code body} chunked over a plain socket while another thread reads the answer; stops
   * sending when the answer has come (or the server has closed). Returns the answer's head and
   * body.
   */
  static String rawPost(int port, String token, MultipartBody body, AtomicLong written)
      throws Exception {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      Thread reader =
          new Thread(
              () -> {
                try {
                  InputStream in = socket.getInputStream();
                  byte[] buf = new byte[8192];
                  int n;
                  while ((n = in.read(buf)) > 0) {
                    synchronized (answer) {
                      answer.write(buf, 0, n);
                    }
                  }
                } catch (IOException e) {
                  // the server closed: what came is the answer
                }
              });
      reader.start();
      out.write(
          ("POST /api/v1/submissions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                  + token
                  + "\r\nContent-Type: "
                  + body.contentType()
                  + "\r\nTransfer-Encoding: chunked\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      try (InputStream in = body.open()) {
        byte[] buf = new byte[16384];
        int n;
        while ((n = in.read(buf)) > 0) {
          synchronized (answer) {
            if (answer.size() > 0) {
              break;
            }
          }
          out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(buf, 0, n);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          written.addAndGet(n);
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException e) {
        // the server stopped reading and closed the connection
      }
      reader.join(30_000);
      synchronized (answer) {
        return answer.toString(StandardCharsets.UTF_8);
      }
    }
  }

  /** {@code length} bytes of {@code line} again and again. */
  static final class Repeating extends InputStream {
    private final byte[] line;
    private final long length;
    private long pos;

    Repeating(byte[] line, long length) {
      this.line = line;
      this.length = length;
    }

    @Override
    public int read() {
      return pos >= length ? -1 : line[(int) (pos++ % line.length)] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= length) {
        return -1;
      }
      int n = (int) Math.min(len, length - pos);
      for (int i = 0; i < n; i++) {
        b[off + i] = line[(int) (pos++ % line.length)];
      }
      return n;
    }
  }

  @Test
  void aGzipBombIsRefusedByTheRatioLimit() throws Exception {
    byte[] bomb = gzip(new byte[20 << 20]);
    assertTrue(bomb.length < 64 << 10, "compressed to " + bomb.length);
    SubmissionLimits limits = new SubmissionLimits(1 << 30, 8L << 30, 50, 64 << 20, 3, 10, 3);
    JavalinTest.test(
        app(limits),
        (server, client) -> {
          Answer a = post(server.port(), adaToken, form(MINI, CARD, "bomb.jsonl.gz", bomb));
          assertEquals(413, a.status(), a.body());
          assertTrue(a.error().contains("more than 50 times its compressed size"), a.error());
          assertTrue(a.error().contains("--max-ratio"), a.error());
          assertNothingStored();
          // a benchmark that cannot be scored here, sent first: refused before the file
          Answer early =
              post(server.port(), adaToken, form("refcoco:val", CARD, "bomb.jsonl.gz", bomb));
          assertEquals(400, early.status(), early.body());
          assertTrue(early.error().contains("refcoco:val is not installed"), early.error());
          assertNothingStored();
        });
  }

  @Test
  void aFileLargerThanTheDecompressedLimitIsRefused() throws Exception {
    SubmissionLimits limits = new SubmissionLimits(1 << 20, 4096, 50, 4096, 3, 10, 3);
    JavalinTest.test(
        app(limits),
        (server, client) -> {
          Answer a = post(server.port(), adaToken, form(MINI, CARD, "p.jsonl", lines(40)));
          assertEquals(413, a.status(), a.body());
          assertTrue(a.error().contains("at most 4 KiB decompressed"), a.error());
          assertNothingStored();
        });
  }

  @Test
  void aTruncatedGzipFileIsA400() throws Exception {
    byte[] gz = gzip(lines(200));
    byte[] cut = java.util.Arrays.copyOf(gz, gz.length / 2);
    JavalinTest.test(
        app(LIMITS),
        (server, client) -> {
          Answer a = post(server.port(), adaToken, form(MINI, CARD, "p.jsonl.gz", cut));
          assertEquals(400, a.status(), a.body());
          assertTrue(
              a.error().startsWith("parameter predictions: the gzip data is cut short"), a.error());
          assertNothingStored();
        });
  }

  @Test
  void anOverlongLineIsA400NamingItsNumber() throws Exception {
    String file =
        new String(lines(2), StandardCharsets.UTF_8)
            + "{\"sample_id\": \"mcq:0\", \"text\": \""
            + "A".repeat(5000)
            + "\"}\n";
    JavalinTest.test(
        app(LIMITS),
        (server, client) -> {
          Answer a =
              post(
                  server.port(),
                  adaToken,
                  form(MINI, CARD, "p.jsonl", file.getBytes(StandardCharsets.UTF_8)));
          assertEquals(400, a.status(), a.body());
          assertTrue(
              a.error().startsWith("parameter predictions: line 3 is longer than 4 KiB"),
              a.error());
          assertNothingStored();
        });
  }

  @Test
  void aFileOfAnotherBenchmarkIsRefusedWithTheValidatorsProblems() throws Exception {
    String file =
        "{\"sample_id\": \"refcoco:val:1\", \"no_target\": true}\n"
            + new String(lines(1), StandardCharsets.UTF_8)
            + "{\"sample_id\": \"refcoco:val:2\", \"no_target\": true}\n";
    Path local = tmp.resolve("other.jsonl");
    Files.writeString(local, file);
    String expected;
    try {
      PredictionIndex.open(local, TestData.DATA.split(MINI).orElseThrow().samplesById()).close();
      throw new AssertionError("valid");
    } catch (PredictionFileException e) {
      expected = e.getMessage().replace(local.toString(), "other.jsonl");
    }
    JavalinTest.test(
        app(LIMITS),
        (server, client) -> {
          Answer a =
              post(
                  server.port(),
                  adaToken,
                  form(MINI, CARD, "other.jsonl", file.getBytes(StandardCharsets.UTF_8)));
          assertEquals(400, a.status(), a.body());
          assertEquals(expected, a.error());
          assertTrue(a.error().contains("line 3: unknown sample_id"), a.error());
          assertNothingStored();
        });
  }

  @Test
  void badFieldsAreA400NamingTheField() throws Exception {
    JavalinTest.test(
        app(LIMITS),
        (server, client) -> {
          int port = server.port();
          Map<String, MultipartBody> cases = new java.util.LinkedHashMap<>();
          cases.put(
              "parameter card: \"name\"",
              form(MINI, CARD.replace("\"name\": \"Test model\", ", ""), "p.jsonl", lines(3)));
          cases.put(
              "parameter card: \"kind\": a hosted submission is of kind \"submitted\"",
              form(MINI, CARD.replace("{", "{\"kind\": \"reported\", "), "p.jsonl", lines(3)));
          cases.put(
              "parameter card: size:",
              form(MINI, CARD.replace("\"1B\"", "\"big\""), "p.jsonl", lines(3)));
          cases.put(
              "parameter card: not valid JSON", form(MINI, "{\"name\":", "p.jsonl", lines(3)));
          cases.put(
              "parameter bench: 'nope' is not a benchmark", form("nope", CARD, "p", lines(3)));
          cases.put(
              "parameter bench: 'refcocog-regioncap:val' is not a benchmark with data",
              form("refcocog-regioncap:val", CARD, "p.jsonl", lines(3)));
          cases.put(
              "parameter bench: the data of refcoco:val is not installed on this server",
              form("refcoco:val", CARD, "p.jsonl", lines(3)));
          cases.put("parameter predictions: required", form(MINI, CARD, null, null));
          cases.put("parameter card: required", form(MINI, null, "p.jsonl", lines(3)));
          cases.put("parameter bench: required", form(null, CARD, "p.jsonl", lines(3)));
          cases.put(
              "parameter profile: unknown profile 'fancy'",
              form(MINI, CARD, "p.jsonl", lines(3)).field("profile", "fancy", null));
          cases.put(
              "parameter extra: not a field of a submission",
              form(MINI, CARD, "p.jsonl", lines(3)).field("extra", "1", null));
          cases.put(
              "parameter bench: sent twice",
              form(MINI, CARD, "p.jsonl", lines(3)).field("bench", MINI, null));
          cases.put(
              "parameter predictions: p.jsonl holds no prediction",
              form(MINI, CARD, "p.jsonl", new byte[0]));
          for (Map.Entry<String, MultipartBody> c : cases.entrySet()) {
            Answer a = post(port, adaToken, c.getValue());
            if (c.getKey().startsWith("parameter card: size")) {
              assertEquals(400, a.status(), a.body());
              assertTrue(a.error().contains("\"big\" is not a parameter count"), a.error());
              continue;
            }
            assertEquals(400, a.status(), c.getKey() + ": " + a.body());
            assertTrue(a.error().startsWith(c.getKey()), c.getKey() + " <> " + a.error());
            assertNothingStored();
          }
          Answer big =
              post(
                  port,
                  adaToken,
                  form(MINI, CARD, "p.jsonl", lines(3)).field("profile", "x".repeat(300), null));
          assertEquals(413, big.status(), big.body());
          assertTrue(
              big.error().contains("parameter profile may be at most 200 bytes"), big.error());
          Answer notMultipart =
              send(
                  HttpRequest.newBuilder(
                          URI.create("http://localhost:" + port + "/api/v1/submissions"))
                      .header("Authorization", "Bearer " + adaToken)
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString("{}")));
          assertEquals(400, notMultipart.status(), notMultipart.body());
          assertTrue(notMultipart.error().contains("multipart/form-data"), notMultipart.error());
          assertNothingStored();
        });
  }

  // ---- per-user limits ----

  @Test
  void theDailyLimitIsA429WithItsResetTimeAndFailedOnesDoNotCount() throws Exception {
    SubmissionLimits limits = new SubmissionLimits(1 << 20, 8 << 20, 50, 4096, 2, 10, 5);
    Site site = site(limits);
    JavalinTest.test(
        WebApp.create(site),
        (server, client) -> {
          int port = server.port();
          String first = null;
          for (int i = 0; i < 2; i++) {
            clock.advance(Duration.ofSeconds(1));
            Answer a = post(port, adaToken, form(MINI, CARD, "p.jsonl", lines(3)));
            assertEquals(202, a.status(), a.body());
            first = first == null ? a.json().get("id").asText() : first;
          }
          Answer third = post(port, adaToken, form(MINI, CARD, "p.jsonl", lines(3)));
          assertEquals(429, third.status(), third.body());
          assertTrue(
              third.error().contains("at most 2 submissions a day on perbench-mini"),
              third.error());
          assertTrue(third.error().contains("resets at 2026-11-28T00:00:00Z"), third.error());
          assertEquals(2, stored().size());

          // a failed submission gives its place back
          Submission claimed = site.queue().claim("w", Duration.ofMinutes(1)).orElseThrow();
          assertEquals(first, claimed.id());
          assertTrue(site.queue().fail(first, "w", "line 1: broken", null));
          Answer failed = get(port, adaToken, "/api/v1/submissions/" + first);
          assertEquals("failed", failed.json().get("status").asText());
          assertEquals("line 1: broken", failed.json().get("error").asText());
          assertEquals(1, failed.json().get("attempts").asInt());
          assertFalse(failed.json().at("/times/failed").isNull());
          assertEquals(202, post(port, adaToken, form(MINI, CARD, "p.jsonl", lines(3))).status());

          // the next UTC day
          clock.advance(Duration.ofHours(12));
          assertEquals(202, post(port, adaToken, form(MINI, CARD, "p.jsonl", lines(3))).status());
        });
  }

  @Test
  void aBurstOfParallelUploadsIsCountedExactly() throws Exception {
    SubmissionLimits limits = new SubmissionLimits(1 << 20, 8 << 20, 50, 4096, 4, 10, 10);
    int users = 20;
    int each = 10;
    List<String> tokens = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      User user = accounts.create("user" + u + "@example.org", Role.PARTICIPANT, null, "test");
      tokens.add(accounts.createToken(user, "ci", Scope.SUBMIT, "test"));
    }
    byte[] file = lines(10);
    Map<String, Integer> accepted = new ConcurrentHashMap<>();
    Map<String, String> hashes = new ConcurrentHashMap<>();
    List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    JavalinTest.test(
        app(limits),
        (server, client) -> {
          ExecutorService pool = Executors.newFixedThreadPool(32);
          List<Future<?>> jobs = new ArrayList<>();
          for (int i = 0; i < users * each; i++) {
            String token = tokens.get(i % users);
            byte[] mine =
                (new String(file, StandardCharsets.UTF_8) + "\n".repeat(i % 7))
                    .getBytes(StandardCharsets.UTF_8);
            jobs.add(
                pool.submit(
                    () -> {
                      Answer a = post(server.port(), token, form(MINI, CARD, "p.jsonl", mine));
                      if (a.status() == 202) {
                        accepted.merge(token, 1, Integer::sum);
                        hashes.put(a.json().get("id").asText(), sha256(mine));
                      } else if (a.status() != 429
                          || !a.error().contains("at most 4 submissions a day")) {
                        problems.add(a.status() + " " + a.body());
                      }
                      return null;
                    }));
          }
          for (Future<?> f : jobs) {
            f.get(60, TimeUnit.SECONDS);
          }
          pool.shutdown();
        });
    assertEquals(List.of(), problems);
    for (String token : tokens) {
      assertEquals(4, accepted.get(token), "202s of one user");
    }
    Set<String> rows = new TreeSet<>();
    try (Connection c = db.getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT id, file_sha256, stored_file FROM submissions")) {
      while (rs.next()) {
        rows.add(rs.getString(1));
        assertEquals(hashes.get(rs.getString(1)), rs.getString(2));
        Path f = Path.of(rs.getString(3));
        assertEquals(uploads.resolve(rs.getString(1) + ".jsonl").toAbsolutePath(), f);
        assertEquals(rs.getString(2), sha256(Files.readAllBytes(f)));
      }
    }
    assertEquals(hashes.keySet(), rows);
    assertEquals(
        hashes.keySet().stream().map(id -> id + ".jsonl").collect(Collectors.toSet()), stored());
    assertEquals(users * 4, rows.size());
  }

  static Set<String> fields(JsonNode n) {
    Set<String> out = new TreeSet<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
