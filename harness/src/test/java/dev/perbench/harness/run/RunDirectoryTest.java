package dev.perbench.harness.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repairing a prediction file after a crash so that the run can resume. */
class RunDirectoryTest {
  static final String A = "{\"sample_id\":\"a\",\"text\":\"caf\u00e9 \u2615\"}";
  static final String B = "{\"sample_id\":\"b\",\"error\":\"HTTP 500\"}";
  static final String TORN = "{\"sample_id\":\"c\",\"te";

  @TempDir Path root;
  RunDirectory dir;

  @BeforeEach
  void dir() {
    dir = new RunDirectory(root);
  }

  String repaired(String before, Set<String> ids) throws IOException {
    Files.writeString(dir.predictions(), before, StandardCharsets.UTF_8);
    assertEquals(ids, dir.repairAndReadDoneIds());
    return Files.readString(dir.predictions(), StandardCharsets.UTF_8);
  }

  @Test
  void theFilesOfARunAreInItsFolder() {
    assertEquals(root.resolve("predictions.jsonl"), dir.predictions());
    assertEquals(root.resolve("metrics.json"), dir.metricsJson());
    assertEquals(root.resolve("metrics.csv"), dir.metricsCsv());
    assertEquals(root.resolve("manifest.json"), dir.manifest());
    assertEquals(root.resolve("run.log"), dir.log());
  }

  @Test
  void noFileMeansNothingDoneAndNoFileIsCreated() {
    assertEquals(Set.of(), dir.repairAndReadDoneIds());
    assertFalse(Files.exists(dir.predictions()));
  }

  @Test
  void aTornLastLineIsCutOffAtTheEndOfTheLastWholeLine() throws IOException {
    // A holds multi-byte characters: the cut is at a byte offset, not a character count
    assertEquals(A + "\n" + B + "\n", repaired(A + "\n" + B + "\n" + TORN, Set.of("a", "b")));
  }

  @Test
  void aFileOfOnlyATornLineBecomesEmpty() throws IOException {
    assertEquals("", repaired(TORN, Set.of()));
  }

  @Test
  void aWholeLastLineWithoutItsNewlineIsKeptAndGetsOne() throws IOException {
    assertEquals(A + "\n" + B + "\n", repaired(A + "\n" + B, Set.of("a", "b")));
  }

  @Test
  void blankLinesAreKept() throws IOException {
    String text = A + "\n\n" + B + "\n  \n";
    assertEquals(text, repaired(text, Set.of("a", "b")));
    assertEquals(A + "\n\n", repaired(A + "\n\n" + TORN, Set.of("a")));
  }

  @Test
  void anIntactFileIsLeftByteForByteAndRepairingTwiceChangesNothing() throws IOException {
    String text = A + "\n" + B + "\n";
    assertEquals(text, repaired(text, Set.of("a", "b")));
    byte[] once = Files.readAllBytes(dir.predictions());
    assertEquals(Set.of("a", "b"), dir.repairAndReadDoneIds());
    assertArrayEquals(once, Files.readAllBytes(dir.predictions()));
  }

  @Test
  void aFailedPredictionCountsAsDone() throws IOException {
    String text = B + "\n";
    assertEquals(text, repaired(text, Set.of("b")));
  }

  @Test
  void writeAtomicallyReplacesTheWholeFileAndLeavesNoTemporaryFile() throws IOException {
    RunDirectory.writeAtomically(dir.manifest(), "first, longer text\n");
    RunDirectory.writeAtomically(dir.manifest(), "second\n");
    assertEquals("second\n", Files.readString(dir.manifest()));
    try (var files = Files.list(root)) {
      assertEquals(Set.of(dir.manifest()), Set.copyOf(files.toList()));
    }
  }
}
