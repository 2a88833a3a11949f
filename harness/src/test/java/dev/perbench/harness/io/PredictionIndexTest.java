package dev.perbench.harness.io;

import static dev.perbench.harness.testing.TinySamples.rect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.data.model.Sample;
import dev.perbench.harness.model.Prediction;
import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.EvalProfile;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.Scoring;
import dev.perbench.harness.testing.TinySamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validating, indexing and reading back prediction files written by hand. */
class PredictionIndexTest {
  @TempDir Path dir;

  // Uncompressed COCO counts, column-major, starting with zeros: column 0 of a 4x4 image is
  // [0, 4, 12], rows 0-1 of column 0 are [0, 2, 14], nothing is [16].
  static final String COLUMN0 = "{\"size\": [4, 4], \"counts\": [0, 4, 12]}";
  static final String TOP_OF_COLUMN0 = "{\"size\": [4, 4], \"counts\": [0, 2, 14]}";

  static final List<Sample> SAMPLES =
      List.of(
          TinySamples.res("r1", rect(0, 4, 0, 1)),
          TinySamples.res("r2", rect(0, 4, 0, 1)),
          TinySamples.res("r3", rect(0, 4, 0, 1)),
          TinySamples.mcq("m1"),
          TinySamples.mcq("m2"),
          TinySamples.caption("c1", "a red square"));

  static Map<String, Sample> byId() {
    Map<String, Sample> m = new HashMap<>();
    SAMPLES.forEach(s -> m.put(s.id(), s));
    return m;
  }

  /** The lines of one valid file: r3 has no line, m2 and r2 failed. */
  static final List<String> VALID =
      List.of(
          "{\"sample_id\": \"c1\", \"text\": \"caf\u00e9 \u2615 na\u00efve \ud83d\ude00\"}",
          "{\"sample_id\": \"r1\", \"masks\": [" + COLUMN0 + "]}",
          "{\"sample_id\": \"r2\", \"error\": \"HTTP 503\"}",
          "{\"sample_id\": \"m1\", \"text\": \"A\"}",
          "{\"sample_id\": \"m2\", \"error\": \"timeout\"}");

  Path write(String name, List<String> lines, String newline) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, String.join(newline, lines) + newline, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void everyProblemIsReportedWithItsLineNumberAndTheFileIsRejected() throws IOException {
    Path f =
        write(
            "p.jsonl",
            List.of(
                "{\"sample_id\": \"r1\", \"masks\": [" + COLUMN0 + "]}",
                "{\"sample_id\": \"m1\", \"text\": ",
                "{\"sample_id\": \"nope\", \"text\": \"A\"}",
                "",
                "{\"sample_id\": \"r1\", \"masks\": [" + TOP_OF_COLUMN0 + "]}",
                "{\"sample_id\": \"c1\", \"masks\": [{\"size\": [3, 3], \"counts\": [9]}]}",
                "{\"sample_id\": \"m1\"}",
                "{\"sample_id\": \"m2\", \"masks\": [{\"size\": [4, 4], \"counts\": [16]}]}",
                "{\"sample_id\": \"c1\", \"text\": \"x\", \"colour\": \"red\"}"),
            "\n");
    PredictionFileException e =
        assertThrows(PredictionFileException.class, () -> PredictionIndex.open(f, byId()));
    List<String> p = e.problems();
    assertEquals(7, p.size(), String.join("\n", p));
    assertLine(p.get(0), 2, "JSON");
    assertLine(p.get(1), 3, "nope");
    assertLine(p.get(2), 5, "r1");
    assertTrue(p.get(2).contains("line 1"), "names the first occurrence: " + p.get(2));
    assertLine(p.get(3), 6, "3x3");
    assertLine(p.get(4), 7, "m1");
    assertLine(p.get(5), 8, "m2");
    assertLine(p.get(6), 9, "colour");
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("7 problems"), e.getMessage());
  }

  static void assertLine(String problem, int line, String mentions) {
    assertTrue(problem.startsWith("line " + line + ": "), problem);
    assertTrue(problem.contains(mentions), problem + " should mention " + mentions);
  }

  @Test
  void atMostTwentyProblemsAreListedAndTheRestCounted() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      lines.add("{\"sample_id\": \"unknown-" + i + "\", \"text\": \"A\"}");
    }
    Path f = write("p.jsonl", lines, "\n");
    PredictionFileException e =
        assertThrows(PredictionFileException.class, () -> PredictionIndex.open(f, byId()));
    assertEquals(20, e.problems().size());
    assertLine(e.problems().get(19), 20, "unknown-19");
    assertTrue(e.getMessage().contains("25 problems"), e.getMessage());
    assertTrue(e.getMessage().contains("5 more"), e.getMessage());
  }

  @Test
  void aMissingFileIsAProblemOfThatFile() {
    Path f = dir.resolve("absent.jsonl");
    PredictionFileException e =
        assertThrows(PredictionFileException.class, () -> PredictionIndex.open(f, byId()));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    assertEquals(1, e.problems().size());
  }

  @Test
  void predictionsAreReadBackByIdWhateverTheLineOrder() throws IOException {
    List<String> reversed = new ArrayList<>(VALID);
    Collections.reverse(reversed);
    for (Path f : List.of(write("a.jsonl", VALID, "\n"), write("b.jsonl", reversed, "\n"))) {
      try (PredictionIndex index = PredictionIndex.open(f, byId())) {
        assertEquals(5, index.size());
        assertEquals(2, index.failed());
        assertEquals(f, index.file());
        // the multi-byte text shifts the byte offsets of every later line
        assertEquals(
            Prediction.text("c1", "caf\u00e9 \u2615 na\u00efve \ud83d\ude00"), index.get("c1"));
        assertEquals(Prediction.masks("r1", List.of(rect(0, 4, 0, 1))), index.get("r1"));
        assertEquals(Prediction.failed("r2", "HTTP 503"), index.get("r2"));
        assertEquals(Prediction.text("m1", "A"), index.get("m1"));
        assertEquals(Prediction.failed("m2", "timeout"), index.get("m2"));
        assertNull(index.get("r3"));
        assertNull(index.get("not-a-sample"));
        // read again, out of order: each read seeks to its own line
        assertEquals(Prediction.text("m1", "A"), index.get("m1"));
        assertEquals(Prediction.failed("r2", "HTTP 503"), index.get("r2"));
      }
    }
  }

  @Test
  void scoresOfAFileDoNotDependOnItsLineOrder() throws IOException {
    List<String> reversed = new ArrayList<>(VALID);
    Collections.reverse(reversed);
    BootstrapSettings ci = BootstrapSettings.percent95(100, 1);
    Evaluation forward;
    Evaluation backward;
    try (PredictionIndex a = PredictionIndex.open(write("a.jsonl", VALID, "\n"), byId());
        PredictionIndex b = PredictionIndex.open(write("b.jsonl", reversed, "\n"), byId())) {
      forward = Scoring.score("tiny", SAMPLES, a, EvalProfile.STANDARD, ci);
      backward = Scoring.score("tiny", SAMPLES, b, EvalProfile.STANDARD, ci);
    }
    assertEquals(forward, backward);
    // r1 column 0 exactly (4, 4); r2 failed and r3 missing, each (0, 4)
    assertEquals(4.0 / 12, forward.tasks().res().ciou(), 1e-12);
    assertEquals(List.of(6L, 1L, 2L), List.of(forward.n(), forward.missing(), forward.failed()));
  }

  @Test
  void blankLinesAreSkippedButStillCounted() throws IOException {
    Path f =
        write(
            "p.jsonl",
            List.of("", "{\"sample_id\": \"m1\", \"text\": \"A\"}", "   ", "{\"sample_id\": 1}"),
            "\n");
    PredictionFileException e =
        assertThrows(PredictionFileException.class, () -> PredictionIndex.open(f, byId()));
    assertEquals(1, e.problems().size());
    assertLine(e.problems().get(0), 4, "sample_id");
  }

  @Test
  void checkNamesTheSampleAndTheMaskOfTheWrongSize() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                PredictionIndex.check(
                    Prediction.masks("r1", List.of(rect(0, 4, 0, 1), rect(2, 5, 0, 2, 0, 1))),
                    SAMPLES.get(0)));
    assertTrue(e.getMessage().contains("r1"), e.getMessage());
    assertTrue(e.getMessage().contains("masks[1]"), e.getMessage());
  }
}
