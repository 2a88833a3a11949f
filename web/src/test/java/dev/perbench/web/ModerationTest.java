package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.web.accounts.Accounts;
import dev.perbench.web.accounts.Role;
import dev.perbench.web.accounts.User;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Owners publish and withdraw their hosted entries (one public entry per benchmark represents
 * them); admins hide, flag and verify; imported entries stay read-only; everyone else gets 404 or
 * 403. Two of the committed perbench-mini entries are made hosted entries of one user. Every test
 * runs on both databases, H2 and PostgreSQL ({@link TestDatabase}), each on a new one.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ModerationTest {
  @Parameter TestDatabase database;

  static final String PASSWORD = "correct horse battery";
  static final String A = "pixel-mini-reproduced";
  static final String B = "baseline-full-image";
  static final String MINI = "perbench-mini";
  static final ObjectMapper JSON = new ObjectMapper();
  HikariDataSource db;
  Javalin app;
  String ada;
  String bob;
  String root;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    db = database.open();
    SubmissionsImport.run(TestData.SUBMISSIONS, db, TestData.DATA);
    Site site = Site.of(db, TestData.DATA);
    Accounts accounts = site.auth().accounts();
    User owner = accounts.create("ada@example.org", Role.PARTICIPANT, PASSWORD, "t");
    ada = accounts.createToken(owner, "all", null, "t");
    bob =
        accounts.createToken(
            accounts.create("bob@example.org", Role.PARTICIPANT, PASSWORD, "t"), "all", null, "t");
    root =
        accounts.createToken(
            accounts.create("root@example.org", Role.ADMIN, PASSWORD, "t"), "all", null, "t");
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE entries SET owner = '"
              + owner.id()
              + "', visibility = 'private', kind = 'submitted'"
              + " WHERE id IN ('"
              + A
              + "', '"
              + B
              + "')");
    }
    app = WebApp.create(site).start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
    db.close();
  }

  HttpResponse<String> post(String path, String token, String form) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
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
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  boolean onBoard(String id) throws Exception {
    JsonNode rows = JSON.readTree(get("/api/v1/benchmarks/" + MINI + "/leaderboard", null));
    for (JsonNode r : rows) {
      if (r.get("entryId").asText().equals(id)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void anOwnerPublishesOneEntryPerBenchmarkAndWithdrawsIt() throws Exception {
    assertTrue(
        get("/entries/cris-reported", null).contains("<a href=\"/login\">log in</a>"),
        "an entry's page has the site's navigation");
    assertTrue(get("/entries/" + A, ada).contains("<a href=\"/account\">ada@example.org</a>"));
    assertFalse(onBoard(A));
    assertEquals(302, post("/entries/" + A + "/publish", ada, "").statusCode());
    assertTrue(onBoard(A));
    assertEquals(302, post("/entries/" + B + "/publish", ada, "").statusCode());
    assertTrue(onBoard(B));
    assertFalse(onBoard(A), "B now represents the owner on perbench-mini");
    assertEquals(302, post("/entries/" + B + "/withdraw", ada, "").statusCode());
    assertFalse(onBoard(B));
  }

  @Test
  void nobodyElseChangesAnEntryAndImportedEntriesAreReadOnly() throws Exception {
    assertEquals(404, post("/entries/" + A + "/publish", bob, "").statusCode());
    assertEquals(
        404,
        post("/entries/" + A + "/publish", root, "").statusCode(),
        "admins don't publish for owners");
    // a visitor's form without a session's CSRF token is refused before anything else
    assertEquals(403, post("/entries/" + A + "/publish", null, "").statusCode());
    assertEquals(404, post("/entries/cris-reported/withdraw", ada, "").statusCode());
    assertEquals(404, post("/admin/entries/cris-reported/hide", root, "").statusCode());
    assertEquals(403, post("/admin/entries/" + A + "/verify", ada, "").statusCode());
    assertEquals(403, post("/admin/entries/" + A + "/hide", bob, "").statusCode());
    assertFalse(onBoard(A));
  }

  @Test
  void adminsHideFlagAndVerifyAndEachIsAudited() throws Exception {
    post("/entries/" + A + "/publish", ada, "");
    assertEquals(302, post("/admin/entries/" + A + "/hide", root, "reason=spam").statusCode());
    assertFalse(onBoard(A));
    assertTrue(get("/entries/" + A, ada).contains("hidden by an admin"), "its owner still sees it");
    assertEquals(302, post("/admin/entries/" + A + "/show", root, "").statusCode());
    assertTrue(onBoard(A));
    String reason =
        URLEncoder.encode("<script>alert(1)</script> numbers look copied", StandardCharsets.UTF_8);
    assertEquals(302, post("/admin/entries/" + A + "/flag", root, "reason=" + reason).statusCode());
    assertEquals(302, post("/admin/entries/" + A + "/verify", root, "").statusCode());
    String page = get("/entries/" + A, null);
    assertFalse(page.contains("<script>alert(1)</script>"), page);
    assertTrue(
        page.contains("flagged: &lt;script&gt;alert(1)&lt;/script&gt; numbers look copied"), page);
    assertTrue(page.contains(">verified<"), page);
    JsonNode state = JSON.readTree(get("/api/v1/entries/" + A, null)).get("state");
    assertTrue(state.get("verified").asBoolean());
    assertTrue(state.get("hosted").asBoolean());
    assertFalse(state.has("owner"), "the owner's id is not published");
    String audit = get("/admin", root);
    for (String action :
        new String[] {"entry.publish", "entry.hide", "entry.show", "entry.flag", "entry.verify"}) {
      assertTrue(audit.contains(action), action);
    }
  }

  @Test
  void anAdminHidesABenchmarksGroundTruthAndShowsItAgain() throws Exception {
    String samples = "/api/v1/entries/baseline-oracle/samples?bench=" + MINI;
    assertEquals(
        403, post("/admin/benchmarks/" + MINI + "/hide-ground-truth", ada, "").statusCode());
    assertEquals(404, post("/admin/benchmarks/nope/hide-ground-truth", root, "").statusCode());
    assertTrue(get(samples, null).contains("\"samples\""));
    assertEquals(
        302, post("/admin/benchmarks/" + MINI + "/hide-ground-truth", root, "").statusCode());
    assertTrue(get(samples, null).contains("No per-sample results"), "hidden from everyone");
    assertTrue(get(samples, root).contains("\"samples\""), "not from admins");
    assertTrue(get("/admin", root).contains("benchmark.hide-ground-truth"));
    assertEquals(
        302, post("/admin/benchmarks/" + MINI + "/show-ground-truth", root, "").statusCode());
    assertTrue(get(samples, null).contains("\"samples\""));
  }
}
