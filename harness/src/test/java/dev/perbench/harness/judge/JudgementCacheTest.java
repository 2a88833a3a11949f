package dev.perbench.harness.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache's file: replies kept across opens, a torn last line dropped, damage named, pruning. */
class JudgementCacheTest {
  @TempDir Path dir;

  static JudgementCache.Entry entry(String content, String at) {
    return new JudgementCache.Entry(content, "judge-7b-2026", 120, 9, Instant.parse(at));
  }

  @Test
  void repliesAreKeptAcrossOpensAndATornLastLineIsDropped() throws Exception {
    try (JudgementCache c = JudgementCache.open(dir)) {
      c.put("k1", entry("7 6\nwhy", "2026-11-01T00:00:00Z"));
      c.put("k2", entry("{\"correctness\": 8}", "2026-11-20T00:00:00Z"));
    }
    Path file = dir.resolve(JudgementCache.FILE);
    // a kill in the middle of writing a third reply
    Files.writeString(file, "{\"key\": \"k3\", \"content\": \"5 ", StandardOpenOption.APPEND);
    try (JudgementCache c = JudgementCache.open(dir)) {
      assertEquals(2, c.size());
      assertEquals(entry("7 6\nwhy", "2026-11-01T00:00:00Z"), c.get("k1").orElseThrow());
      assertTrue(c.get("k3").isEmpty());
      c.put("k3", entry("5 5", "2026-11-21T00:00:00Z"));
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(3, lines.size(), "the torn line was replaced, not kept: " + lines);
    try (JudgementCache c = JudgementCache.open(dir)) {
      assertEquals(3, c.size());
      assertEquals(2, c.pruneBefore(Instant.parse("2026-11-21T00:00:00Z")));
      assertEquals(1, c.size());
      c.put("k4", entry("9 9", "2026-11-22T00:00:00Z"));
    }
    try (JudgementCache c = JudgementCache.open(dir)) {
      assertEquals(2, c.size(), "pruned, then appended to");
    }
  }

  @Test
  void aDamagedLineIsNamedWithWhatToDo() throws Exception {
    Files.writeString(
        dir.resolve(JudgementCache.FILE),
        "{\"key\": \"k1\", \"content\": \"x\", \"model\": null, \"prompt_tokens\": 1,"
            + " \"completion_tokens\": 1, \"at\": \"2026-11-01T00:00:00Z\"}\nnot json\n{}\n");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> JudgementCache.open(dir));
    assertTrue(
        e.getMessage()
            .startsWith(
                "the judge cache " + dir.resolve(JudgementCache.FILE) + " line 2 is damaged"),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith("remove that line, or the file (its replies are then asked again)"));
  }
}
