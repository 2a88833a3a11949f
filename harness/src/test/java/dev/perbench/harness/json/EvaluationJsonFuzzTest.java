package dev.perbench.harness.json;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.perbench.harness.score.Evaluation;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the {@code metrics.json} reader, {@link StrictJson#parse} into {@link Evaluation}: any
 * text either binds or is refused with an {@link IllegalArgumentException} (a FieldException
 * included) that has a message.
 */
class EvaluationJsonFuzzTest {
  @FuzzTest(maxDuration = "3s")
  void parse(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    try {
      assertNotNull(StrictJson.parse(text, Evaluation.class));
    } catch (IllegalArgumentException e) {
      assertNotNull(e.getMessage(), "IllegalArgumentException without a message");
    }
  }
}
