package dev.perbench.web.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.errors.InputException;
import dev.perbench.web.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Accounts: passwords, sessions, tokens and invitations, and what is stored of each. Every test
 * runs on both databases, H2 and PostgreSQL ({@link TestDatabase}), each on a new one.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class AccountsTest {
  @Parameter TestDatabase database;

  static final String PASSWORD = "correct horse battery";
  HikariDataSource db;
  MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  Accounts accounts;

  @BeforeEach
  void open() {
    db = database.open();
    accounts = new Accounts(db, clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  List<String> column(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void passwordsAreArgon2idHashesAndLoginNeedsTheRightOne() throws Exception {
    User u = accounts.create(" Ada@Example.org ", Role.PARTICIPANT, PASSWORD, "test");
    assertEquals("ada@example.org", u.email());
    String stored = column("SELECT password_hash FROM users").get(0);
    assertTrue(stored.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), stored);
    assertFalse(stored.contains(PASSWORD));
    assertEquals(u, accounts.login("ADA@example.org", PASSWORD).orElseThrow());
    assertTrue(accounts.login("ada@example.org", PASSWORD + "!").isEmpty());
    assertTrue(accounts.login("bob@example.org", PASSWORD).isEmpty());
    assertTrue(accounts.login("not an email", PASSWORD).isEmpty());
    InputException taken =
        assertThrows(
            InputException.class,
            () -> accounts.create("ada@example.org", Role.ADMIN, PASSWORD, "test"));
    assertTrue(taken.getMessage().contains("already has an account"), taken.getMessage());
    assertThrows(
        InputException.class, () -> accounts.create("b@example.org", Role.ADMIN, "short", "t"));
    assertThrows(
        InputException.class, () -> accounts.create("<script>@x.org", Role.ADMIN, PASSWORD, "t"));
  }

  @Test
  void sessionsLastAWeekAndEndOnLogout() {
    User u = accounts.create("ada@example.org", Role.ADMIN, PASSWORD, "test");
    Accounts.NewSession s = accounts.startSession(u);
    Principal p = accounts.session(s.cookie()).orElseThrow();
    assertEquals(u, p.user());
    assertEquals(s.csrfToken(), p.csrfToken());
    assertTrue(accounts.session(s.cookie() + "x").isEmpty());
    clock.advance(Accounts.SESSION.minusMinutes(1));
    assertTrue(accounts.session(s.cookie()).isPresent());
    clock.advance(Duration.ofMinutes(2));
    assertTrue(accounts.session(s.cookie()).isEmpty(), "expired");
    Accounts.NewSession again = accounts.startSession(u);
    accounts.endSession(again.cookie());
    assertTrue(accounts.session(again.cookie()).isEmpty(), "logged out");
  }

  @Test
  void tokensAreShownOnceStoredAsHashesScopedAndRevocable() throws Exception {
    User u = accounts.create("ada@example.org", Role.PARTICIPANT, PASSWORD, "test");
    String token = accounts.createToken(u, "ci", Scope.SUBMIT, u.email());
    assertTrue(token.startsWith("pbt_") && token.length() == 47, token);
    assertEquals(List.of(Secrets.sha256(token)), column("SELECT token_sha256 FROM api_tokens"));
    Principal p = accounts.token(token).orElseThrow();
    assertEquals(u, p.user());
    assertTrue(p.allows(Scope.SUBMIT));
    assertFalse(p.allows(Scope.READ_PRIVATE));
    // one character changed (to another one, whatever the last one was) is another token
    char last = token.charAt(46);
    assertTrue(accounts.token(token.substring(0, 46) + (last == 'A' ? 'B' : 'A')).isEmpty());
    Accounts.TokenInfo info = accounts.tokens(u).get(0);
    assertEquals("ci", info.label());
    assertEquals(clock.instant(), info.lastUsed());
    User other = accounts.create("bob@example.org", Role.PARTICIPANT, PASSWORD, "test");
    assertFalse(accounts.revokeToken(other, info.id()), "only its owner revokes a token");
    assertTrue(accounts.revokeToken(u, info.id()));
    assertTrue(accounts.token(token).isEmpty());
    assertTrue(
        column("SELECT action FROM audit_log")
            .containsAll(List.of("token.create", "token.revoke")));
  }

  @Test
  void anInvitationMakesOneAccountOnceBeforeItExpires() {
    String code = accounts.invite("new@example.org", Role.PARTICIPANT, null);
    assertEquals("new@example.org", accounts.invitation(code).orElseThrow().email());
    User u = accounts.accept(code, PASSWORD);
    assertEquals(Role.PARTICIPANT, u.role());
    assertTrue(accounts.login("new@example.org", PASSWORD).isPresent());
    InputException used = assertThrows(InputException.class, () -> accounts.accept(code, PASSWORD));
    assertTrue(used.getMessage().contains("already used or expired"), used.getMessage());
    String late = accounts.invite("late@example.org", Role.PARTICIPANT, null);
    clock.advance(Accounts.INVITATION.plusSeconds(1));
    assertThrows(InputException.class, () -> accounts.accept(late, PASSWORD));
    assertTrue(accounts.find("late@example.org").isEmpty());
  }

  @Test
  void loginsAreThrottledPerAccountAndPerAddress() {
    AtomicLong nanos = new AtomicLong();
    Ticker ticker = nanos::get;
    LoginThrottle t = new LoginThrottle(ticker);
    for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
      assertTrue(t.allowed("ada@example.org", "10.0.0.1"));
      t.failed("ada@example.org", "10.0.0.1");
    }
    assertFalse(t.allowed("ada@example.org", "10.0.0.1"));
    assertFalse(t.allowed("ADA@example.org", "10.0.0.2"), "per account, whatever the address");
    assertTrue(t.allowed("bob@example.org", "10.0.0.1"));
    for (int i = 0; i < 4 * LoginThrottle.MAX_FAILURES; i++) {
      t.failed("user" + i + "@example.org", "10.0.0.3");
    }
    assertFalse(t.allowed("fresh@example.org", "10.0.0.3"), "per address, whatever the account");
    nanos.addAndGet(LoginThrottle.WINDOW.plusSeconds(1).toNanos());
    assertTrue(t.allowed("ada@example.org", "10.0.0.1"), "the window passed");
  }
}
