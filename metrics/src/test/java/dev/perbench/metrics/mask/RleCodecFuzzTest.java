package dev.perbench.metrics.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link RleCodec#decode}: any string either decodes to a mask of the asked size whose
 * counts sum to its pixels (and encodes back to a string that decodes to the same mask), or is
 * refused with an {@link IllegalArgumentException} that has a message. Under {@code mvn verify} it
 * fuzzes for a few seconds (see README, Development); the inputs it once failed on are replayed
 * from {@code RleCodecFuzzTestInputs/decode}.
 */
class RleCodecFuzzTest {
  @FuzzTest(maxDuration = "3s")
  void decode(FuzzedDataProvider data) {
    int height = data.consumeInt(0, 4096);
    int width = data.consumeInt(0, 4096);
    String s = data.consumeRemainingAsString();
    Mask mask;
    try {
      mask = RleCodec.decode(height, width, s);
    } catch (IllegalArgumentException e) {
      assertNotNull(e.getMessage(), "IllegalArgumentException without a message");
      return;
    }
    assertEquals(height, mask.height());
    assertEquals(width, mask.width());
    long sum = 0;
    for (int c : mask.counts()) {
      assertTrue(c >= 0, "negative count");
      sum += c;
    }
    assertEquals((long) height * width, sum);
    assertTrue(mask.area() >= 0 && mask.area() <= sum);
    assertEquals(mask, RleCodec.decode(height, width, RleCodec.encode(mask)));
  }
}
