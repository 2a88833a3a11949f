package dev.perbench.metrics.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inputs with zero-length runs after the first, where pycocotools' merge emits counts that do not
 * cover the image (golden/quirks.json records its output): we return the correct pixels.
 */
class MergeQuirkTest {
  @Test
  void mergingNonCanonicalRunsGivesTheCorrectPixelsNotPycocotoolsGarbage() {
    int checked = 0;
    for (JsonNode c : Golden.cases("quirks.json")) {
      if (!c.get("kind").asText().equals("merge_noncanonical")) {
        continue;
      }
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
      checked++;
    }
    assertEquals(true, checked > 0);
  }

  private static byte[] combine(byte[] a, byte[] b, boolean intersect) {
    byte[] out = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (byte) (intersect ? a[i] & b[i] : a[i] | b[i]);
    }
    return out;
  }
}
