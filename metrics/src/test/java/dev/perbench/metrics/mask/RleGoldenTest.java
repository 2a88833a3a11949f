package dev.perbench.metrics.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Encoding, decoding, area and box against masks that pycocotools encoded. */
class RleGoldenTest {
  private final List<JsonNode> cases = Golden.cases("rle_strings.json");

  @Test
  void encodingCountsGivesPycocotoolsStringsByteForByte() {
    for (int i = 0; i < cases.size(); i++) {
      JsonNode c = cases.get(i);
      Mask mask =
          Mask.fromCounts(
              c.get("h").intValue(), c.get("w").intValue(), Golden.ints(c.get("counts")));
      assertEquals(c.get("string").asText(), RleCodec.encode(mask), Golden.name(c, i));
    }
  }

  @Test
  void decodingPycocotoolsStringsGivesTheirCounts() {
    for (int i = 0; i < cases.size(); i++) {
      JsonNode c = cases.get(i);
      Mask mask =
          RleCodec.decode(c.get("h").intValue(), c.get("w").intValue(), c.get("string").asText());
      assertArrayEquals(Golden.ints(c.get("counts")), mask.counts(), Golden.name(c, i));
    }
  }

  @Test
  void areaAndBoundingBoxMatchPycocotoolsExactly() {
    for (int i = 0; i < cases.size(); i++) {
      JsonNode c = cases.get(i);
      Mask mask =
          Mask.fromCounts(
              c.get("h").intValue(), c.get("w").intValue(), Golden.ints(c.get("counts")));
      assertEquals(c.get("area").longValue(), mask.area(), Golden.name(c, i));
      assertArrayEquals(Golden.doubles(c.get("bbox")), mask.boundingBox(), 0.0, Golden.name(c, i));
    }
  }

  @Test
  void bitmapsConvertBothWaysLikeNumpyArrays() {
    int checked = 0;
    for (int i = 0; i < cases.size(); i++) {
      JsonNode c = cases.get(i);
      if (!c.has("bitmap")) {
        continue;
      }
      int h = c.get("h").intValue();
      int w = c.get("w").intValue();
      String bits = c.get("bitmap").asText();
      byte[] bitmap = new byte[bits.length()];
      for (int p = 0; p < bitmap.length; p++) {
        bitmap[p] = (byte) (bits.charAt(p) - '0');
      }
      Mask mask = Mask.fromBitmap(h, w, bitmap);
      assertArrayEquals(Golden.ints(c.get("counts")), mask.counts(), Golden.name(c, i));
      assertArrayEquals(bitmap, mask.toBitmap(), Golden.name(c, i));
      checked++;
    }
    assertEquals(true, checked > 50, "too few golden bitmaps: " + checked);
  }
}
