package dev.perbench.metrics.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes {@link PolygonRasterizer#rasterize}: any list of coordinate lists (boxes or polygons, with
 * any doubles: huge, negative, NaN, infinite) either rasterises to a mask of the asked size or is
 * refused with an {@link IllegalArgumentException} that has a message; never another exception, a
 * hang or memory out of proportion to the mask.
 */
class PolygonRasterizerFuzzTest {
  @FuzzTest(maxDuration = "3s")
  void rasterize(FuzzedDataProvider data) {
    int height = data.consumeInt(0, 4096);
    int width = data.consumeInt(0, 4096);
    int parts = data.consumeInt(0, 4);
    List<double[]> segmentation = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      double[] xy = new double[data.consumeInt(0, 16)];
      boolean scaled = data.consumeBoolean();
      for (int k = 0; k < xy.length; k++) {
        // Mostly coordinates near the mask, sometimes any double.
        xy[k] = scaled ? data.consumeDouble() : data.consumeInt(-64, 4160) / 4.0;
      }
      segmentation.add(xy);
    }
    Mask mask;
    try {
      mask = PolygonRasterizer.rasterize(segmentation, height, width);
    } catch (IllegalArgumentException e) {
      assertNotNull(e.getMessage(), "IllegalArgumentException without a message");
      return;
    }
    assertEquals(height, mask.height());
    assertEquals(width, mask.width());
    assertTrue(mask.area() >= 0 && mask.area() <= (long) height * width);
  }
}
