package dev.perbench.harness.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.perbench.harness.io.AtomicFiles;
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

  String repaired(String before) throws IOException {
    return repaired(before.getBytes(StandardCharsets.UTF_8));
  }

  String repaired(byte[] before) throws IOException {
    Files.write(dir.predictions(), before);
    dir.repairTornLastLine();
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
  void noFileMeansNothingToRepairAndNoFileIsCreated() {
    assertNull(dir.repairTornLastLine());
    assertFalse(Files.exists(dir.predictions()));
  }

  @Test
  void aTornLastLineIsCutOffAtTheEndOfTheLastWholeLine() throws IOException {
    // A holds multi-byte characters: the cut is at a byte offset, not a character count
    assertEquals(A + "\n" + B + "\n", repaired(A + "\n" + B + "\n" + TORN));
  }

  @Test
  void aFileOfOnlyATornLineBecomesEmpty() throws IOException {
    assertEquals("", repaired(TORN));
  }

  @Test
  void aWholeLastLineWithoutItsNewlineIsKeptAndGetsOne() throws IOException {
    assertEquals(A + "\n" + B + "\n", repaired(A + "\n" + B));
  }

  @Test
  void blankLinesAreKept() throws IOException {
    String text = A + "\n\n" + B + "\n  \n";
    assertEquals(text, repaired(text));
    assertEquals(A + "\n\n", repaired(A + "\n\n" + TORN));
  }

  @Test
  void anIntactFileIsLeftByteForByteAndRepairingTwiceChangesNothing() throws IOException {
    String text = A + "\n" + B + "\n";
    assertEquals(text, repaired(text));
    byte[] once = Files.readAllBytes(dir.predictions());
    assertNull(dir.repairTornLastLine());
    assertArrayEquals(once, Files.readAllBytes(dir.predictions()));
  }

  @Test
  void aFailedPredictionCountsAsDone() throws IOException {
    String text = B + "\n";
    assertEquals(text, repaired(text));
  }

  @Test
  void theRepairSaysWhatItDid() throws IOException {
    Files.writeString(dir.predictions(), A + "\n" + TORN, StandardCharsets.UTF_8);
    assertEquals(
        "dropped line 2 of "
            + dir.predictions()
            + ", cut off by a crash (20 bytes); its sample is predicted again",
        dir.repairTornLastLine());
    Files.writeString(dir.predictions(), A, StandardCharsets.UTF_8);
    assertEquals(
        "added the missing line end of line 1 of " + dir.predictions(), dir.repairTornLastLine());
  }

  @Test
  void crlfLinesAreWholeLinesAndATornOneAfterThemIsCutAtItsStart() throws IOException {
    // Hardening defect 2: offsets were computed as decoded length + 1, cutting CRLF files wrong.
    String crlf = A + "\r\n" + B + "\r\n";
    assertEquals(crlf, repaired(crlf));
    assertEquals(crlf, repaired(crlf + TORN));
  }

  @Test
  void aByteOrderMarkIsKeptWithTheLinesAfterIt() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text = (A + "\n" + TORN).getBytes(StandardCharsets.UTF_8);
    byte[] file = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, file, 0, 3);
    System.arraycopy(text, 0, file, 3, text.length);
    assertEquals("\uFEFF" + A + "\n", repaired(file));
  }

  @Test
  void aLastLineTornInsideACharacterIsDropped() throws IOException {
    // A crash between the two bytes of an é; reading it as UTF-8 used to fail the resume.
    byte[] whole = (A + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] torn = "{\"sample_id\":\"c\",\"text\":\"caf".getBytes(StandardCharsets.UTF_8);
    byte[] file = new byte[whole.length + torn.length + 1];
    System.arraycopy(whole, 0, file, 0, whole.length);
    System.arraycopy(torn, 0, file, whole.length, torn.length);
    file[file.length - 1] = (byte) 0xC3;
    assertEquals(A + "\n", repaired(file));
  }

  @Test
  void aBadLineThatHasItsLineEndIsNotACrashsDoingAndIsLeftForValidation() throws IOException {
    // Hardening defect 5: everything from a bad middle line on used to be dropped silently.
    String text = A + "\n" + "{\"sample_id\": 7}\n" + B + "\n";
    assertEquals(text, repaired(text));
    String badLast = A + "\n" + "{\"sample_id\": 7}\n";
    assertEquals(badLast, repaired(badLast));
  }

  @Test
  void anAtomicWriteReplacesTheWholeFileAndLeavesNoTemporaryFile() throws IOException {
    AtomicFiles.write(dir.manifest(), "first, longer text\n");
    AtomicFiles.write(dir.manifest(), "second\n");
    assertEquals("second\n", Files.readString(dir.manifest()));
    try (var files = Files.list(root)) {
      assertEquals(Set.of(dir.manifest()), Set.copyOf(files.toList()));
    }
  }
}
