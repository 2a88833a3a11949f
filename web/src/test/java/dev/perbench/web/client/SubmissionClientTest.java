package dev.perbench.web.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.data.catalog.DataRoots;
import dev.perbench.errors.ExternalFailureException;
import dev.perbench.errors.InputException;
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
import dev.perbench.web.submit.SubmissionLimits;
import dev.perbench.web.submit.SubmissionQueue;
import io.javalin.testtools.JavalinTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client side against a real site (JavalinTest over H2): uploads plain and gzip-compressed on
 * the fly, the server's refusals and failures as the command line's two kinds of error, and
 * following a submission that a worker (played here through the queue) takes to its end.
 */
class SubmissionClientTest {
  static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  static final Path ORACLE =
      REPOSITORY.resolve("submissions/baseline-oracle/results/perbench-mini/predictions.jsonl");
  static final BenchmarkData DATA =
      new BenchmarkData(new DataRoots(REPOSITORY.resolve("web/target/no-data"), REPOSITORY));
  static final String CARD =
      "{\"name\": \"M\", \"organisation\": null, \"size\": null, \"link\": null,"
          + " \"source\": \"a test\", \"date\": \"2025-06\"}";

  @TempDir Path tmp;
  HikariDataSource db;
  String token;
  Site site;

  @BeforeEach
  void open() {
    db = WebDatabase.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Accounts accounts = new Accounts(db, Clock.systemUTC());
    User ada = accounts.create("ada@example.org", Role.PARTICIPANT, null, "test");
    token = accounts.createToken(ada, "ci", Scope.SUBMIT, "test");
    site =
        Site.of(
            db,
            DATA,
            new Hosting(
                tmp.resolve("uploads"),
                new SubmissionLimits(1 << 20, 8 << 20, 50, 1 << 16, 5, 10, 5),
                false),
            Clock.systemUTC());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void gzipStreamCompressesAsItIsRead() throws IOException {
    byte[] data = new byte[300_000];
    Random r = new Random(1);
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) ('a' + r.nextInt(4));
    }
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (InputStream in = new GzipStream(new ByteArrayInputStream(data))) {
      byte[] buf = new byte[777];
      int n;
      while ((n = in.read(buf)) > 0) {
        compressed.write(buf, 0, n);
      }
    }
    assertTrue(compressed.size() < data.length / 2, "compressed " + compressed.size());
    try (InputStream back =
        new GZIPInputStream(new ByteArrayInputStream(compressed.toByteArray()))) {
      assertArrayEquals(data, back.readAllBytes());
    }
  }

  @Test
  void uploadsPlainOrGzipAndFollowsTheSubmissionToItsEnd() throws Exception {
    SubmissionsImport.run(REPOSITORY.resolve("submissions"), db, DATA);
    byte[] file = Files.readAllBytes(ORACLE);
    JavalinTest.test(
        WebApp.create(site),
        (server, c) -> {
          SubmissionClient client =
              new SubmissionClient("http://localhost:" + server.port(), token);
          AtomicLong progress = new AtomicLong();
          String plain =
              client.submit(
                  new SubmissionClient.Upload("perbench-mini", null, CARD, ORACLE, false),
                  progress::set);
          assertEquals(file.length, progress.get());
          String gzip =
              client.submit(
                  new SubmissionClient.Upload("perbench-mini", "standard", CARD, ORACLE, true),
                  progress::set);
          for (String id : List.of(plain, gzip)) {
            assertArrayEquals(file, Files.readAllBytes(tmp.resolve("uploads/" + id + ".jsonl")));
          }
          assertTrue(site.queue().get(gzip).orElseThrow().uploadedBytes() < file.length / 3);

          // a worker's work, played through the queue while the client waits
          SubmissionQueue q = site.queue();
          List<String> seen = new ArrayList<>();
          JsonNode last =
              client.follow(
                  plain,
                  Duration.ofMillis(1),
                  d -> {
                    switch (seen.size()) {
                      case 1 -> q.claim("w", Duration.ofMinutes(1)).orElseThrow();
                      case 2 -> q.scoring(plain, "w");
                      default -> {
                        try (Connection conn = db.getConnection()) {
                          q.finish(conn, plain, "w", "baseline-oracle", "scored");
                        } catch (java.sql.SQLException e) {
                          throw new IllegalStateException(e);
                        }
                      }
                    }
                  },
                  s -> seen.add(s.get("status").asText()));
          assertEquals(List.of("submitted", "validating", "scoring", "finished"), seen);
          assertEquals("baseline-oracle", last.get("entryId").asText());
          assertTrue(last.at("/metrics/tasks").isObject(), last.toString());

          assertEquals(gzip, q.claim("w", Duration.ofMinutes(1)).orElseThrow().id());
          q.fail(gzip, "w", "line 7: broken", null);
          JsonNode failed = client.follow(gzip, Duration.ofMillis(1), d -> {}, s -> {});
          assertEquals("failed", failed.get("status").asText());
          assertEquals("line 7: broken", failed.get("error").asText());
        });
  }

  @Test
  void refusalsAreInputErrorsAndFailuresOutsideOnesNamingTheServer() throws Exception {
    Path other = tmp.resolve("other.jsonl");
    Files.writeString(other, "{\"sample_id\": \"refcoco:val:1\", \"no_target\": true}\n");
    Path big = tmp.resolve("big.jsonl");
    StringBuilder noise = new StringBuilder();
    Random r = new Random(2);
    while (noise.length() < 3 << 20) {
      noise.append(Long.toHexString(r.nextLong())).append(noise.length() % 100 < 16 ? "\n" : "");
    }
    Files.writeString(big, noise);
    JavalinTest.test(
        WebApp.create(site),
        (server, c) -> {
          String url = "http://localhost:" + server.port();
          SubmissionClient client = new SubmissionClient(url, token);
          InputException invalid =
              assertThrows(
                  InputException.class,
                  () ->
                      client.submit(
                          new SubmissionClient.Upload("perbench-mini", null, CARD, other, false),
                          n -> {}));
          assertTrue(
              invalid
                  .getMessage()
                  .startsWith("the server at " + url + "/ refused the upload (400)"),
              invalid.getMessage());
          assertTrue(
              invalid.getMessage().contains("line 1: unknown sample_id"), invalid.getMessage());
          // refused while it streams in (chunked by --gzip: no Content-Length to refuse first)
          InputException large =
              assertThrows(
                  InputException.class,
                  () ->
                      client.submit(
                          new SubmissionClient.Upload("perbench-mini", null, CARD, big, true),
                          n -> {}));
          assertTrue(large.getMessage().contains("(413)"), large.getMessage());
          InputException badToken =
              assertThrows(
                  InputException.class, () -> new SubmissionClient(url, "pbt_wrong").status("x"));
          assertTrue(badToken.getMessage().contains("(401)"), badToken.getMessage());
        });
    JavalinTest.test(
        WebApp.create(Site.of(db, DATA)),
        (server, c) -> {
          SubmissionClient client =
              new SubmissionClient("http://localhost:" + server.port(), token);
          ExternalFailureException closed =
              assertThrows(ExternalFailureException.class, () -> client.status("x"));
          assertTrue(
              closed.getMessage().contains("failed on the status of x (503)"), closed.getMessage());
        });
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ExternalFailureException down =
        assertThrows(
            ExternalFailureException.class,
            () -> new SubmissionClient("http://127.0.0.1:" + port, token).status("x"));
    assertTrue(
        down.getMessage().startsWith("cannot reach the server at http://127.0.0.1:" + port + "/"),
        down.getMessage());
    assertThrows(InputException.class, () -> new SubmissionClient("ftp://x", token));
  }
}
