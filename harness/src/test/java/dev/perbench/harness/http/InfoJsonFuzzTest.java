package dev.perbench.harness.http;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.perbench.harness.model.ModelInfo;

/**
 * Fuzzes {@link InfoJson#read} (a model server's {@code GET /info}): any body either reads as model
 * info or is refused with an {@link IllegalArgumentException} that has a message.
 */
class InfoJsonFuzzTest {
  @FuzzTest(maxDuration = "3s")
  void read(byte[] body) {
    ModelInfo info;
    try {
      info = InfoJson.read(body, "http://127.0.0.1:1/");
    } catch (IllegalArgumentException e) {
      assertNotNull(e.getMessage(), "IllegalArgumentException without a message");
      return;
    }
    assertNotNull(info);
  }
}
