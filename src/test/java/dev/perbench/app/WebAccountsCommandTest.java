package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.web.WebDatabase;
import dev.perbench.web.accounts.Accounts;
import dev.perbench.web.accounts.Principal;
import dev.perbench.web.accounts.Role;
import dev.perbench.web.accounts.Scope;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code perbench web admin|user|token create}, against a database file, as operators run them. */
class WebAccountsCommandTest {
  @TempDir Path dir;

  String db() {
    return "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
  }

  @Test
  void operatorsMakeAccountsAndTokensThatTheSiteAccepts() {
    CommandRun admin =
        CommandRun.of("web", "admin", "create", "--db", db(), "--email", "Root@Example.org");
    assertEquals(0, admin.exitCode(), admin.err());
    List<String> lines = admin.out().lines().toList();
    assertTrue(lines.get(0).startsWith("made root@example.org (admin)"), admin.out());
    String password = lines.get(1);
    assertEquals(20, password.length());

    CommandRun user =
        CommandRun.of("web", "user", "create", "--db", db(), "--email", "ada@example.org");
    assertEquals(0, user.exitCode(), user.err());
    CommandRun again =
        CommandRun.of("web", "user", "create", "--db", db(), "--email", "ada@example.org");
    assertEquals(2, again.exitCode());
    assertTrue(again.err().contains("ada@example.org already has an account"), again.err());
    CommandRun badRole =
        CommandRun.of(
            "web", "user", "create", "--db", db(), "--email", "b@example.org", "--role", "root");
    assertEquals(2, badRole.exitCode());
    assertTrue(badRole.err().contains("'root' is not one of participant, admin"), badRole.err());

    CommandRun token =
        CommandRun.of(
            "web",
            "token",
            "create",
            "--db",
            db(),
            "--email",
            "ada@example.org",
            "--scope",
            "submit");
    assertEquals(0, token.exitCode(), token.err());
    String secret = token.out().strip();
    assertEquals(
        2,
        CommandRun.of("web", "token", "create", "--db", db(), "--email", "nobody@example.org")
            .exitCode());
    assertEquals(
        2,
        CommandRun.of(
                "web",
                "token",
                "create",
                "--db",
                db(),
                "--email",
                "ada@example.org",
                "--scope",
                "all")
            .exitCode());

    try (HikariDataSource ds = WebDatabase.open(db())) {
      Accounts accounts = new Accounts(ds, Clock.systemUTC());
      assertEquals(Role.ADMIN, accounts.login("root@example.org", password).orElseThrow().role());
      Principal p = accounts.token(secret).orElseThrow();
      assertEquals("ada@example.org", p.user().email());
      assertEquals(Scope.SUBMIT, p.scope());
    }
  }
}
