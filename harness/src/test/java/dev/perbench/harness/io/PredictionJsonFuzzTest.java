package dev.perbench.harness.io;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.perbench.harness.model.Prediction;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link PredictionJson#read(String)} (one line of a prediction file): any text either reads
 * as a prediction with a sample id or is refused with an {@link IllegalArgumentException} (a
 * FieldException included) that has a message. The seeds and the inputs it once failed on are in
 * {@code PredictionJsonFuzzTestInputs/read}; see README, Development.
 */
class PredictionJsonFuzzTest {
  @FuzzTest(maxDuration = "3s")
  void read(byte[] input) {
    String line = new String(input, StandardCharsets.UTF_8);
    Prediction p;
    try {
      p = PredictionJson.read(line);
    } catch (IllegalArgumentException e) {
      assertNotNull(e.getMessage(), "IllegalArgumentException without a message");
      return;
    }
    assertNotNull(p.sampleId());
  }
}
