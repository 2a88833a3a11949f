package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.web.accounts.Accounts;
import dev.perbench.web.accounts.Role;
import dev.perbench.web.accounts.User;
import dev.perbench.web.submit.NewSubmission;
import dev.perbench.web.submit.Submission;
import dev.perbench.web.submit.SubmissionLimits;
import dev.perbench.web.submit.SubmissionStatus;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The owner's submission pages: status, queue position, error, cancel; 404 for anyone else. Every
 * test runs on both databases, H2 and PostgreSQL ({@link TestDatabase}), each on a new one.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class SubmissionPagesTest {
  @Parameter TestDatabase database;

  static final String PASSWORD = "correct horse battery";
  HikariDataSource db;
  Javalin app;
  Site site;
  User ada;
  String adaToken;
  String bobToken;
  final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void start() {
    db = database.open();
    site = Site.of(db, TestData.DATA);
    Accounts accounts = site.auth().accounts();
    ada = accounts.create("ada@example.org", Role.PARTICIPANT, PASSWORD, "t");
    adaToken = accounts.createToken(ada, "all", null, "t");
    bobToken =
        accounts.createToken(
            accounts.create("bob@example.org", Role.PARTICIPANT, PASSWORD, "t"), "all", null, "t");
    app = WebApp.create(site).start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
    db.close();
  }

  Submission submit(String name) {
    return site.queue()
        .accept(
            ada,
            new NewSubmission(
                "perbench-mini", "standard", "{}", name, Path.of("/nowhere"), "0".repeat(64), 123),
            SubmissionLimits.DEFAULTS);
  }

  HttpResponse<String> send(String method, String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theOwnerFollowsAndCancelsAQueuedSubmission() throws Exception {
    Submission s = submit("<img src=x onerror=alert(1)>.jsonl");
    String page = send("GET", "/submissions/" + s.id(), adaToken).body();
    assertTrue(page.contains("number 1 in the queue"), page);
    assertTrue(
        page.contains("<meta http-equiv=\"refresh\" content=\"5\">"), "reloads while queued");
    assertFalse(page.contains("<img src=x"), page);
    assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;.jsonl"), page);
    assertTrue(send("GET", "/submissions", adaToken).body().contains(s.id()));
    HttpResponse<String> other = send("GET", "/submissions/" + s.id(), bobToken);
    HttpResponse<String> unknown = send("GET", "/submissions/" + UUID.randomUUID(), bobToken);
    assertEquals(404, other.statusCode());
    assertEquals(404, unknown.statusCode());
    assertEquals(
        other.body().replace(s.id(), "ID"),
        unknown.body().replaceAll("[0-9a-f-]{36}", "ID"),
        "the same answer, so ids cannot be probed");
    assertEquals(404, send("POST", "/submissions/" + s.id() + "/cancel", bobToken).statusCode());
    HttpResponse<String> anonymous = send("GET", "/submissions/" + s.id(), null);
    assertEquals(302, anonymous.statusCode());
    assertEquals(302, send("POST", "/submissions/" + s.id() + "/cancel", adaToken).statusCode());
    assertEquals(SubmissionStatus.CANCELLED, site.queue().get(s.id()).orElseThrow().status());
    assertEquals(400, send("POST", "/submissions/" + s.id() + "/cancel", adaToken).statusCode());
  }

  @Test
  void aFailedSubmissionShowsItsErrorToItsOwner() throws Exception {
    Submission s = submit("p.jsonl");
    site.queue().claim("w", Duration.ofMinutes(1)).orElseThrow();
    site.queue().fail(s.id(), "w", "p.jsonl: line 3: unknown sample_id \"<b>x</b>\"", "log line");
    String page = send("GET", "/submissions/" + s.id(), adaToken).body();
    assertTrue(page.contains("Why it failed"), page);
    assertFalse(page.contains("http-equiv=\"refresh\""), "a failed one stays put");
    assertTrue(page.contains("line 3: unknown sample_id &quot;&lt;b&gt;x&lt;/b&gt;&quot;"), page);
  }
}
