package dev.perbench.metrics.mask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Loads the pycocotools golden vectors in src/test/resources/golden (see its README). */
final class Golden {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Golden() {}

  static List<JsonNode> cases(String file) {
    try (InputStream in = Golden.class.getResourceAsStream("/golden/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource golden/" + file);
      }
      List<JsonNode> out = new ArrayList<>();
      JSON.readTree(in).get("cases").forEach(out::add);
      if (out.isEmpty()) {
        throw new IllegalStateException("golden/" + file + " holds no cases");
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The cases of {@code file} as arguments of a {@code @ParameterizedTest}: a label (see {@link
   * #name}) and the case.
   */
  static Stream<Arguments> arguments(String file) {
    return arguments(file, c -> true);
  }

  /** As {@link #arguments(String)}, only the cases {@code keep} accepts; there must be some. */
  static Stream<Arguments> arguments(String file, Predicate<JsonNode> keep) {
    List<JsonNode> all = cases(file);
    List<Arguments> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (keep.test(all.get(i))) {
        out.add(Arguments.of(name(all.get(i), i), all.get(i)));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("golden/" + file + " holds no case of this kind");
    }
    return out.stream();
  }

  static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).intValue();
    }
    return out;
  }

  static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).doubleValue();
    }
    return out;
  }

  static List<double[]> polygons(JsonNode array) {
    List<double[]> out = new ArrayList<>();
    array.forEach(p -> out.add(doubles(p)));
    return out;
  }

  /** A compressed RLE object {"size": [h, w], "counts": "..."}. */
  static Mask rle(JsonNode node) {
    return RleCodec.decode(
        node.get("size").get(0).intValue(),
        node.get("size").get(1).intValue(),
        node.get("counts").asText());
  }

  static String name(JsonNode c, int index) {
    return c.has("name") ? c.get("name").asText() + " (#" + index + ")" : "case #" + index;
  }
}
