package dev.perbench.harness.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.perbench.data.model.Sample;
import dev.perbench.harness.model.Prediction;
import dev.perbench.harness.testing.TinySamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files of many batches (the validation pass checks lines on every core, 256 to a batch): the
 * problems reported, their order and their count are what reading the lines one by one gives, a
 * duplicate is found across batches, and every prediction reads back the same.
 */
class PredictionIndexBatchesTest {
  @TempDir Path dir;

  private static final int N = 2_000;

  private static Map<String, Sample> samples() {
    Map<String, Sample> m = new HashMap<>();
    for (int i = 0; i < N; i++) {
      m.put("m" + i, TinySamples.mcq("m" + i));
    }
    return m;
  }

  private static String line(int i) {
    return "{\"sample_id\": \"m" + i + "\", \"text\": \"" + (char) ('A' + i % 4) + "\"}";
  }

  @Test
  void problemsComeInLineOrderAcrossBatches() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      lines.add(line(i));
    }
    lines.set(9, "{\"sample_id\": \"nope\", \"text\": \"A\"}"); // line 10
    lines.set(299, "not json"); // line 300, the second batch
    lines.set(1_499, line(3)); // line 1500: m3 again (first on line 4)
    lines.set(1_799, "{\"sample_id\": \"m1799\"}"); // line 1800: nothing predicted
    Path file = dir.resolve("p.jsonl");
    Files.write(file, lines);

    PredictionFileException e =
        assertThrows(PredictionFileException.class, () -> PredictionIndex.open(file, samples()));
    List<String> problems = e.problems();
    assertEquals(4, problems.size(), problems.toString());
    assertEquals("line 10: unknown sample_id \"nope\" (not in this benchmark)", problems.get(0));
    assertEquals(true, problems.get(1).startsWith("line 300: "), problems.get(1));
    assertEquals("line 1500: duplicate sample_id \"m3\" (first on line 4)", problems.get(2));
    assertEquals(
        "line 1800: sample m1799: nothing predicted (no text, masks, no_target or error)",
        problems.get(3));
  }

  @Test
  void theFirstTwentyProblemsAreListedAndAllCounted() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      lines.add(i % 50 == 7 ? "{\"sample_id\": \"x" + i + "\", \"text\": \"A\"}" : line(i));
    }
    Path file = dir.resolve("p.jsonl");
    Files.write(file, lines);
    PredictionFileException e =
        assertThrows(PredictionFileException.class, () -> PredictionIndex.open(file, samples()));
    assertEquals(20, e.problems().size());
    for (int k = 0; k < 20; k++) {
      assertEquals(
          "line "
              + (50 * k + 8)
              + ": unknown sample_id \"x"
              + (50 * k + 7)
              + "\" (not in this"
              + " benchmark)",
          e.problems().get(k));
    }
    assertEquals(true, e.getMessage().contains("... and 20 more"), e.getMessage());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(longs = {0, 50_000, Long.MAX_VALUE})
  void everyPredictionReadsBackAsItsLineSaysKeptOrReadAgain(long budget) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = N - 1; i >= 0; i--) {
      lines.add(line(i));
      if (i % 97 == 0) {
        lines.add("   ");
      }
    }
    Path file = dir.resolve("p.jsonl");
    Files.write(file, lines);
    // a budget of 0 reads every prediction again from the file; 50 kB keeps some of them
    try (PredictionIndex index = PredictionIndex.open(file, samples(), budget)) {
      assertEquals(N, index.size());
      for (int i = 0; i < N; i++) {
        Prediction p = index.get("m" + i);
        assertEquals(String.valueOf((char) ('A' + i % 4)), p.text(), "m" + i);
      }
    }
  }
}
