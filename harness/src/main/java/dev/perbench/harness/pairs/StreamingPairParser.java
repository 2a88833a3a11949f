package dev.perbench.harness.pairs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.mask.PolygonRasterizer;
import dev.perbench.metrics.mask.RleCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fast path for one well-formed line: reads it token by token from its bytes (no tree, no
 * String of the line) and builds the masks with the same calls as {@link MaskPairsReader}.
 *
 * <p>It only ever accepts: at the first thing that is not exactly a valid pair (a syntax error, a
 * duplicate or unknown key, a value of the wrong type, a mask that does not build) it returns null
 * and {@link PairScorer} asks {@link MaskPairsReader}'s checks what the problem is, so a line's
 * error message and which problem is reported first never depend on this class. Floating-point
 * numbers are read with Jackson's fast parser, which like {@link Double#parseDouble} rounds
 * correctly, so every coordinate is the same double.
 */
final class StreamingPairParser {
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .build();

  /** "Field absent", as distinct from a JSON null (no mask). */
  private static final Object ABSENT = new Object();

  private StreamingPairParser() {}

  /** The pair on {@code data[from, to)}, or null when the line is not a valid pair. */
  static MaskPair parse(byte[] data, int from, int to, int line) {
    try (JsonParser p = JSON.createParser(data, from, to - from)) {
      return read(p, line);
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static MaskPair read(JsonParser p, int line) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    String id = null;
    int[] size = null;
    Object gt = ABSENT;
    Object pred = ABSENT;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "id" -> id = value == JsonToken.VALUE_STRING ? p.getText() : null;
        case "size" -> size = size(p);
        case "gt" -> gt = segmentation(p);
        case "pred" -> pred = segmentation(p);
        default -> {
          return null;
        }
      }
      if (id == null && name.equals("id") || size == null && name.equals("size")) {
        return null;
      }
      if (gt == null || pred == null) {
        return null;
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
      return null; // text after the object
    }
    if (id == null || size == null || gt == ABSENT || pred == ABSENT) {
      return null;
    }
    return new MaskPair(id, line, mask(gt, size), mask(pred, size));
  }

  /** {@code [h, w]} of two non-negative 32-bit integers, else null. */
  private static int[] size(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      return null;
    }
    int[] size = new int[2];
    for (int i = 0; i < 2; i++) {
      if (p.nextToken() != JsonToken.VALUE_NUMBER_INT
          || p.getNumberType() != JsonParser.NumberType.INT
          || (size[i] = p.getIntValue()) < 0) {
        return null;
      }
    }
    return p.nextToken() == JsonToken.END_ARRAY ? size : null;
  }

  /** A JSON null as {@link #ABSENT}'s opposite (no mask), a parsed mask source, or null. */
  private static Object segmentation(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case VALUE_NULL:
        return NoMask.INSTANCE;
      case START_OBJECT:
        return rle(p);
      case START_ARRAY:
        return polygons(p);
      default:
        return null;
    }
  }

  private static Rle rle(JsonParser p) throws IOException {
    int[] size = null;
    Object counts = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (name.equals("size")) {
        size = size(p);
      } else if (name.equals("counts") && value == JsonToken.VALUE_STRING) {
        counts = p.getText();
      } else if (name.equals("counts") && value == JsonToken.START_ARRAY) {
        counts = ints(p);
      } else {
        return null;
      }
      if (name.equals("size") && size == null || name.equals("counts") && counts == null) {
        return null;
      }
    }
    return size == null || counts == null ? null : new Rle(size, counts);
  }

  private static int[] ints(JsonParser p) throws IOException {
    int[] out = new int[16];
    int n = 0;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.VALUE_NUMBER_INT
        && p.getNumberType() == JsonParser.NumberType.INT) {
      if (n == out.length) {
        out = Arrays.copyOf(out, n * 2);
      }
      out[n++] = p.getIntValue();
    }
    return t == JsonToken.END_ARRAY ? Arrays.copyOf(out, n) : null;
  }

  private static List<double[]> polygons(JsonParser p) throws IOException {
    List<double[]> polygons = new ArrayList<>(2);
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.START_ARRAY) {
      double[] xy = new double[64];
      int n = 0;
      JsonToken v;
      while ((v = p.nextToken()) == JsonToken.VALUE_NUMBER_FLOAT
          || v == JsonToken.VALUE_NUMBER_INT
              && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
        if (n == xy.length) {
          xy = Arrays.copyOf(xy, n * 2);
        }
        xy[n++] = p.getDoubleValue();
      }
      if (v != JsonToken.END_ARRAY) {
        return null;
      }
      polygons.add(Arrays.copyOf(xy, n));
    }
    return t == JsonToken.END_ARRAY && !polygons.isEmpty() ? polygons : null;
  }

  /** The mask of a parsed value, by the calls {@code SegmentationJson.parse} makes. */
  @SuppressWarnings("unchecked")
  private static Mask mask(Object value, int[] size) {
    if (value instanceof Rle r) {
      if (r.size[0] != size[0] || r.size[1] != size[1]) {
        throw new IllegalArgumentException("RLE size differs");
      }
      return r.counts instanceof String s
          ? RleCodec.decode(size[0], size[1], s)
          : Mask.fromCounts(size[0], size[1], (int[]) r.counts);
    }
    if (value instanceof List<?> polygons) {
      return PolygonRasterizer.rasterize((List<double[]>) polygons, size[0], size[1]);
    }
    return null; // NoMask
  }

  private enum NoMask {
    INSTANCE
  }

  private record Rle(int[] size, Object counts) {}
}
