package dev.perbench.harness.pairs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.perbench.errors.InputException;
import dev.perbench.metrics.seg.SegProfile;
import dev.perbench.metrics.seg.SegmentationAccumulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Differential fuzzing of the parallel {@code mask eval} path ({@link MaskEvaluation#run} on two
 * threads, its streaming parser and batches) against the line-by-line reader: on any bytes both
 * give the same result JSON or the same error message.
 */
class MaskEvaluationFuzzTest {
  private static final Path FILE;

  static {
    try {
      FILE = Files.createTempFile("pairs-eval-fuzz", ".jsonl");
      FILE.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "3s")
  void sameAsTheReader(byte[] content) throws IOException {
    Files.write(FILE, content);
    assertEquals(outcome(FILE, true), outcome(FILE, false));
  }

  private static String outcome(Path file, boolean reference) {
    try {
      if (!reference) {
        PrintWriter quiet = new PrintWriter(new StringWriter());
        return MaskEvaluation.run(file, SegProfile.STANDARD, quiet, 2).toJson();
      }
      SegmentationAccumulator accumulator = new SegmentationAccumulator();
      try (MaskPairsReader reader = MaskPairsReader.open(file)) {
        for (MaskPair pair = reader.next(); pair != null; pair = reader.next()) {
          accumulator.add(pair.gt(), pair.pred());
        }
      }
      return new MaskEvaluation.Outcome(accumulator.result(), file, 0).toJson();
    } catch (InputException e) {
      return "error: " + e.getMessage();
    }
  }
}
