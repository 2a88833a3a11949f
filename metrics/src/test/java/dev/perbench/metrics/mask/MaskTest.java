package dev.perbench.metrics.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-built cases: layout, validation and the degenerate inputs. */
class MaskTest {
  @Test
  void countsRunDownColumnsAndStartWithZeros() {
    // 2x3 image, row-major: [1 0 0 / 1 1 0] -> column-major 1,1 | 0,1 | 0,0
    Mask mask = Mask.fromBitmap(2, 3, new byte[] {1, 0, 0, 1, 1, 0});
    assertArrayEquals(new int[] {0, 2, 1, 1, 2}, mask.counts());
    assertEquals(3, mask.area());
    assertArrayEquals(new double[] {0, 0, 2, 2}, mask.boundingBox());
  }

  @Test
  void emptyAndFullMasksAreEncodedAsPycocotoolsEncodesThem() {
    assertArrayEquals(new int[] {6}, Mask.empty(2, 3).counts());
    assertArrayEquals(new int[] {0, 6}, Mask.full(2, 3).counts());
    assertEquals(Mask.empty(2, 3), Mask.fromBitmap(2, 3, new byte[6]));
    assertEquals(Mask.full(2, 3), Mask.fromBitmap(2, 3, new byte[] {1, 1, 1, 1, 1, 1}));
  }

  @Test
  void countsThatDoNotCoverTheImageAreRejectedWithTheirSums() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Mask.fromCounts(2, 3, new int[] {1, 2}));
    assertTrue(
        e.getMessage().contains("sum to 3") && e.getMessage().contains("2x3 = 6"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Mask.fromCounts(2, 3, new int[] {7, -1}));
    assertThrows(IllegalArgumentException.class, () -> Mask.fromCounts(2, 3, new int[0]));
  }

  @Test
  void invalidCountsStringsAreRejectedWithThePosition() {
    IllegalArgumentException bad =
        assertThrows(IllegalArgumentException.class, () -> RleCodec.decode(2, 3, "6{"));
    assertTrue(bad.getMessage().contains("position 1"), bad.getMessage());
    // '\\' is 92 -> 44 = 0x2c: its continuation bit is set, so the string ends mid-count.
    IllegalArgumentException truncated =
        assertThrows(IllegalArgumentException.class, () -> RleCodec.decode(2, 3, "\\"));
    assertTrue(truncated.getMessage().contains("ends inside"), truncated.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RleCodec.decode(2, 3, "5"));
    // '?' is a digit (15); a character outside Latin-1 must not be mistaken for it.
    assertEquals(Mask.fromCounts(15, 1, new int[] {15}), RleCodec.decode(15, 1, "?"));
    IllegalArgumentException wide =
        assertThrows(IllegalArgumentException.class, () -> RleCodec.decode(15, 1, "\u4e2d?"));
    assertTrue(wide.getMessage().contains("position 0"), wide.getMessage());
  }

  @Test
  void overlapIsCountedOnRunsAndRefusesMismatchedSizes() {
    Mask a = Mask.fromBitmap(2, 3, new byte[] {1, 1, 0, 1, 1, 0});
    Mask b = Mask.fromBitmap(2, 3, new byte[] {0, 1, 1, 0, 1, 1});
    assertEquals(new Overlap(2, 6), MaskOverlap.overlap(a, b));
    assertEquals(2.0 / 6, MaskOverlap.cocoIou(a, b, false));
    assertEquals(2.0 / 4, MaskOverlap.cocoIou(a, b, true));
    assertEquals(0.0, MaskOverlap.cocoIou(Mask.empty(2, 3), Mask.empty(2, 3), false));
    assertThrows(IllegalArgumentException.class, () -> MaskOverlap.overlap(a, Mask.empty(3, 2)));
  }

  @Test
  void unionAndIntersectionAgreeWithPixelLogic() {
    Mask a = Mask.fromBitmap(2, 3, new byte[] {1, 1, 0, 1, 1, 0});
    Mask b = Mask.fromBitmap(2, 3, new byte[] {0, 1, 1, 0, 1, 1});
    assertArrayEquals(new byte[] {1, 1, 1, 1, 1, 1}, a.union(b).toBitmap());
    assertArrayEquals(new byte[] {0, 1, 0, 0, 1, 0}, a.intersection(b).toBitmap());
    assertEquals(a, Mask.merge(List.of(a), true));
    assertThrows(IllegalArgumentException.class, () -> Mask.merge(List.of(), false));
  }

  @Test
  void pngRoundTripKeepsEveryPixel() throws IOException {
    Mask mask = PolygonRasterizer.polygon(new double[] {1, 1, 30, 4, 12, 25}, 28, 33);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    MaskPng.write(mask, png);
    assertEquals(mask, MaskPng.read(new ByteArrayInputStream(png.toByteArray())));
  }

  @Test
  void polygonsNeedPairsOfFiniteCoordinates() {
    assertThrows(
        IllegalArgumentException.class, () -> PolygonRasterizer.polygon(new double[0], 5, 5));
    assertThrows(
        IllegalArgumentException.class,
        () -> PolygonRasterizer.rasterize(List.of(new double[] {1, 2}), 5, 5));
    assertThrows(
        IllegalArgumentException.class,
        () -> PolygonRasterizer.polygon(new double[] {1, 2, 3, 4, 5}, 5, 5));
    assertThrows(
        IllegalArgumentException.class,
        () -> PolygonRasterizer.polygon(new double[] {1, 2, 3, Double.NaN, 5, 6}, 5, 5));
  }

  @Test
  void aMaskWithNoPixelsEncodesAsPycocotoolsDoes() {
    assertEquals("0", RleCodec.encode(Mask.empty(0, 5)));
    assertEquals(Mask.empty(0, 5), RleCodec.decode(0, 5, "0"));
    assertArrayEquals(new double[4], Mask.empty(0, 5).boundingBox());
  }
}
