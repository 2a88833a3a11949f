package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.Response;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The website over the committed submissions/ folder, imported into a fresh database per test,
 * started on a free loopback port (JavalinTest) and asked over real HTTP. Every test runs on both
 * databases, H2 and PostgreSQL ({@link TestDatabase}), each on a new one.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class WebAppTest {
  @Parameter TestDatabase database;

  private static final Path SUBMISSIONS = Path.of("..", "submissions");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  HikariDataSource db;

  @BeforeEach
  void open() {
    db = database.open();
  }

  @AfterEach
  void close() {
    db.close();
  }

  static String body(Response r) throws IOException {
    return r.body().string();
  }

  @Test
  void theImportTakesEveryCommittedEntryAndASecondImportChangesNothing() throws IOException {
    long entries;
    try (Stream<Path> s = Files.list(SUBMISSIONS)) {
      entries = s.filter(Files::isDirectory).count();
    }
    SubmissionsImport.Report first = SubmissionsImport.run(SUBMISSIONS, db, TestData.DATA);
    assertEquals(List.of(), first.skipped());
    assertEquals(entries, first.imported().size());
    SubmissionsImport.Report second = SubmissionsImport.run(SUBMISSIONS, db, TestData.DATA);
    assertEquals(List.of(), second.imported());
    assertEquals(entries, second.unchanged().size());
  }

  @Test
  void anInvalidEntryIsSkippedByNameAndTheOthersAreImported() throws IOException {
    Path folder = copy(SUBMISSIONS, tmp.resolve("submissions"));
    Files.writeString(folder.resolve("cris-reported/model.json"), "{\"name\": \"CRIS\",");
    SubmissionsImport.Report r = SubmissionsImport.run(folder, db, TestData.DATA);
    assertEquals(1, r.skipped().size(), r.skipped().toString());
    assertTrue(r.skipped().get(0).startsWith("cris-reported: "), r.skipped().get(0));
    assertFalse(r.imported().contains("cris-reported"));
    assertTrue(r.imported().contains("pixel-sail-3b-reported"));
  }

  @Test
  void theHomePageListsTheBenchmarksWithTheirLeaders() {
    SubmissionsImport.run(SUBMISSIONS, db, TestData.DATA);
    JavalinTest.test(
        WebApp.create(Site.of(db, TestData.DATA)),
        (server, client) -> {
          Response r = client.get("/");
          assertEquals(200, r.code());
          String html = body(r);
          assertTrue(html.contains("href=\"/benchmarks/refcoco:val\""), html);
          // perbench-mini: the oracle baseline has the highest overall score (100 on every task)
          assertTrue(html.contains("baseline:oracle"), html);
          String csv = body(client.get("/benchmarks.csv"));
          List<String> lines = csv.lines().toList();
          assertEquals("benchmark,tasks,samples,entries,headline,leader,value", lines.get(0));
          // the oracle's descriptions are the first reference, whose METEOR is just under 1
          double overall =
              dev.perbench.harness.run.MetricsFiles.read(
                      SUBMISSIONS.resolve("baseline-oracle/results/perbench-mini/metrics.json"))
                  .overall();
          assertTrue(
              lines.contains(
                  "perbench-mini,\"caption, mcq, vres, res\",1186,5,overall,baseline-oracle,"
                      + overall),
              csv);
        });
  }

  @Test
  void aLeaderboardGroupsByProfileAndOrdersBestFirst() {
    SubmissionsImport.run(SUBMISSIONS, db, TestData.DATA);
    JavalinTest.test(
        WebApp.create(Site.of(db, TestData.DATA)),
        (server, client) -> {
          Response r = client.get("/api/v1/benchmarks/perbench/leaderboard");
          assertEquals(200, r.code());
          JsonNode rows = JSON.readTree(body(r));
          assertTrue(rows.size() >= 3, rows.toString());
          for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).get("profile").equals(rows.get(i - 1).get("profile"))) {
              assertTrue(
                  rows.get(i - 1).get("value").asDouble() >= rows.get(i).get("value").asDouble(),
                  rows.toString());
            }
          }
          // Table 3 of the Pixel-SAIL paper: Pixel-SAIL 3B leads PerBench with overall 42.2
          assertEquals("pixel-sail-3b-reported", rows.get(0).get("entryId").asText());
          assertEquals(42.2, rows.get(0).get("value").asDouble(), 1e-9);
          String html = body(client.get("/benchmarks/perbench"));
          assertTrue(html.contains("Pixel-SAIL"), html);
        });
  }

  @Test
  void anEntryNamedLikeAScriptIsShownAsTextNeverAsMarkup() throws IOException {
    Path folder = copy(SUBMISSIONS, tmp.resolve("submissions"));
    Path card = folder.resolve("pixel-sail-3b-reported/model.json");
    Files.writeString(
        card, Files.readString(card).replace("\"Pixel-SAIL\"", "\"<script>alert(1)</script>\""));
    SubmissionsImport.run(folder, db, TestData.DATA);
    JavalinTest.test(
        WebApp.create(Site.of(db, TestData.DATA)),
        (server, client) -> {
          String html = body(client.get("/benchmarks/perbench"));
          assertFalse(html.contains("<script>alert(1)</script>"), html);
          assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        });
  }

  @Test
  void unknownPagesAndIdsAre404sWithoutStackTracesAndEveryResponseHasSecurityHeaders() {
    JavalinTest.test(
        WebApp.create(Site.of(db, TestData.DATA)),
        (server, client) -> {
          Response page = client.get("/benchmarks/nope");
          assertEquals(404, page.code());
          String html = body(page);
          assertTrue(html.contains("No benchmark with the id nope"), html);
          assertFalse(html.contains("at io.javalin") || html.contains("Exception"), html);
          Response api = client.get("/api/v1/benchmarks/nope/leaderboard");
          assertEquals(404, api.code());
          assertEquals(
              "No benchmark with the id nope", JSON.readTree(body(api)).get("error").asText());
          Response other = client.get("/no/such/page");
          assertEquals(404, other.code());
          assertTrue(
              page.header("Content-Security-Policy").startsWith("default-src 'none'"),
              page.headers().toString());
          assertEquals("nosniff", page.header("X-Content-Type-Options"));
          assertEquals("no-referrer", page.header("Referrer-Policy"));
        });
  }

  @Test
  void anEntryPageShowsItsCardResultsAndProvenanceAndOffersItsMetricsFile() throws IOException {
    SubmissionsImport.run(SUBMISSIONS, db, TestData.DATA);
    String committed =
        Files.readString(SUBMISSIONS.resolve("baseline-oracle/results/perbench-mini/metrics.json"));
    JavalinTest.test(
        WebApp.create(Site.of(db, TestData.DATA)),
        (server, client) -> {
          Response page = client.get("/entries/baseline-oracle");
          assertEquals(200, page.code());
          String html = body(page);
          assertTrue(html.contains("baseline:oracle"), html);
          assertTrue(html.contains("perbench-mini"), html);
          // every value of the oracle is perfect; the manifest names the model spec and data
          assertTrue(html.contains("100.00"), html);
          assertTrue(html.contains("STBench_MCQ.json"), html);
          // provenance: the profile, the prompts with their hashes, the environment
          assertTrue(html.contains("<th>prompt</th>"), html);
          assertTrue(html.contains("<th>environment</th><td>Java "), html);
          Response file = client.get("/entries/baseline-oracle/results/perbench-mini/metrics.json");
          assertEquals(200, file.code());
          assertTrue(file.header("Content-Type").startsWith("application/json"));
          assertEquals(committed, body(file));
          assertEquals(404, client.get("/entries/nobody").code());
          assertEquals(
              404, client.get("/entries/baseline-oracle/results/refcoco:val/metrics.json").code());
          String board = body(client.get("/benchmarks/perbench-mini"));
          assertTrue(board.contains("href=\"/entries/baseline-oracle\""), board);
        });
  }

  @Test
  void everyEntryAndEveryBenchmarkPageRenders() throws IOException {
    SubmissionsImport.run(SUBMISSIONS, db, TestData.DATA);
    List<String> entries;
    try (Stream<Path> s = Files.list(SUBMISSIONS)) {
      entries = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();
    }
    Site site = Site.of(db, TestData.DATA);
    Leaderboards boards = site.boards();
    JavalinTest.test(
        WebApp.create(site),
        (server, client) -> {
          for (String id : entries) {
            assertEquals(200, client.get("/entries/" + id).code(), id);
          }
          for (BenchmarkSummary b : boards.benchmarks()) {
            assertEquals(200, client.get("/benchmarks/" + b.id()).code(), b.id());
          }
        });
  }

  @Test
  void leaderboardsFilterSortRankAndDownloadAsCsv() {
    SubmissionsImport.run(SUBMISSIONS, db, TestData.DATA);
    JavalinTest.test(
        WebApp.create(Site.of(db, TestData.DATA)),
        (server, client) -> {
          String api = "/api/v1/benchmarks/refcoco:val/leaderboard";
          JsonNode all = JSON.readTree(body(client.get(api)));
          JsonNode reported = JSON.readTree(body(client.get(api + "?kind=reported")));
          assertTrue(reported.size() > 0 && reported.size() <= all.size(), reported.toString());
          reported.forEach(r -> assertEquals("reported", r.get("kind").asText()));
          JsonNode small = JSON.readTree(body(client.get(api + "?size=%3C4B")));
          assertTrue(small.size() > 0, small.toString());
          small.forEach(
              r -> assertEquals("<4B", LeaderboardQuery.bucket(r.get("size").asText(null))));
          JsonNode byName = JSON.readTree(body(client.get(api + "?sort=name")));
          for (int i = 1; i < byName.size(); i++) {
            assertTrue(
                byName
                        .get(i - 1)
                        .get("name")
                        .asText()
                        .compareToIgnoreCase(byName.get(i).get("name").asText())
                    <= 0,
                byName.toString());
          }
          // Ranks: the leader is first, and no row's best rank is worse than its worst.
          assertEquals(1, all.get(0).get("rankBest").asInt());
          all.forEach(
              r ->
                  assertTrue(
                      r.get("rankBest").asInt() <= r.get("rankWorst").asInt(), r.toString()));

          Response bad = client.get(api + "?sort=bogus");
          assertEquals(400, bad.code());
          assertEquals(
              "parameter sort: 'bogus' is not one of value, name, size",
              JSON.readTree(body(bad)).get("error").asText());
          assertEquals(400, client.get("/benchmarks/refcoco:val?kind=paper").code());

          Response csv = client.get("/benchmarks/refcoco:val/leaderboard.csv");
          assertEquals(200, csv.code());
          assertTrue(csv.header("Content-Type").startsWith("text/csv"));
          List<String> lines = body(csv).lines().toList();
          assertTrue(lines.get(0).startsWith("entry,name,organisation,size,kind,profile"));
          assertEquals(all.size() + 1, lines.size());
        });
  }

  @Test
  void aRenderedLeaderboardIsServedAgainUntilItsRowsAreReadAgain() throws IOException {
    Path folder = copy(SUBMISSIONS, tmp.resolve("submissions"));
    SubmissionsImport.run(folder, db, TestData.DATA);
    Site site = Site.of(db, TestData.DATA);
    JavalinTest.test(
        WebApp.create(site),
        (server, client) -> {
          String page = body(client.get("/benchmarks/refcoco:val"));
          String json = body(client.get("/api/v1/benchmarks/refcoco:val/leaderboard"));
          assertEquals(page, body(client.get("/benchmarks/refcoco:val")));
          assertEquals(json, body(client.get("/api/v1/benchmarks/refcoco:val/leaderboard")));
          assertFalse(page.equals(body(client.get("/benchmarks/refcoco:val?sort=name"))));
          assertEquals(400, client.get("/benchmarks/refcoco:val?sort=res.nope").code());
          assertEquals(
              400, client.get("/api/v1/benchmarks/refcoco:val/leaderboard?sort=res.nope").code());

          Path card = folder.resolve("cris-reported/model.json");
          Files.writeString(card, Files.readString(card).replace("\"CRIS\"", "\"CRIS renamed\""));
          SubmissionsImport.run(folder, db, TestData.DATA);
          site.boards().invalidate();
          assertTrue(body(client.get("/benchmarks/refcoco:val")).contains("CRIS renamed"));
          assertTrue(
              body(client.get("/api/v1/benchmarks/refcoco:val/leaderboard"))
                  .contains("CRIS renamed"));
        });
  }

  @Test
  void aLeaderboardIsGzippedForTheRequestsThatAcceptGzip() throws IOException {
    SubmissionsImport.run(SUBMISSIONS, db, TestData.DATA);
    JavalinTest.test(
        WebApp.create(Site.of(db, TestData.DATA)),
        (server, client) -> {
          for (String path :
              List.of("/benchmarks/refcoco:val", "/api/v1/benchmarks/refcoco:val/leaderboard")) {
            Response plain = client.get(path);
            assertEquals(null, plain.header("Content-Encoding"));
            byte[] identity = plain.body().bytes();
            for (int i = 0; i < 2; i++) { // rendered, then cached
              Response zipped =
                  client.request(path, b -> b.header("Accept-Encoding", "br, GZIP;q=0.9"));
              assertEquals(200, zipped.code());
              assertEquals("gzip", zipped.header("Content-Encoding"));
              assertEquals(plain.header("Content-Type"), zipped.header("Content-Type"));
              try (var in = new java.util.zip.GZIPInputStream(zipped.body().byteStream())) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(identity, in.readAllBytes());
              }
            }
          }
          // as Javalin does, an answer under 1,500 bytes goes as it is
          Response small =
              client.request(
                  "/api/v1/benchmarks/refcocog-google:val/leaderboard",
                  b -> b.header("Accept-Encoding", "gzip"));
          assertEquals(null, small.header("Content-Encoding"));
          assertEquals("[]", body(small));
        });
  }

  private static Path copy(Path from, Path to) throws IOException {
    // commons-io (with commons-csv already): the tree as it is, files and folders
    PathUtils.copyDirectory(from, to);
    return to;
  }
}
