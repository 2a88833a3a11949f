package dev.perbench.metrics.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The Python-made vectors in src/test/resources/reference: bootstrap.json (gen_reference.py, plain
 * Python), bootstrap_numpy.json (gen_bootstrap_numpy.py, numpy) and agreement.json
 * (gen_agreement.py, scikit-learn and scipy).
 */
final class StatsReference {
  private StatsReference() {}

  static JsonNode load(String file) {
    try (InputStream in = StatsReference.class.getResourceAsStream("/reference/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource reference/" + file);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fields that hold expected results, left out of a case's label. */
  private static final Set<String> RESULTS =
      Set.of("name", "estimate", "lower", "upper", "expected", "tolerance", "undefined");

  /**
   * One argument set per case of {@code section}: a label "#INDEX NAME (INPUTS)" with the case's
   * {@code name} if it has one and its scalar inputs (seed, level, ...) and input sizes, and the
   * case.
   */
  static Stream<Arguments> cases(String file, String section) {
    JsonNode all = load(file).get(section);
    if (all == null || all.isEmpty()) {
      throw new IllegalStateException("reference/" + file + " has no cases under " + section);
    }
    return IntStream.range(0, all.size())
        .mapToObj(i -> Arguments.of("#" + i + " " + label(all.get(i)), all.get(i)));
  }

  private static String label(JsonNode c) {
    List<String> inputs = new ArrayList<>();
    c.fieldNames()
        .forEachRemaining(
            f -> {
              JsonNode v = c.get(f);
              if (RESULTS.contains(f)) {
                return;
              }
              inputs.add(v.isArray() ? v.size() + " " + f : f + " " + v.asText());
            });
    String name = c.has("name") ? c.get("name").asText() + " " : "";
    return name + "(" + String.join(", ", inputs) + ")";
  }

  /** A number, or NaN where the generator wrote null (JSON has no NaN). */
  static double orNaN(JsonNode value) {
    if (value == null) {
      throw new IllegalStateException("missing field");
    }
    return value.isNull() ? Double.NaN : value.asDouble();
  }

  static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      if (!array.get(i).canConvertToInt()) {
        throw new IllegalStateException("not an int: " + array.get(i));
      }
      out[i] = array.get(i).asInt();
    }
    return out;
  }

  static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }
}
