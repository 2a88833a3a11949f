package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code perbench serve} as a real process: it imports submissions/ and serves the site. */
class ServeCommandTest {
  @TempDir Path dir;

  @Test
  @Timeout(60)
  void serveImportsTheSubmissionsAndAnswersOnLoopback() throws Exception {
    Process p =
        PerbenchProcess.builder(
                "serve",
                "--port",
                "0",
                "--db",
                "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String imported = out.readLine();
      assertNotNull(imported);
      assertTrue(imported.contains("28 entries imported, 0 unchanged, 0 skipped"), imported);
      String line = out.readLine();
      Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:([0-9]+)/").matcher(line);
      assertTrue(m.find(), line);
      HttpResponse<String> home =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(m.group())).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, home.statusCode());
      assertTrue(home.body().contains("PerBench leaderboard"), home.body());
      assertTrue(home.body().contains("Pixel-SAIL"), home.body());
    } finally {
      p.destroy();
      assertTrue(p.waitFor(20, TimeUnit.SECONDS), "serve stops on SIGTERM");
    }
  }

  @Test
  void aNegativeOrphanGraceIsRefusedBeforeAnythingStarts() {
    CommandRun r =
        CommandRun.of(
            "serve",
            "--db",
            "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath(),
            "--uploads=" + dir.resolve("uploads"),
            "--orphan-grace",
            "-1");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("--orphan-grace must be 0 or more, not -1"), r.err());
  }
}
