package dev.perbench.metrics.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Polygon and box rasterisation against pycocotools' frPyObjects and merge. */
class PolygonGoldenTest {
  static Stream<Arguments> polygons() {
    return Golden.arguments("polygons.json");
  }

  static Stream<Arguments> boxes() {
    return Golden.arguments("boxes.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("polygons")
  void eachPolygonRasterisesToThePycocotoolsString(String name, JsonNode c) {
    int h = c.get("h").intValue();
    int w = c.get("w").intValue();
    List<double[]> polys = Golden.polygons(c.get("polygons"));
    assertEquals(true, polys.size() >= 1, name + ": no polygon");
    assertEquals(polys.size(), c.get("rles").size(), name + ": one string per polygon");
    for (int k = 0; k < polys.size(); k++) {
      Mask mask = PolygonRasterizer.rasterize(List.of(polys.get(k)), h, w);
      assertEquals(c.get("rles").get(k).asText(), RleCodec.encode(mask), name + " polygon " + k);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("polygons")
  void severalPolygonsMergeAsAnnToRleDoes(String name, JsonNode c) {
    Mask mask =
        PolygonRasterizer.rasterize(
            Golden.polygons(c.get("polygons")), c.get("h").intValue(), c.get("w").intValue());
    assertEquals(c.get("merged").asText(), RleCodec.encode(mask), name);
    assertEquals(c.get("area").longValue(), mask.area(), name);
    assertArrayEquals(Golden.doubles(c.get("bbox")), mask.boundingBox(), 0.0, name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("boxes")
  void boxesRasteriseAsFrBbox(String name, JsonNode c) {
    double[] b = Golden.doubles(c.get("box"));
    int h = c.get("h").intValue();
    int w = c.get("w").intValue();
    assertEquals(
        c.get("rle").asText(),
        RleCodec.encode(PolygonRasterizer.box(b[0], b[1], b[2], b[3], h, w)),
        name);
    assertEquals(
        c.get("rle").asText(),
        RleCodec.encode(PolygonRasterizer.rasterize(List.of(b), h, w)),
        name);
  }
}
