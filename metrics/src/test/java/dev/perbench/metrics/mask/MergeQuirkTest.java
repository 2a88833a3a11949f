package dev.perbench.metrics.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs with zero-length runs after the first, where pycocotools' merge emits counts that do not
 * cover the image (golden/quirks.json records its output): we return the correct pixels.
 */
class MergeQuirkTest {
  static Stream<Arguments> nonCanonicalMerges() {
    return Golden.arguments(
        "quirks.json", c -> c.get("kind").asText().equals("merge_noncanonical"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nonCanonicalMerges")
  void mergingNonCanonicalRunsGivesTheCorrectPixelsNotPycocotoolsGarbage(String name, JsonNode c) {
    int h = c.get("size").get(0).intValue();
    int w = c.get("size").get(1).intValue();
    boolean intersect = c.get("intersect").intValue() == 1;
    List<Mask> masks = new ArrayList<>();
    byte[] expected = null;
    for (JsonNode counts : c.get("uncompressed")) {
      Mask m = Mask.fromCounts(h, w, Golden.ints(counts));
      masks.add(m);
      expected = expected == null ? m.toBitmap() : combine(expected, m.toBitmap(), intersect);
    }
    Mask merged = Mask.merge(masks, intersect);
    assertArrayEquals(expected, merged.toBitmap(), c.toString());
    assertEquals(c.get("correct_area").longValue(), merged.area(), c.toString());
  }

  private static byte[] combine(byte[] a, byte[] b, boolean intersect) {
    byte[] out = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (byte) (intersect ? a[i] & b[i] : a[i] | b[i]);
    }
    return out;
  }
}
