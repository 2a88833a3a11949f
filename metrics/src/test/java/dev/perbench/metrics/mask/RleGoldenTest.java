package dev.perbench.metrics.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Encoding, decoding, area and box against masks that pycocotools encoded. */
class RleGoldenTest {
  static Stream<Arguments> cases() {
    return Golden.arguments("rle_strings.json");
  }

  static Stream<Arguments> casesWithBitmaps() {
    return Golden.arguments("rle_strings.json", c -> c.has("bitmap"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void encodingCountsGivesPycocotoolsStringsByteForByte(String name, JsonNode c) {
    Mask mask =
        Mask.fromCounts(c.get("h").intValue(), c.get("w").intValue(), Golden.ints(c.get("counts")));
    assertEquals(c.get("string").asText(), RleCodec.encode(mask), name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decodingPycocotoolsStringsGivesTheirCounts(String name, JsonNode c) {
    Mask mask =
        RleCodec.decode(c.get("h").intValue(), c.get("w").intValue(), c.get("string").asText());
    assertArrayEquals(Golden.ints(c.get("counts")), mask.counts(), name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void areaAndBoundingBoxMatchPycocotoolsExactly(String name, JsonNode c) {
    Mask mask =
        Mask.fromCounts(c.get("h").intValue(), c.get("w").intValue(), Golden.ints(c.get("counts")));
    assertEquals(c.get("area").longValue(), mask.area(), name);
    assertArrayEquals(Golden.doubles(c.get("bbox")), mask.boundingBox(), 0.0, name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("casesWithBitmaps")
  void bitmapsConvertBothWaysLikeNumpyArrays(String name, JsonNode c) {
    int h = c.get("h").intValue();
    int w = c.get("w").intValue();
    String bits = c.get("bitmap").asText();
    byte[] bitmap = new byte[bits.length()];
    for (int p = 0; p < bitmap.length; p++) {
      bitmap[p] = (byte) (bits.charAt(p) - '0');
    }
    Mask mask = Mask.fromBitmap(h, w, bitmap);
    assertArrayEquals(Golden.ints(c.get("counts")), mask.counts(), name);
    assertArrayEquals(bitmap, mask.toBitmap(), name);
  }

  @Test
  void enoughCasesCarryABitmap() {
    long checked = casesWithBitmaps().count();
    assertEquals(true, checked > 50, "too few golden bitmaps: " + checked);
  }
}
