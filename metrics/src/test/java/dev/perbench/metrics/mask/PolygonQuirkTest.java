package dev.perbench.metrics.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pycocotools' behaviour on degenerate polygons, recorded in golden/quirks.json. */
class PolygonQuirkTest {
  private static JsonNode quirk(String kind) {
    return Golden.cases("quirks.json").stream()
        .filter(c -> c.get("kind").asText().equals(kind))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aTinyTriangleBetweenPixelCentresRasterisesToNothing() {
    JsonNode c = quirk("tiny_triangle_empty");
    Mask mask =
        PolygonRasterizer.rasterize(
            Golden.polygons(c.get("polygons")), c.get("h").intValue(), c.get("w").intValue());
    assertEquals(c.get("rle").asText(), RleCodec.encode(mask));
    assertEquals(0, mask.area());
  }

  @Test
  void aTwoPointPolygonAfterTheFirstIsAnEmptyPolygonNotABox() {
    JsonNode c = quirk("polygon_two_points_not_first");
    List<double[]> polygons = Golden.polygons(c.get("polygons"));
    int h = c.get("h").intValue();
    int w = c.get("w").intValue();
    for (int k = 0; k < polygons.size(); k++) {
      assertEquals(
          c.get("rles").get(k).asText(),
          RleCodec.encode(PolygonRasterizer.polygon(polygons.get(k), h, w)));
    }
    assertEquals(
        c.get("areas").get(0).longValue(), PolygonRasterizer.rasterize(polygons, h, w).area());
  }
}
