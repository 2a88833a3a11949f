package dev.perbench.metrics.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Polygon and box rasterisation against pycocotools' frPyObjects and merge. */
class PolygonGoldenTest {
  @Test
  void eachPolygonRasterisesToThePycocotoolsString() {
    List<JsonNode> cases = Golden.cases("polygons.json");
    int polygons = 0;
    for (int i = 0; i < cases.size(); i++) {
      JsonNode c = cases.get(i);
      int h = c.get("h").intValue();
      int w = c.get("w").intValue();
      List<double[]> polys = Golden.polygons(c.get("polygons"));
      for (int k = 0; k < polys.size(); k++) {
        Mask mask = PolygonRasterizer.rasterize(List.of(polys.get(k)), h, w);
        assertEquals(
            c.get("rles").get(k).asText(),
            RleCodec.encode(mask),
            Golden.name(c, i) + " polygon " + k);
        polygons++;
      }
    }
    assertEquals(true, polygons >= cases.size());
  }

  @Test
  void severalPolygonsMergeAsAnnToRleDoes() {
    List<JsonNode> cases = Golden.cases("polygons.json");
    for (int i = 0; i < cases.size(); i++) {
      JsonNode c = cases.get(i);
      Mask mask =
          PolygonRasterizer.rasterize(
              Golden.polygons(c.get("polygons")), c.get("h").intValue(), c.get("w").intValue());
      assertEquals(c.get("merged").asText(), RleCodec.encode(mask), Golden.name(c, i));
      assertEquals(c.get("area").longValue(), mask.area(), Golden.name(c, i));
      assertArrayEquals(Golden.doubles(c.get("bbox")), mask.boundingBox(), 0.0, Golden.name(c, i));
    }
  }

  @Test
  void boxesRasteriseAsFrBbox() {
    List<JsonNode> cases = Golden.cases("boxes.json");
    for (int i = 0; i < cases.size(); i++) {
      JsonNode c = cases.get(i);
      double[] b = Golden.doubles(c.get("box"));
      int h = c.get("h").intValue();
      int w = c.get("w").intValue();
      assertEquals(
          c.get("rle").asText(),
          RleCodec.encode(PolygonRasterizer.box(b[0], b[1], b[2], b[3], h, w)),
          Golden.name(c, i));
      assertEquals(
          c.get("rle").asText(),
          RleCodec.encode(PolygonRasterizer.rasterize(List.of(b), h, w)),
          Golden.name(c, i));
    }
  }
}
