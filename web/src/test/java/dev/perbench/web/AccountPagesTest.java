package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.web.accounts.Accounts;
import dev.perbench.web.accounts.LoginThrottle;
import dev.perbench.web.accounts.Role;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The account pages over real HTTP, as a browser uses them (cookies kept by hand, redirects not
 * followed): logging in, CSRF, throttling, tokens, invitations, roles, open redirects. Every test
 * runs on both databases, H2 and PostgreSQL ({@link TestDatabase}), each on a new one.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class AccountPagesTest {
  @Parameter TestDatabase database;

  static final String PASSWORD = "correct horse battery";
  HikariDataSource db;
  Javalin app;
  Accounts accounts;
  final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  /** A browser: its cookies. */
  final class Browser {
    final Map<String, String> cookies = new HashMap<>();
    final Map<String, String> setCookieHeaders = new HashMap<>();

    HttpResponse<String> get(String path) throws Exception {
      return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> post(String path, Map<String, String> form, Map<String, String> headers)
        throws Exception {
      String body =
          form.entrySet().stream()
              .map(
                  e ->
                      URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                          + "="
                          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      HttpRequest.Builder b =
          HttpRequest.newBuilder(uri(path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      headers.forEach(b::header);
      return send(b);
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
      return post(path, form, Map.of());
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
      if (!cookies.isEmpty()) {
        b.header(
            "Cookie",
            cookies.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; ")));
      }
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      for (String c : r.headers().allValues("Set-Cookie")) {
        String pair = c.split(";", 2)[0];
        String name = pair.substring(0, pair.indexOf('='));
        String value = pair.substring(pair.indexOf('=') + 1);
        setCookieHeaders.put(name, c);
        if (value.isEmpty() || c.contains("Max-Age=0")) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
      return r;
    }

    /** The CSRF token of the page's first form. */
    String csrf(String path) throws Exception {
      Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get(path).body());
      assertTrue(m.find(), path + " has a form with a CSRF token");
      return m.group(1);
    }

    HttpResponse<String> login(String email, String password) throws Exception {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("_csrf", csrf("/login"));
      form.put("email", email);
      form.put("password", password);
      return post("/login", form);
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }

  @BeforeEach
  void start() {
    db = database.open();
    Site site = Site.of(db, TestData.DATA);
    accounts = site.auth().accounts();
    accounts.create("root@example.org", Role.ADMIN, PASSWORD, "test");
    accounts.create("ada@example.org", Role.PARTICIPANT, PASSWORD, "test");
    app = WebApp.create(site).start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
    db.close();
  }

  @Test
  void aParticipantLogsInWithASafeCookieAndOut() throws Exception {
    Browser b = new Browser();
    HttpResponse<String> wrong = b.login("ada@example.org", PASSWORD + "x");
    assertEquals(401, wrong.statusCode());
    assertTrue(wrong.body().contains("Wrong email or password."));
    HttpResponse<String> ok = b.login("ada@example.org", PASSWORD);
    assertEquals(302, ok.statusCode());
    assertEquals("/account", ok.headers().firstValue("Location").orElseThrow());
    String cookie = b.setCookieHeaders.get(Authentication.SESSION_COOKIE);
    assertTrue(cookie.contains("HttpOnly"), cookie);
    assertTrue(cookie.contains("SameSite=Lax"), cookie);
    assertFalse(cookie.contains("Secure"), "plain http here: " + cookie);
    String page = b.get("/account").body();
    assertTrue(page.contains("Signed in as <strong>ada@example.org</strong>"), page);
    assertEquals(302, b.post("/logout", Map.of("_csrf", b.csrf("/account"))).statusCode());
    HttpResponse<String> after = b.get("/account");
    assertEquals(302, after.statusCode());
    assertEquals("/login?next=%2Faccount", after.headers().firstValue("Location").orElseThrow());
  }

  @Test
  void overTlsTheCookieIsSecure() throws Exception {
    Browser b = new Browser();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_csrf", b.csrf("/login"));
    form.put("email", "ada@example.org");
    form.put("password", PASSWORD);
    b.post("/login", form, Map.of("X-Forwarded-Proto", "https"));
    assertTrue(b.setCookieHeaders.get(Authentication.SESSION_COOKIE).contains("Secure"));
  }

  @Test
  void formsWithoutTheRightCsrfTokenAreRefused() throws Exception {
    Browser b = new Browser();
    b.get("/login");
    Map<String, String> noToken = Map.of("email", "ada@example.org", "password", PASSWORD);
    assertEquals(403, b.post("/login", noToken).statusCode());
    Map<String, String> badToken = new HashMap<>(noToken);
    badToken.put("_csrf", "x".repeat(43));
    assertEquals(403, b.post("/login", badToken).statusCode());
    assertEquals(302, b.login("ada@example.org", PASSWORD).statusCode());
    // signed in: the session's token, not any other
    HttpResponse<String> forged = b.post("/account/tokens", Map.of("label", "x", "_csrf", "y"));
    assertEquals(403, forged.statusCode());
    assertTrue(forged.body().contains("security token is missing or stale"), forged.body());
    assertFalse(forged.body().contains("Exception"), forged.body());
    assertEquals(List.of(), accounts.tokens(accounts.find("ada@example.org").orElseThrow()));
  }

  @Test
  void bruteForceIsThrottledEvenWithTheRightPasswordAfterwards() throws Exception {
    Browser b = new Browser();
    for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
      assertEquals(401, b.login("ada@example.org", "guess number " + i).statusCode());
    }
    HttpResponse<String> locked = b.login("ada@example.org", PASSWORD);
    assertEquals(429, locked.statusCode());
    assertTrue(locked.body().contains("Too many failed logins"), locked.body());
    assertEquals(302, new Browser().login("root@example.org", PASSWORD).statusCode());
  }

  @Test
  void tokensAreShownOnceEscapedInListsAndRevocable() throws Exception {
    Browser b = new Browser();
    b.login("ada@example.org", PASSWORD);
    HttpResponse<String> made =
        b.post(
            "/account/tokens",
            Map.of(
                "_csrf",
                b.csrf("/account"),
                "label",
                "<script>alert(1)</script>",
                "scope",
                "submit"));
    assertEquals(201, made.statusCode());
    Matcher m = Pattern.compile("(pbt_[A-Za-z0-9_-]{43})").matcher(made.body());
    assertTrue(m.find(), made.body());
    String token = m.group(1);
    String account = b.get("/account").body();
    assertFalse(account.contains(token), "listed without the token");
    assertFalse(account.contains("<script>alert(1)</script>"), account);
    assertTrue(account.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), account);
    assertTrue(accounts.token(token).isPresent());
    long id = accounts.tokens(accounts.find("ada@example.org").orElseThrow()).get(0).id();
    Browser other = new Browser();
    other.login("root@example.org", PASSWORD);
    assertEquals(
        404,
        other
            .post("/account/tokens/" + id + "/revoke", Map.of("_csrf", other.csrf("/account")))
            .statusCode(),
        "not root's token");
    assertEquals(
        302,
        b.post("/account/tokens/" + id + "/revoke", Map.of("_csrf", b.csrf("/account")))
            .statusCode());
    assertTrue(accounts.token(token).isEmpty());
  }

  @Test
  void anAdminInvitesAndTheInviteeMakesTheAccountOnce() throws Exception {
    Browser admin = new Browser();
    admin.login("root@example.org", PASSWORD);
    HttpResponse<String> made =
        admin.post(
            "/admin/invites",
            Map.of(
                "_csrf", admin.csrf("/admin"), "email", "new@example.org", "role", "participant"));
    assertEquals(201, made.statusCode());
    Matcher m = Pattern.compile("(/invite/inv_[A-Za-z0-9_-]{43})").matcher(made.body());
    assertTrue(m.find(), made.body());
    String link = m.group(1);
    Browser invitee = new Browser();
    assertTrue(invitee.get(link).body().contains("new@example.org"));
    HttpResponse<String> accepted =
        invitee.post(link, Map.of("_csrf", invitee.csrf(link), "password", PASSWORD));
    assertEquals(302, accepted.statusCode());
    assertTrue(invitee.get("/account").body().contains("new@example.org"));
    assertEquals(404, new Browser().get(link).statusCode(), "used once");
    assertTrue(admin.get("/admin").body().contains("invite.accept"), "in the audit log");
  }

  @Test
  void participantsAreNotAdminsAndLoginRedirectsStayOnThisSite() throws Exception {
    Browser b = new Browser();
    b.login("ada@example.org", PASSWORD);
    assertEquals(403, b.get("/admin").statusCode());
    HttpResponse<String> invite =
        b.post("/admin/invites", Map.of("_csrf", b.csrf("/account"), "email", "x@example.org"));
    assertEquals(403, invite.statusCode());
    for (String next : List.of("//evil.example/", "https://evil.example/", "/\\evil.example")) {
      Browser c = new Browser();
      Map<String, String> form = new LinkedHashMap<>();
      form.put("_csrf", c.csrf("/login"));
      form.put("email", "ada@example.org");
      form.put("password", PASSWORD);
      form.put("next", next);
      HttpResponse<String> r = c.post("/login", form);
      assertEquals("/account", r.headers().firstValue("Location").orElseThrow(), next);
    }
    assertEquals(404, new Browser().get("/signup").statusCode(), "sign-up is off by default");
  }

  @Test
  void theHomePageLinksToLogInToSignUpWhereTheSiteTakesSignUpsAndToTheSubmitForm()
      throws Exception {
    String visitor = new Browser().get("/").body();
    assertTrue(visitor.contains("<a href=\"/login\">log in</a>"), visitor);
    assertFalse(visitor.contains("href=\"/signup\""), "sign-up is off: no link to it");
    assertFalse(new Browser().get("/login").body().contains("href=\"/signup\""), "nor on login");
    Browser ada = new Browser();
    ada.login("ada@example.org", PASSWORD);
    String mine = ada.get("/").body();
    assertTrue(mine.contains("<a href=\"/account\">ada@example.org</a>"), mine);
    assertFalse(mine.contains("href=\"/login\""), mine);
    // the browser's submit form, and the list of one's submissions, which links to it when empty
    assertTrue(mine.contains("<a href=\"/submit\">submit</a>"), mine);
    assertTrue(mine.contains("<a href=\"/submissions\">submissions</a>"), mine);
    assertTrue(ada.get("/submissions").body().contains("<a href=\"/submit\">"), "none yet");
    app.stop();
    Site open =
        Site.of(
            db,
            TestData.DATA,
            new Hosting(null, dev.perbench.web.submit.SubmissionLimits.DEFAULTS, true),
            clock());
    app = WebApp.create(open).start("127.0.0.1", 0);
    String home = new Browser().get("/").body();
    assertTrue(home.contains("<a href=\"/signup\">sign up</a>"), home);
    assertTrue(new Browser().get("/login").body().contains("<a href=\"/signup\">Sign up</a>"));
    assertEquals(200, new Browser().get("/signup").statusCode());
  }

  @Test
  void aBadBearerTokenIs401AndAnonymousApiCallsAreUnchanged() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/benchmarks"))
                .header("Authorization", "Bearer pbt_" + "A".repeat(43))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(401, r.statusCode());
    assertTrue(r.body().contains("unknown or revoked"), r.body());
    assertEquals(
        200,
        http.send(
                HttpRequest.newBuilder(uri("/api/v1/benchmarks")).build(),
                HttpResponse.BodyHandlers.ofString())
            .statusCode());
  }

  static Clock clock() {
    return Clock.systemUTC();
  }
}
