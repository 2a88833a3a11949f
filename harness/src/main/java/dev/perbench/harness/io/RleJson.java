package dev.perbench.harness.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perbench.data.coco.SegmentationJson;
import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.mask.RleCodec;

/** Masks as pycocotools compressed RLE objects: {@code {"size": [h, w], "counts": "..."}}. */
public final class RleJson {
  private RleJson() {}

  public static ObjectNode write(Mask mask) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.putArray("size").add(mask.height()).add(mask.width());
    o.put("counts", RleCodec.encode(mask));
    return o;
  }

  /**
   * Reads an RLE object (compressed or uncompressed counts) of its own stated size.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static Mask read(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(
          "a mask must be an RLE object {\"size\": [h, w], \"counts\": ...}");
    }
    int[] size = SegmentationJson.parseSize(node.get("size"), "RLE \"size\"");
    return SegmentationJson.parse(node, size[0], size[1]);
  }
}
