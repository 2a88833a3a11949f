package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.web.accounts.Accounts;
import dev.perbench.web.accounts.Role;
import dev.perbench.web.accounts.Scope;
import dev.perbench.web.accounts.User;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A private entry is seen, per-sample results included, by its owner (and admins) only, on every
 * route that takes an entry id; a hidden benchmark's per-sample results by admins only, while its
 * aggregate numbers stay public. Every test runs on both databases, H2 and PostgreSQL ({@link
 * TestDatabase}), each on a new one.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class OwnerAndHiddenTest {
  @Parameter TestDatabase database;

  static final String PASSWORD = "correct horse battery";
  static final String ID = "pixel-mini-reproduced";
  static final String MINI = "perbench-mini";
  HikariDataSource db;
  Javalin app;
  String sample;
  String owner;
  String other;
  String ownerSubmitOnly;
  String admin;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    db = database.open();
    SubmissionsImport.run(TestData.SUBMISSIONS, db, TestData.DATA);
    Site site = Site.of(db, TestData.DATA);
    Accounts accounts = site.auth().accounts();
    User ada = accounts.create("ada@example.org", Role.PARTICIPANT, PASSWORD, "t");
    User bob = accounts.create("bob@example.org", Role.PARTICIPANT, PASSWORD, "t");
    User root = accounts.create("root@example.org", Role.ADMIN, PASSWORD, "t");
    owner = accounts.createToken(ada, "all", null, "t");
    ownerSubmitOnly = accounts.createToken(ada, "ci", Scope.SUBMIT, "t");
    other = accounts.createToken(bob, "all", null, "t");
    admin = accounts.createToken(root, "all", null, "t");
    sample = site.samples().scores(ID, MINI).get(0).sampleId();
    app = WebApp.create(site).start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
    db.close();
  }

  void sql(String statement) throws Exception {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }

  int status(String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  List<String> entryRoutes() {
    return List.of(
        "/entries/" + ID,
        "/api/v1/entries/" + ID,
        "/entries/" + ID + "/results/" + MINI + "/metrics.json",
        "/entries/" + ID + "/results/" + MINI + "/metrics.csv",
        "/entries/" + ID + "/results/" + MINI + "/predictions.jsonl",
        "/entries/" + ID + "/results/" + MINI + "/samples.csv",
        "/entries/" + ID + "/samples?bench=" + MINI,
        "/api/v1/entries/" + ID + "/samples?bench=" + MINI,
        "/entries/" + ID + "/overlay.png?bench=" + MINI + "&sample=" + sample,
        "/compare?a=" + ID + "&b=baseline-oracle",
        "/api/v1/compare?a=baseline-oracle&b=" + ID,
        "/compare/scatter.svg?a=" + ID + "&b=baseline-oracle&bench=" + MINI + "&task=vres",
        "/api/v1/entries/baseline-oracle/samples?bench=" + MINI + "&vs=" + ID);
  }

  @Test
  void aPrivateEntryIsItsOwnersAndTheAdminsOnEveryRouteWithItsId() throws Exception {
    User ada = Site.of(db, TestData.DATA).auth().accounts().find("ada@example.org").orElseThrow();
    sql(
        "UPDATE entries SET owner = '"
            + ada.id()
            + "', visibility = 'private' WHERE id = '"
            + ID
            + "'");
    for (String path : entryRoutes()) {
      assertEquals(200, status(path, owner), "owner: " + path);
      assertEquals(200, status(path, admin), "admin: " + path);
      assertEquals(404, status(path, null), "anyone: " + path);
      assertEquals(404, status(path, other), "another user: " + path);
      assertEquals(404, status(path, ownerSubmitOnly), "a submit-only token: " + path);
    }
    String board =
        http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port() + "/benchmarks/" + MINI))
                    .header("Authorization", "Bearer " + owner)
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertFalse(
        board.contains("/entries/" + ID + "\""), "not on the public board, even for its owner");
  }

  @Test
  void aHiddenBenchmarkShowsAggregatesToEveryoneAndSamplesToAdminsOnly() throws Exception {
    sql("INSERT INTO hidden_benchmarks (benchmark) VALUES ('" + MINI + "')");
    List<String> perSample =
        List.of(
            "/entries/" + ID + "/results/" + MINI + "/predictions.jsonl",
            "/entries/" + ID + "/results/" + MINI + "/samples.csv",
            "/entries/" + ID + "/samples?bench=" + MINI,
            "/api/v1/entries/" + ID + "/samples?bench=" + MINI,
            "/entries/" + ID + "/overlay.png?bench=" + MINI + "&sample=" + sample,
            "/compare/scatter.svg?a=" + ID + "&b=baseline-oracle&bench=" + MINI + "&task=vres",
            "/api/v1/entries/baseline-oracle/samples?bench=" + MINI + "&vs=" + ID);
    for (String path : perSample) {
      assertEquals(404, status(path, null), "anyone: " + path);
      assertEquals(404, status(path, owner), "a participant: " + path);
      assertEquals(200, status(path, admin), "admin: " + path);
    }
    for (String path :
        List.of(
            "/entries/" + ID,
            "/benchmarks/" + MINI,
            "/entries/" + ID + "/results/" + MINI + "/metrics.json",
            "/api/v1/compare?a=baseline-oracle&b=" + ID)) {
      assertEquals(200, status(path, null), "aggregates: " + path);
    }
    String page =
        http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port() + "/entries/" + ID))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertTrue(page.contains("ground truth is hidden"), page);
    assertFalse(page.contains("browse samples"), page);
  }
}
