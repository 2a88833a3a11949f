package dev.perbench.metrics.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IoU, intersection, union and merge against pycocotools. */
class OverlapGoldenTest {
  @Test
  void iouMatchesPycocotoolsIncludingCrowdAndEmptyMasks() {
    List<JsonNode> cases = Golden.cases("iou.json");
    for (int i = 0; i < cases.size(); i++) {
      JsonNode c = cases.get(i);
      Mask dt = Golden.rle(c.get("dt"));
      Mask gt = Golden.rle(c.get("gt"));
      double expected = c.get("iou").doubleValue();
      assertEquals(
          expected,
          MaskOverlap.cocoIou(dt, gt, c.get("iscrowd").booleanValue()),
          1e-12,
          Golden.name(c, i));
    }
  }

  @Test
  void intersectionAndUnionCountsMatchMergedAreas() {
    List<JsonNode> cases = Golden.cases("iou.json");
    for (int i = 0; i < cases.size(); i++) {
      JsonNode c = cases.get(i);
      Overlap o = MaskOverlap.overlap(Golden.rle(c.get("dt")), Golden.rle(c.get("gt")));
      assertEquals(c.get("intersection").longValue(), o.intersection(), Golden.name(c, i));
      assertEquals(c.get("union").longValue(), o.union(), Golden.name(c, i));
    }
  }

  @Test
  void mergeReproducesPycocotoolsRunsByteForByte() {
    List<JsonNode> cases = Golden.cases("merge.json");
    for (int i = 0; i < cases.size(); i++) {
      JsonNode c = cases.get(i);
      List<Mask> masks = new ArrayList<>();
      for (JsonNode s : c.get("rles")) {
        masks.add(
            RleCodec.decode(
                c.get("size").get(0).intValue(), c.get("size").get(1).intValue(), s.asText()));
      }
      Mask merged = Mask.merge(masks, c.get("intersect").intValue() == 1);
      assertEquals(c.get("merged").asText(), RleCodec.encode(merged), Golden.name(c, i));
    }
  }
}
