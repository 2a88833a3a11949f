package dev.perbench.metrics.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** IoU, intersection, union and merge against pycocotools. */
class OverlapGoldenTest {
  static Stream<Arguments> iou() {
    return Golden.arguments("iou.json");
  }

  static Stream<Arguments> merge() {
    return Golden.arguments("merge.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("iou")
  void iouMatchesPycocotoolsIncludingCrowdAndEmptyMasks(String name, JsonNode c) {
    Mask dt = Golden.rle(c.get("dt"));
    Mask gt = Golden.rle(c.get("gt"));
    double expected = c.get("iou").doubleValue();
    assertEquals(
        expected, MaskOverlap.cocoIou(dt, gt, c.get("iscrowd").booleanValue()), 1e-12, name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("iou")
  void intersectionAndUnionCountsMatchMergedAreas(String name, JsonNode c) {
    Overlap o = MaskOverlap.overlap(Golden.rle(c.get("dt")), Golden.rle(c.get("gt")));
    assertEquals(c.get("intersection").longValue(), o.intersection(), name);
    assertEquals(c.get("union").longValue(), o.union(), name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("merge")
  void mergeReproducesPycocotoolsRunsByteForByte(String name, JsonNode c) {
    List<Mask> masks = new ArrayList<>();
    for (JsonNode s : c.get("rles")) {
      masks.add(
          RleCodec.decode(
              c.get("size").get(0).intValue(), c.get("size").get(1).intValue(), s.asText()));
    }
    Mask merged = Mask.merge(masks, c.get("intersect").intValue() == 1);
    assertEquals(c.get("merged").asText(), RleCodec.encode(merged), name);
  }
}
