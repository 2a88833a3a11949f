package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.web.accounts.Accounts;
import dev.perbench.web.accounts.Role;
import dev.perbench.web.submit.SubmissionLimits;
import dev.perbench.web.submit.SubmissionStatus;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Submitting from the browser: log in, open the form, upload; the CSRF token comes first. Every
 * test runs on both databases, H2 and PostgreSQL ({@link TestDatabase}), each on a new one.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class SubmitFormTest {
  @Parameter TestDatabase database;

  static final String PASSWORD = "correct horse battery";
  static final Path PREDICTIONS =
      TestData.SUBMISSIONS.resolve("pixel-mini-reproduced/results/perbench-mini/predictions.jsonl");
  @TempDir Path uploads;
  HikariDataSource db;
  Javalin app;
  Site site;
  final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  String cookie;

  @BeforeEach
  void start() throws Exception {
    db = database.open();
    site =
        Site.of(
            db,
            TestData.DATA,
            new Hosting(uploads, SubmissionLimits.DEFAULTS, false),
            Clock.systemUTC());
    Accounts accounts = site.auth().accounts();
    accounts.create("ada@example.org", Role.PARTICIPANT, PASSWORD, "t");
    app = WebApp.create(site).start("127.0.0.1", 0);
    // log in as a browser does
    HttpResponse<String> login = http.send(get("/login"), HttpResponse.BodyHandlers.ofString());
    String pre = login.headers().allValues("Set-Cookie").get(0).split(";")[0];
    String form =
        "_csrf="
            + pre.substring(pre.indexOf('=') + 1)
            + "&email=ada%40example.org&password="
            + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
    HttpResponse<String> in =
        http.send(
            HttpRequest.newBuilder(uri("/login"))
                .header("Cookie", pre)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(302, in.statusCode());
    cookie =
        in.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith(Authentication.SESSION_COOKIE))
            .findFirst()
            .orElseThrow()
            .split(";")[0];
  }

  @AfterEach
  void stop() {
    app.stop();
    db.close();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }

  HttpRequest get(String path) {
    return HttpRequest.newBuilder(uri(path)).build();
  }

  HttpResponse<String> upload(String csrf) throws Exception {
    String boundary = "b" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (String[] f :
        List.of(
            new String[] {"_csrf", csrf},
            new String[] {"bench", "perbench-mini"},
            new String[] {
              "card",
              Files.readString(TestData.SUBMISSIONS.resolve("pixel-mini-reproduced/model.json"))
                  .replace("\"reproduced\"", "\"submitted\"")
            })) {
      body.write(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + f[0]
                  + "\"\r\n\r\n"
                  + f[1]
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    body.write(
        ("--"
                + boundary
                + "\r\n"
                + "Content-Disposition: form-data; name=\"predictions\"; filename=\"p.jsonl\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(Files.readAllBytes(PREDICTIONS));
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(uri("/submit"))
            .header("Cookie", cookie)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aParticipantUploadsFromTheFormAndLandsOnTheSubmissionsPage() throws Exception {
    String form =
        http.send(
                HttpRequest.newBuilder(uri("/submit")).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertTrue(form.contains("<option value=\"perbench-mini\">perbench-mini</option>"), form);
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
    assertTrue(m.find());
    assertEquals(403, upload("not-the-token").statusCode());
    assertEquals(List.of(), site.queue().withStatus(SubmissionStatus.SUBMITTED));
    HttpResponse<String> ok = upload(m.group(1));
    assertEquals(303, ok.statusCode(), ok.body());
    String location = ok.headers().firstValue("Location").orElseThrow();
    assertTrue(location.startsWith("/submissions/"), location);
    String id = location.substring("/submissions/".length());
    assertEquals(SubmissionStatus.SUBMITTED, site.queue().get(id).orElseThrow().status());
    assertTrue(Files.exists(uploads.resolve(id + ".jsonl")));
  }
}
