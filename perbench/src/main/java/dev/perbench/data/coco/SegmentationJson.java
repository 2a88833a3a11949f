package dev.perbench.data.coco;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.mask.PolygonRasterizer;
import dev.perbench.metrics.mask.RleCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a COCO segmentation from a JSON tree: a compressed RLE object {@code {"size": [h, w],
 * "counts": "..."}}, an uncompressed one ({@code counts} a list of ints), or a polygon list {@code
 * [[x1, y1, ...], ...]} (boxes when the first element has four numbers, as pycocotools' {@code
 * frPyObjects} decides) rasterised at the expected size.
 *
 * <p>Errors are {@link IllegalArgumentException}s whose message says what is wrong with the value;
 * callers add the file and line.
 */
public final class SegmentationJson {
  private SegmentationJson() {}

  /**
   * Parses {@code node} as a mask of {@code height x width}.
   *
   * @throws IllegalArgumentException if the node is not a segmentation, is invalid, or its own size
   *     disagrees with the expected one
   */
  public static Mask parse(JsonNode node, int height, int width) {
    if (node.isObject()) {
      int[] size = parseSize(node.get("size"), "RLE \"size\"");
      if (size[0] != height || size[1] != width) {
        throw new IllegalArgumentException(
            "RLE size "
                + size[0]
                + "x"
                + size[1]
                + " differs from the expected "
                + height
                + "x"
                + width);
      }
      JsonNode counts = node.get("counts");
      if (counts == null) {
        throw new IllegalArgumentException("RLE object has no \"counts\"");
      }
      if (counts.isTextual()) {
        return RleCodec.decode(height, width, counts.asText());
      }
      if (counts.isArray()) {
        return Mask.fromCounts(height, width, parseCounts(counts));
      }
      throw new IllegalArgumentException("RLE \"counts\" must be a string or a list of integers");
    }
    if (node.isArray()) {
      return PolygonRasterizer.rasterize(parsePolygons(node), height, width);
    }
    throw new IllegalArgumentException(
        "a segmentation must be an RLE object or a list of polygons, not " + node.getNodeType());
  }

  /** Parses {@code [h, w]}; {@code what} names the field in messages. */
  public static int[] parseSize(JsonNode node, String what) {
    if (node == null
        || !node.isArray()
        || node.size() != 2
        || !node.get(0).canConvertToInt()
        || !node.get(1).canConvertToInt()
        || !node.get(0).isIntegralNumber()
        || !node.get(1).isIntegralNumber()) {
      throw new IllegalArgumentException(what + " must be [height, width] (two integers)");
    }
    int h = node.get(0).intValue();
    int w = node.get(1).intValue();
    if (h < 0 || w < 0) {
      throw new IllegalArgumentException(
          what + " has a negative dimension: [" + h + ", " + w + "]");
    }
    return new int[] {h, w};
  }

  private static int[] parseCounts(JsonNode counts) {
    int[] out = new int[counts.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode c = counts.get(i);
      if (!c.isIntegralNumber() || !c.canConvertToInt()) {
        throw new IllegalArgumentException("RLE count " + i + " is not a 32-bit integer: " + c);
      }
      out[i] = c.intValue();
    }
    return out;
  }

  private static List<double[]> parsePolygons(JsonNode node) {
    if (node.isEmpty()) {
      throw new IllegalArgumentException("polygon list is empty (use null for no mask)");
    }
    List<double[]> polygons = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      JsonNode p = node.get(i);
      if (!p.isArray()) {
        throw new IllegalArgumentException("polygon " + i + " is not a list of numbers");
      }
      double[] xy = new double[p.size()];
      for (int j = 0; j < xy.length; j++) {
        if (!p.get(j).isNumber()) {
          throw new IllegalArgumentException("polygon " + i + " holds a non-number: " + p.get(j));
        }
        xy[j] = p.get(j).doubleValue();
      }
      polygons.add(xy);
    }
    return polygons;
  }
}
