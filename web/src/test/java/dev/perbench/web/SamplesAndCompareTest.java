package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.harness.run.MetricsFiles;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.SampleMetric;
import dev.perbench.harness.score.SampleScore;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.xml.sax.InputSource;

/**
 * Per-sample results, the sample browser, overlays, the compare page and the charts, over the
 * committed entries that have predictions on the bundled perbench-mini (the reproduced Pixel-SAIL
 * mini model and the four baselines), imported once into a new database of each kind: every test
 * runs on both databases, H2 and PostgreSQL ({@link TestDatabase}).
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class SamplesAndCompareTest {
  @Parameter TestDatabase database;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MINI = "perbench-mini";
  private static final String PIXEL = "pixel-mini-reproduced";
  private static final String ORACLE = "baseline-oracle";
  static HikariDataSource db;
  static Site site;

  @BeforeParameterizedClassInvocation
  static void importOnce(TestDatabase database) {
    db = database.open();
    SubmissionsImport.Report r = SubmissionsImport.run(TestData.SUBMISSIONS, db, TestData.DATA);
    assertEquals(List.of(), r.skipped());
    site = Site.of(db, TestData.DATA);
  }

  @AfterParameterizedClassInvocation
  static void close() {
    db.close();
  }

  static Javalin app() {
    return WebApp.create(site);
  }

  static String body(Response r) throws IOException {
    return r.body().string();
  }

  static Evaluation committed(String entry) {
    return MetricsFiles.read(
        TestData.SUBMISSIONS.resolve(entry + "/results/" + MINI + "/metrics.json"));
  }

  static double ratio(List<SampleScore> scores, String task, SampleMetric m) {
    double num = 0;
    double den = 0;
    for (SampleScore s : scores) {
      if (s.task().id().equals(task)) {
        num += m.numerator(s);
        den += m.denominator(s);
      }
    }
    return den == 0 ? 0 : num / den;
  }

  @Test
  void everyEntryWithPredictionsIsScoredSampleBySampleAsItsCommittedMetricsSay() {
    for (String entry :
        List.of(PIXEL, ORACLE, "baseline-empty", "baseline-full-image", "baseline-random-choice")) {
      List<SampleScore> scores = site.samples().scores(entry, MINI);
      Evaluation e = committed(entry);
      assertEquals(e.n(), scores.size(), entry);
      var t = e.tasks();
      // cIoU's sums are whole pixel counts: exact; the means to the last few ulps
      assertEquals(t.vres().ciou(), ratio(scores, "vres", SampleMetric.CIOU), 0.0, entry);
      assertEquals(t.res().ciou(), ratio(scores, "res", SampleMetric.CIOU), 0.0, entry);
      assertEquals(t.vres().giou(), ratio(scores, "vres", SampleMetric.GIOU), 1e-12, entry);
      assertEquals(t.res().giou(), ratio(scores, "res", SampleMetric.GIOU), 1e-12, entry);
      assertEquals(t.mcq().accuracy(), ratio(scores, "mcq", SampleMetric.ACCURACY), 1e-12, entry);
      assertEquals(
          t.caption().meteor(), ratio(scores, "caption", SampleMetric.METEOR), 1e-12, entry);
    }
    // a result copied from a paper has no predictions and so no samples
    assertEquals(List.of(), site.samples().scores("pixel-sail-3b-reported", "perbench"));
  }

  @Test
  void theSampleBrowserPagesSortsAndFiltersAndItsApiSaysTheSame() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          String api = "/api/v1/entries/" + PIXEL + "/samples?bench=" + MINI;
          JsonNode first = JSON.readTree(body(client.get(api)));
          assertEquals("caption", first.get("query").get("task").asText()); // the first task
          assertEquals(List.of("caption", "mcq", "vres", "res"), strings(first.get("tasks")));
          assertEquals(committed(PIXEL).tasks().caption().n(), first.get("total").asLong());
          assertEquals(SampleQuery.PAGE_SIZE, first.get("samples").size());
          assertEquals(0, first.get("samples").get(0).get("seq").asInt());
          // a sample's task is its id, as in query.task and tasks (not the enum name CAPTION)
          assertEquals("caption", first.get("samples").get(0).get("score").get("task").asText());

          JsonNode worst = JSON.readTree(body(client.get(api + "&task=vres&sort=worst")));
          JsonNode rows = worst.get("samples");
          for (int i = 1; i < rows.size(); i++) {
            assertTrue(
                rows.get(i - 1).get("score").get("score").asDouble()
                    <= rows.get(i).get("score").get("score").asDouble(),
                rows.toString());
          }
          // the last page holds the rest
          int total = worst.get("total").asInt();
          int pages = worst.get("pages").asInt();
          assertEquals((total + SampleQuery.PAGE_SIZE - 1) / SampleQuery.PAGE_SIZE, pages);
          JsonNode last = JSON.readTree(body(client.get(api + "&task=vres&page=" + pages)));
          assertEquals(total - (pages - 1) * SampleQuery.PAGE_SIZE, last.get("samples").size());

          // against the oracle (every mask perfect), the mini model is never right where the
          // oracle is wrong, and where it is wrong the oracle is right
          String vs = api + "&task=vres&vs=" + ORACLE;
          JsonNode bRight = JSON.readTree(body(client.get(vs + "&filter=b-right-a-wrong")));
          JsonNode aRight = JSON.readTree(body(client.get(vs + "&filter=a-right-b-wrong")));
          assertEquals(0, aRight.get("total").asInt());
          long wrong =
              site.samples().scores(PIXEL, MINI).stream()
                  .filter(s -> s.task().id().equals("vres") && s.score() < 0.5)
                  .count();
          assertEquals(wrong, bRight.get("total").asLong());
          bRight
              .get("samples")
              .forEach(s -> assertEquals(1.0, s.get("vs").get("score").asDouble()));

          String html =
              body(client.get("/entries/" + PIXEL + "/samples?bench=" + MINI + "&task=mcq"));
          assertTrue(html.contains("A chose"), html);
          // numbers in the page: not strings joined (OGNL flattens 'a' + (b + 1) into 'a' + b + 1)
          long firstMcq = committed(PIXEL).tasks().caption().n() + 1; // the captions come first
          assertTrue(html.contains(">#" + firstMcq + " mcq:"), html);
          assertTrue(html.contains("&amp;page=2\">next</a>"), html);
          assertTrue(html.contains("correct"), html);
          assertTrue(
              html.contains("/entries/" + PIXEL + "/overlay.png?bench=" + MINI + "&amp;sample="),
              html);
        });
  }

  @Test
  void badSampleBrowserParametersAre400sNamingTheParameterAndUnknownIds404s() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          String api = "/api/v1/entries/" + PIXEL + "/samples";
          assertError(client.get(api), 400, "parameter bench: required");
          assertError(client.get(api + "?bench=" + MINI + "&page=0"), 400, "parameter page");
          assertError(client.get(api + "?bench=" + MINI + "&page=x"), 400, "parameter page");
          assertError(client.get(api + "?bench=" + MINI + "&sort=up"), 400, "parameter sort");
          assertError(client.get(api + "?bench=" + MINI + "&task=draw"), 400, "parameter task");
          assertError(client.get(api + "?bench=" + MINI + "&filter=a-better"), 400, "needs vs");
          assertError(client.get(api + "?bench=refcoco:val"), 404, "No per-sample results");
          assertError(client.get(api + "?bench=" + MINI + "&vs=nobody"), 404, "nobody");
          assertError(client.get("/api/v1/entries/nobody/samples?bench=" + MINI), 404, "No entry");
          Response page = client.get("/entries/" + PIXEL + "/samples?bench=" + MINI + "&page=-1");
          assertEquals(400, page.code());
          assertTrue(body(page).contains("parameter page"));
        });
  }

  @Test
  void overlaysArePngsOfTheImagesSizeCachedAndTheirViewsChecked() throws IOException {
    String sample =
        site.samples().scores(PIXEL, MINI).stream()
            .filter(s -> s.task().id().equals("res"))
            .findFirst()
            .orElseThrow()
            .sampleId();
    JavalinTest.test(
        app(),
        (server, client) -> {
          String url = "/entries/" + PIXEL + "/overlay.png?bench=" + MINI + "&sample=" + sample;
          Response r = client.get(url);
          assertEquals(200, r.code());
          assertEquals("image/png", r.header("Content-Type"));
          assertEquals("public, max-age=3600", r.header("Cache-Control"));
          byte[] png = r.body().bytes();
          BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
          int[] size =
              TestData.DATA
                  .sample(MINI, sample)
                  .map(s -> new int[] {s.image().height(), s.image().width()})
                  .orElseThrow();
          assertArrayEquals(size, new int[] {img.getHeight(), img.getWidth()});
          assertArrayEquals(png, client.get(url).body().bytes(), "the cached image is the same");
          assertEquals(200, client.get(url + "&view=diff").code());
          Response badView = client.get(url + "&view=x-ray");
          assertEquals(400, badView.code());
          assertTrue(body(badView).contains("parameter view"));
          assertEquals(
              404,
              client
                  .get("/entries/" + PIXEL + "/overlay.png?bench=" + MINI + "&sample=nope")
                  .code());
          assertEquals(400, client.get("/entries/" + PIXEL + "/overlay.png?bench=" + MINI).code());
        });
  }

  @Test
  void comparingWithTheOracleIsSignificantEverywhereTheModelIsImperfect() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          JsonNode c =
              JSON.readTree(body(client.get("/api/v1/compare?a=" + ORACLE + "&b=" + PIXEL)));
          assertEquals(ORACLE, c.get("a").get("id").asText());
          JsonNode mini = c.get("benchmarks").get(0);
          assertEquals(MINI, mini.get("benchmark").asText());
          assertTrue(mini.get("note").isNull(), mini.toString());
          Evaluation e = committed(PIXEL);
          for (JsonNode m : mini.get("paired")) {
            String task = m.get("task").asText();
            long n =
                e.tasks().byTask().entrySet().stream()
                    .filter(t -> t.getKey().id().equals(task))
                    .findFirst()
                    .orElseThrow()
                    .getValue()
                    .n();
            assertEquals(n, m.get("shared").asLong(), m.toString());
            assertEquals(
                m.get("shared").asInt(),
                m.get("aWins").asInt() + m.get("bWins").asInt() + m.get("ties").asInt());
            if (!task.equals("caption")) { // the oracle's captions are the first reference
              assertEquals(0, m.get("bWins").asInt(), m.toString()); // nothing beats perfect
            }
            assertEquals(
                m.get("a").asDouble() - m.get("b").asDouble(),
                m.get("difference").asDouble(),
                1e-12);
            assertTrue(m.get("lower").asDouble() <= m.get("difference").asDouble());
            assertTrue(m.get("upper").asDouble() >= m.get("difference").asDouble());
          }
          JsonNode vres = find(mini.get("paired"), "vres", "ciou");
          assertEquals(1.0, vres.get("a").asDouble());
          assertEquals(e.tasks().vres().ciou(), vres.get("b").asDouble(), 0.0);
          assertTrue(vres.get("lower").asDouble() > 0, vres.toString());
          assertTrue(vres.get("pValue").asDouble() < 0.01, vres.toString());

          String html = body(client.get("/compare?a=" + ORACLE + "&b=" + PIXEL));
          assertTrue(html.contains("Paired comparison"), html);
          assertTrue(html.contains("significant"), html);
          assertTrue(html.contains("/compare/scatter.svg?a=" + ORACLE), html);
          String csv = body(client.get("/compare.csv?a=" + ORACLE + "&b=" + PIXEL));
          assertTrue(csv.startsWith("benchmark,task,metric,a,b,difference,shared,ci_lower"), csv);
          assertTrue(csv.contains("perbench-mini,vres,ciou,1.0,"), csv);
        });
  }

  @Test
  void entriesWithoutPredictionsOrWithOtherProfilesAreComparedWithoutAPairedTest() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          JsonNode c =
              JSON.readTree(
                  body(
                      client.get(
                          "/api/v1/compare?a=pixel-sail-3b-reported&b=glamm-7b-ft-reported"
                              + "&bench=refcoco:val")));
          assertEquals(1, c.get("benchmarks").size());
          JsonNode b = c.get("benchmarks").get(0);
          assertEquals(0, b.get("paired").size());
          assertTrue(
              b.get("note").asText().contains("per-sample predictions")
                  || b.get("note").asText().contains("different profiles"),
              b.toString());
          assertError(client.get("/api/v1/compare?b=" + PIXEL), 400, "parameter a: required");
          assertError(client.get("/api/v1/compare?a=nobody&b=" + PIXEL), 404, "nobody");
          assertError(
              client.get("/api/v1/compare?a=" + PIXEL + "&b=" + ORACLE + "&bench=nope"),
              404,
              "nope");
          // the leaderboard's checkboxes
          Response two = client.get("/compare?e=" + ORACLE + "&e=" + PIXEL);
          assertEquals(200, two.code()); // the test client follows the redirect
          assertTrue(
              two.request().url().toString().endsWith("/compare?a=" + ORACLE + "&b=" + PIXEL));
          Response one = client.get("/compare?e=" + ORACLE);
          assertEquals(400, one.code());
          assertTrue(body(one).contains("exactly two"));
        });
  }

  @Test
  void chartsAreWellFormedSvgWithEveryNameEscaped() throws Exception {
    List<LeaderboardRow> rows =
        List.of(
            new LeaderboardRow(
                "x",
                "<script>alert(1)</script> & co",
                null,
                null,
                "submitted",
                "standard",
                "res ciou",
                50.0,
                40.0,
                60.0,
                0L,
                false,
                false,
                java.util.Map.of(),
                1,
                1));
    String svg = SvgCharts.whiskers(rows, "t <b>");
    assertFalse(svg.contains("<script>"), svg);
    assertTrue(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"), svg);
    parse(svg);
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response chart = client.get("/benchmarks/refcoco:val/chart.svg");
          assertEquals(200, chart.code());
          assertTrue(chart.header("Content-Type").startsWith("image/svg+xml"));
          String text = body(chart);
          parse(text);
          assertTrue(text.contains("<circle"), text);
          Response scatter =
              client.get(
                  "/compare/scatter.svg?a="
                      + PIXEL
                      + "&b=baseline-full-image&bench="
                      + MINI
                      + "&task=vres");
          assertEquals(200, scatter.code());
          String s = body(scatter);
          parse(s);
          long points = s.split("class=\"point\"", -1).length - 1;
          assertEquals(committed(PIXEL).tasks().vres().n(), points);
          String mcq =
              body(
                  client.get(
                      "/compare/scatter.svg?a="
                          + PIXEL
                          + "&b="
                          + ORACLE
                          + "&bench="
                          + MINI
                          + "&task=mcq"));
          assertTrue(mcq.contains("class=\"count\""), mcq); // 0/1 scores: corner counts
        });
  }

  @Test
  void anEntryOffersItsMetricsCsvPredictionsAndSamples() throws IOException {
    Path file = TestData.SUBMISSIONS.resolve(PIXEL + "/results/" + MINI + "/predictions.jsonl");
    long lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count();
    JavalinTest.test(
        app(),
        (server, client) -> {
          String base = "/entries/" + PIXEL + "/results/" + MINI;
          Response csv = client.get(base + "/metrics.csv");
          assertEquals(200, csv.code());
          assertEquals(MetricsFiles.csvText(committed(PIXEL)), body(csv));
          Response p = client.get(base + "/predictions.jsonl");
          assertEquals(200, p.code());
          assertEquals(lines, body(p).lines().count());
          String samples = body(client.get(base + "/samples.csv"));
          assertEquals(committed(PIXEL).n() + 1, samples.lines().count());
          assertEquals(
              404,
              client
                  .get("/entries/pixel-sail-3b-reported/results/perbench/predictions.jsonl")
                  .code());
          String html = body(client.get("/entries/" + PIXEL));
          assertTrue(html.contains("browse samples"), html);
        });
  }

  private static JsonNode find(JsonNode paired, String task, String metric) {
    for (JsonNode m : paired) {
      if (m.get("task").asText().equals(task) && m.get("metric").asText().equals(metric)) {
        return m;
      }
    }
    throw new AssertionError(task + " " + metric + " not in " + paired);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static void assertError(Response r, int code, String part) throws IOException {
    String text = body(r);
    assertEquals(code, r.code(), text);
    assertTrue(JSON.readTree(text).get("error").asText().contains(part), text);
  }

  private static void parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }
}
