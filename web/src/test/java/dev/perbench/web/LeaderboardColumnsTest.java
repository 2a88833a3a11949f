package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.harness.run.MetricsFiles;
import dev.perbench.harness.score.CaptionTaskResult;
import dev.perbench.harness.score.ChoiceJudgeScore;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.JudgeScore;
import dev.perbench.harness.submissions.SubmissionCard;
import dev.perbench.web.store.EntryStore;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every metric of a benchmark as a leaderboard column: shown, sortable, ranked and downloadable,
 * with the values of the committed paper entries (Table 3 of the Pixel-SAIL paper).
 */
class LeaderboardColumnsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  HikariDataSource db;

  @BeforeEach
  void database() {
    db = WebDatabase.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    SubmissionsImport.run(TestData.SUBMISSIONS, db, TestData.DATA);
  }

  @AfterEach
  void close() {
    db.close();
  }

  static String body(Response r) throws IOException {
    return r.body().string();
  }

  @Test
  void perbenchHasAColumnPerMetricWithThePapersValues() {
    Leaderboards boards = Site.of(db, TestData.DATA).boards();
    List<String> keys = boards.columns("perbench").stream().map(Leaderboards.Column::key).toList();
    assertEquals(
        List.of("caption.meteor", "mcq.accuracy", "vres.ciou", "vres.giou", "perbench.overall"),
        keys);
    LeaderboardRow pixel =
        boards.rows("perbench").stream()
            .filter(r -> r.entryId().equals("pixel-sail-3b-reported"))
            .findFirst()
            .orElseThrow();
    // Table 3: METEOR 24.2, accuracy 74.0, cIoU 33.4, gIoU 23.5, overall 42.2
    assertEquals(24.2, pixel.cell("caption.meteor").value(), 1e-9);
    assertEquals(74.0, pixel.cell("mcq.accuracy").value(), 1e-9);
    assertEquals(33.4, pixel.cell("vres.ciou").value(), 1e-9);
    assertEquals(23.5, pixel.cell("vres.giou").value(), 1e-9);
    assertEquals(42.2, pixel.cell("perbench.overall").value(), 1e-9);
  }

  @Test
  void anLlmJudgesScoreIsAColumnNamedForTheJudge() throws Exception {
    Evaluation e =
        MetricsFiles.read(
            TestData.SUBMISSIONS.resolve(
                "pixel-mini-reproduced/results/perbench-mini/metrics.json"));
    CaptionTaskResult caption = e.tasks().caption();
    long rated = caption.n() - caption.missing() - caption.failed() - 2;
    JudgeScore judge =
        new JudgeScore(
            87.5,
            List.of(81.25, 93.0),
            "pairwise-ref",
            "a".repeat(64),
            "gpt-4o-mini",
            "gpt-4o-mini-2024-07-18",
            "api.openai.com",
            0.0,
            0L,
            rated,
            2,
            0,
            0.125,
            2 * rated + 4,
            0,
            1000,
            100);
    // and the same judge's reading of the mcq answers the strict extractor could not parse (the
    // mini reproduction has none unparsed: a reading of nothing, accuracy the strict one)
    ChoiceJudgeScore mcq =
        new ChoiceJudgeScore(
            e.tasks().mcq().accuracy(),
            e.tasks().mcq().ci().accuracy(),
            "b".repeat(64),
            "gpt-4o-mini",
            null,
            "api.openai.com",
            0.0,
            0L,
            e.tasks().mcq().unparsed(),
            0,
            0,
            0,
            e.tasks().mcq().unparsed(),
            0,
            e.tasks().mcq().unparsed(),
            0,
            0,
            0);
    Evaluation judged =
        e.withJudges(java.util.Map.of("gpt-4o-mini", judge))
            .withChoiceJudges(java.util.Map.of("gpt-4o-mini", mcq));
    EntryStore.store(
        db,
        new EntryStore.Entry(
            "judged-entry",
            new SubmissionCard(
                "Judged model",
                null,
                null,
                null,
                "reproduced",
                "LeaderboardColumnsTest",
                "2026-11",
                null),
            "reproduced",
            null,
            EntryStore.PUBLISHED,
            EntryStore.PUBLIC,
            "0".repeat(64),
            List.of(
                new EntryStore.Result(
                    "perbench-mini",
                    judged,
                    MetricsFiles.jsonText(judged),
                    null,
                    "test",
                    false,
                    null))));
    Leaderboards boards = Site.of(db, TestData.DATA).boards();
    List<String> keys =
        boards.columns("perbench-mini").stream().map(Leaderboards.Column::key).toList();
    assertEquals(
        keys.indexOf("caption.meteor") + 1,
        keys.indexOf("caption.judge:gpt-4o-mini"),
        "after METEOR: " + keys);
    LeaderboardRow row =
        boards.rows("perbench-mini").stream()
            .filter(r -> r.entryId().equals("judged-entry"))
            .findFirst()
            .orElseThrow();
    assertEquals(87.5, row.cell("caption.judge:gpt-4o-mini").value());
    assertEquals(
        keys.indexOf("mcq.accuracy") + 1, keys.indexOf("mcq.judge:gpt-4o-mini"), keys.toString());
    assertEquals(
        100 * e.tasks().mcq().accuracy(), row.cell("mcq.judge:gpt-4o-mini").value(), 1e-12);
    JavalinTest.test(
        WebApp.create(Site.of(db, TestData.DATA)),
        (server, client) -> {
          String api = "/api/v1/benchmarks/perbench-mini/leaderboard";
          JsonNode sorted =
              JSON.readTree(body(client.get(api + "?sort=caption.judge:gpt-4o-mini")));
          assertTrue(sorted.isArray(), sorted.toString());
          assertEquals("judged-entry", sorted.get(0).get("entryId").asText(), sorted.toString());
          String page = body(client.get("/benchmarks/perbench-mini"));
          assertTrue(page.contains("judge:gpt-4o-mini"), "the column names the judge");
        });
  }

  @Test
  void anyColumnSortsAndRanksAndTaskWithMetricIsTheSameSort() {
    JavalinTest.test(
        WebApp.create(Site.of(db, TestData.DATA)),
        (server, client) -> {
          String api = "/api/v1/benchmarks/perbench/leaderboard";
          JsonNode byGiou = JSON.readTree(body(client.get(api + "?sort=vres.giou")));
          for (int i = 1; i < byGiou.size(); i++) {
            JsonNode prev = byGiou.get(i - 1);
            JsonNode row = byGiou.get(i);
            if (prev.get("profile").equals(row.get("profile"))) {
              assertTrue(
                  prev.get("cells").get("vres.giou").get("value").asDouble()
                      >= row.get("cells").get("vres.giou").get("value").asDouble(),
                  byGiou.toString());
            }
          }
          // values without intervals rank exactly: the best gIoU is rank 1 on that column
          assertEquals(1, byGiou.get(0).get("rankBest").asInt());
          assertEquals(byGiou, JSON.readTree(body(client.get(api + "?task=vres&metric=giou"))));
          Response bad = client.get(api + "?sort=vres.nope");
          assertEquals(400, bad.code());
          String error = JSON.readTree(body(bad)).get("error").asText();
          assertTrue(error.startsWith("parameter sort: 'vres.nope' is not a column"), error);
          assertTrue(error.contains("vres.giou"), error);
          Response half = client.get(api + "?task=vres");
          assertEquals(400, half.code());
          assertTrue(body(half).contains("parameter metric"));

          String html = body(client.get("/benchmarks/perbench?sort=vres.giou"));
          assertTrue(html.contains("vres giou ↑"), html);
          String csv = body(client.get("/benchmarks/perbench/leaderboard.csv"));
          String header = csv.lines().findFirst().orElseThrow();
          assertTrue(
              header.endsWith(
                  ",vres.giou,vres.giou_ci_lower,vres.giou_ci_upper,"
                      + "perbench.overall,perbench.overall_ci_lower,perbench.overall_ci_upper"),
              header);
          // a harness-computed result shows its intervals as bars
          String mini = body(client.get("/benchmarks/perbench-mini"));
          assertTrue(mini.contains("class=\"cibar\""), mini);
          // the home page counts the bundled benchmark's samples
          String home = body(client.get("/"));
          assertTrue(home.contains("<td class=\"num\">1186</td>"), home);
        });
  }

  @Test
  void entriesStoredByOlderImportRulesAreImportedAgain() throws Exception {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE entries SET import_version = 1 WHERE id = 'cris-reported'");
      s.executeUpdate("DELETE FROM result_values WHERE entry_id = 'cris-reported'");
    }
    SubmissionsImport.Report r = SubmissionsImport.run(TestData.SUBMISSIONS, db, TestData.DATA);
    assertEquals(List.of("cris-reported"), r.imported());
    assertTrue(
        Site.of(db, TestData.DATA).boards().rows("refcoco:val").stream()
            .filter(x -> x.entryId().equals("cris-reported"))
            .allMatch(x -> x.cell("res.ciou") != null));
  }
}
