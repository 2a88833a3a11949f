package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.zaxxer.hikari.HikariDataSource;
import io.javalin.testtools.JavalinTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An entry that is not both published and public (a hosted submission still queued, a private one)
 * is absent from every page, list, download and API answer. Every test runs on both databases, H2
 * and PostgreSQL ({@link TestDatabase}), each on a new one.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class VisibilityTest {
  @Parameter TestDatabase database;

  private static final String ID = "pixel-mini-reproduced";
  private static final String MINI = "perbench-mini";
  HikariDataSource db;

  @BeforeEach
  void database() {
    db = database.open();
    SubmissionsImport.run(TestData.SUBMISSIONS, db, TestData.DATA);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @ParameterizedTest
  @CsvSource({"status, queued", "visibility, private"})
  void aHiddenEntryIsNowhere(String column, String value) throws Exception {
    String sample;
    try (Connection c = db.getConnection();
        PreparedStatement u =
            c.prepareStatement("UPDATE entries SET " + column + " = ? WHERE id = ?")) {
      sample = new SampleResults(db).scores(ID, MINI).get(0).sampleId();
      u.setString(1, value);
      u.setString(2, ID);
      assertEquals(1, u.executeUpdate());
    }
    Site site = Site.of(db, TestData.DATA);
    assertFalse(site.boards().rows(MINI).stream().anyMatch(r -> r.entryId().equals(ID)));
    assertEquals(List.of(), site.samples().scores(ID, MINI));
    JavalinTest.test(
        WebApp.create(site),
        (server, client) -> {
          for (String path :
              List.of(
                  "/entries/" + ID,
                  "/api/v1/entries/" + ID,
                  "/entries/" + ID + "/results/" + MINI + "/metrics.json",
                  "/entries/" + ID + "/results/" + MINI + "/metrics.csv",
                  "/entries/" + ID + "/results/" + MINI + "/predictions.jsonl",
                  "/entries/" + ID + "/samples?bench=" + MINI,
                  "/api/v1/entries/" + ID + "/samples?bench=" + MINI,
                  "/entries/" + ID + "/overlay.png?bench=" + MINI + "&sample=" + sample,
                  "/compare?a=" + ID + "&b=baseline-oracle",
                  "/api/v1/compare?a=baseline-oracle&b=" + ID,
                  "/api/v1/entries/baseline-oracle/samples?bench=" + MINI + "&vs=" + ID)) {
            assertEquals(404, client.get(path).code(), path);
          }
          String board = client.get("/benchmarks/" + MINI).body().string();
          assertFalse(board.contains(ID), board);
        });
  }
}
