package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.web.accounts.Accounts;
import dev.perbench.web.accounts.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What H2 has committed survives its process being killed right after the commit (as a server
 * killed with SIGKILL: no shutdown hook, nothing flushed). By default H2 writes commits up to half
 * a second late, and they were lost.
 */
class H2DurabilityTest {
  @TempDir Path dir;

  /** The child: commits, says so, and dies at once. */
  public static void main(String[] args) {
    HikariDataSource db = WebDatabase.open(args[0]);
    new Accounts(db, Clock.systemUTC())
        .create("ada@example.org", Role.PARTICIPANT, "correct horse battery", "t");
    System.out.println("committed");
    System.out.flush();
    Runtime.getRuntime().halt(9);
  }

  @Test
  void aCommitSurvivesTheProcessBeingKilledAtOnce() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                H2DurabilityTest.class.getName(),
                url)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(9, p.exitValue(), out);
    assertTrue(out.contains("committed"), out);
    try (HikariDataSource db = WebDatabase.open(url)) {
      assertTrue(new Accounts(db, Clock.systemUTC()).find("ada@example.org").isPresent());
    }
  }
}
