package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perbench bench web} end to end at a tiny size: generated entries imported, {@code perbench
 * serve} started as a separate JVM and loaded. The report's shape and zero errors are checked,
 * never its timings.
 */
class BenchWebCommandTest {
  private static final Pattern ROW =
      Pattern.compile(
          "(?m)^(leaderboard page|leaderboard page, gzip|leaderboard API|overlay PNG, first"
              + " render|overlay PNG, cached|compare page) +([0-9]+) +([0-9,]+) .* ([0-9]+)"
              + " +[0-9.]+ ms +[0-9.]+ ms (.*)$");

  @TempDir Path dir;

  @Test
  @Timeout(180)
  void aTinyRunReportsEveryScenarioWithoutErrors() throws Exception {
    Path work = dir.resolve("work");
    CommandRun r =
        CommandRun.of(
            "bench",
            "web",
            "--entries",
            "20",
            "--benchmarks",
            "3",
            "--shared-samples",
            "300",
            "--connections",
            "4",
            "--compare-connections",
            "1,2",
            "--seconds",
            "1",
            "--warmup",
            "0.3",
            "--work",
            work.toString());
    assertEquals(0, r.exitCode(), r.out() + r.err());
    Matcher m = ROW.matcher(r.out());
    List<String> scenarios = new java.util.ArrayList<>();
    while (m.find()) {
      scenarios.add(m.group(1) + " @" + m.group(2));
      assertTrue(Long.parseLong(m.group(3).replace(",", "")) > 0, m.group());
      assertEquals("0", m.group(4), m.group());
    }
    assertEquals(
        List.of(
            "leaderboard page @4",
            "leaderboard page, gzip @4",
            "leaderboard API @4",
            "overlay PNG, first render @1",
            "overlay PNG, cached @1",
            "overlay PNG, cached @4",
            "compare page @1",
            "compare page @2"),
        scenarios,
        r.out());
    assertTrue(r.out().contains("20 generated entries x 3 benchmarks"), r.out());
    assertTrue(r.out().contains("it ran to the end"), r.out());
    assertTrue(r.out().contains("reproduce: bin/perbench bench web --entries 20"), r.out());
    assertTrue(r.err().contains("server up at http://127.0.0.1:"), r.err());
    assertTrue(Files.readString(work.resolve("server.log")).contains("unchanged, 0 skipped"));
  }
}
