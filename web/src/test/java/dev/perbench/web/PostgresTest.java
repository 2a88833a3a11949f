package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same schema, import and queries on a real PostgreSQL as on H2: Flyway migrates it, the import
 * is idempotent, and every leaderboard and entry reads the same on both.
 */
class PostgresTest {
  private static final Path SUBMISSIONS = Path.of("..", "submissions");
  private static RealPostgres server;
  private static HikariDataSource pg;
  private static HikariDataSource h2;

  @BeforeAll
  static void start() throws Exception {
    server = RealPostgres.start();
    pg = WebDatabase.open(server.jdbcUrl());
    h2 = WebDatabase.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @AfterAll
  static void stop() throws Exception {
    if (pg != null) {
      pg.close();
    }
    if (h2 != null) {
      h2.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theImportAndEveryLeaderboardAndEntryReadTheSameAsOnH2() {
    SubmissionsImport.Report first = SubmissionsImport.run(SUBMISSIONS, pg, TestData.DATA);
    assertEquals(List.of(), first.skipped());
    assertTrue(first.imported().size() >= 28, first.toString());
    assertEquals(List.of(), SubmissionsImport.run(SUBMISSIONS, pg, TestData.DATA).imported());
    SubmissionsImport.run(SUBMISSIONS, h2, TestData.DATA);
    Leaderboards onPg = new Leaderboards(pg);
    Leaderboards onH2 = new Leaderboards(h2);
    assertEquals(onH2.benchmarks(), onPg.benchmarks());
    for (BenchmarkSummary b : onH2.benchmarks()) {
      assertEquals(onH2.rows(b.id()), onPg.rows(b.id()), b.id());
    }
    for (String id : first.imported()) {
      assertEquals(onH2.entry(id), onPg.entry(id), id);
    }
    Site sitePg = Site.of(pg, TestData.DATA);
    Site siteH2 = Site.of(h2, TestData.DATA);
    String mini = "perbench-mini";
    List<String> withSamples =
        List.of("pixel-mini-reproduced", "baseline-oracle", "baseline-full-image");
    for (String id : withSamples) {
      List<?> scores = sitePg.samples().scores(id, mini);
      assertTrue(scores.size() > 1000, id);
      assertEquals(siteH2.samples().scores(id, mini), scores, id);
      assertEquals(
          siteH2.samples().predictionLines(id, mini, Viewer.ANYONE),
          sitePg.samples().predictionLines(id, mini, Viewer.ANYONE));
      for (String task : List.of("caption", "mcq", "vres", "res")) {
        for (String sort : SampleQuery.SORTS) {
          for (String filter : new String[] {null, "a-better", "b-right-a-wrong"}) {
            SampleQuery q = new SampleQuery(mini, task, sort, 2, "baseline-oracle", filter);
            assertEquals(
                siteH2.browser().page(id, q, Viewer.ANYONE),
                sitePg.browser().page(id, q, Viewer.ANYONE),
                id + " " + q);
          }
        }
      }
    }
    assertEquals(
        siteH2
            .comparisons()
            .compare("pixel-mini-reproduced", "baseline-full-image", null, Viewer.ANYONE),
        sitePg
            .comparisons()
            .compare("pixel-mini-reproduced", "baseline-full-image", null, Viewer.ANYONE));
  }
}
