package dev.perbench.metrics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Checks against {@code reference/bootstrap.json}, computed in pure Python. */
class BootstrapTest {
  private static final double EXACT = 1e-12;
  private static JsonNode reference;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = BootstrapTest.class.getResourceAsStream("/reference/bootstrap.json")) {
      if (in == null) {
        throw new IOException("missing test resource reference/bootstrap.json");
      }
      reference = new ObjectMapper().readTree(in);
    }
  }

  @Test
  @DisplayName("SplitMix64 seeded with 0 starts with the published value 0xE220A8397B1DCDAF")
  void splitMixKnownAnswer() {
    assertEquals(0xE220A8397B1DCDAFL, new SplitMix64(0).nextLong());
  }

  @Test
  @DisplayName("SplitMix64 outputs, doubles and indices equal Python's for every seed")
  void splitMixMatchesPython() {
    for (JsonNode c : reference.get("splitmix64")) {
      SplitMix64 rng = new SplitMix64(c.get("seed").asLong());
      for (JsonNode v : c.get("next_unsigned")) {
        assertEquals(Long.parseUnsignedLong(v.asText()), rng.nextLong());
      }
      rng = new SplitMix64(c.get("seed").asLong());
      for (JsonNode v : c.get("next_double")) {
        assertEquals(v.asDouble(), rng.nextDouble());
      }
    }
    for (JsonNode c : reference.get("indices")) {
      SplitMix64 rng = new SplitMix64(c.get("seed").asLong());
      for (JsonNode v : c.get("indices")) {
        assertEquals(v.asInt(), rng.nextIndex(c.get("n").asInt()));
      }
    }
  }

  @Test
  @DisplayName("linear percentiles equal numpy's method, as transcribed in Python")
  void percentilesMatchPython() {
    for (JsonNode c : reference.get("percentiles")) {
      double[] sorted = doubles(c.get("values"));
      Arrays.sort(sorted);
      for (int i = 0; i < c.get("q").size(); i++) {
        assertEquals(
            c.get("expected").get(i).asDouble(),
            Percentiles.linear(sorted, c.get("q").get(i).asDouble()),
            EXACT);
      }
    }
    assertEquals(2.5, Percentiles.linear(new double[] {1, 2, 3, 4}, 0.5));
    assertEquals(1.75, Percentiles.linear(new double[] {1, 2, 3, 4}, 0.25));
  }

  @TestFactory
  @DisplayName("bootstrap intervals equal the Python implementation")
  Stream<DynamicTest> intervalsMatchPython() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : reference.get("mean")) {
      tests.add(
          DynamicTest.dynamicTest(
              "mean of "
                  + c.get("name").asText()
                  + " at "
                  + c.get("level").asDouble()
                  + ", seed "
                  + c.get("seed").asLong(),
              () -> {
                ConfidenceInterval ci =
                    Bootstrap.mean(
                        doubles(c.get("values")),
                        c.get("level").asDouble(),
                        c.get("resamples").asInt(),
                        c.get("seed").asLong());
                assertInterval(c, ci);
              }));
    }
    for (JsonNode c : reference.get("paired_difference")) {
      tests.add(
          DynamicTest.dynamicTest(
              c.get("name").asText(),
              () -> {
                ConfidenceInterval ci =
                    Bootstrap.pairedDifference(
                        doubles(c.get("a")),
                        doubles(c.get("b")),
                        c.get("level").asDouble(),
                        c.get("resamples").asInt(),
                        c.get("seed").asLong());
                assertInterval(c, ci);
              }));
    }
    return tests.stream();
  }

  @Test
  @DisplayName("one value gives an interval that collapses onto it")
  void singleValue() {
    ConfidenceInterval ci = Bootstrap.mean(new double[] {0.3}, 0.95, 100, 1);
    assertEquals(new ConfidenceInterval(0.3, 0.3, 0.3, 0.95, 100, 1), ci);
  }

  @Test
  @DisplayName("the same seed gives the same interval, and the interval holds the estimate")
  void deterministic() {
    double[] v = {0.1, 0.9, 0.4, 0.7, 0.3, 1.0, 0.0};
    ConfidenceInterval a = Bootstrap.mean(v, 0.9, 500, 99);
    assertEquals(a, Bootstrap.mean(v, 0.9, 500, 99));
    assertTrue(a.lower() <= a.estimate() && a.estimate() <= a.upper());
  }

  @Test
  @DisplayName("bad input is rejected with a message")
  void rejectsBadInput() {
    double[] v = {1, 2};
    assertThrows(IllegalArgumentException.class, () -> Bootstrap.mean(new double[0], 0.95, 10, 1));
    assertThrows(IllegalArgumentException.class, () -> Bootstrap.mean(v, 1.0, 10, 1));
    assertThrows(IllegalArgumentException.class, () -> Bootstrap.mean(v, 0.95, 0, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> Bootstrap.mean(new double[] {1, Double.NaN}, 0.95, 10, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> Bootstrap.pairedDifference(v, new double[] {1}, 0.95, 10, 1));
    assertThrows(IllegalArgumentException.class, () -> new SplitMix64(1).nextIndex(0));
    assertThrows(IllegalArgumentException.class, () -> Percentiles.linear(v, 1.5));
  }

  private static void assertInterval(JsonNode c, ConfidenceInterval ci) {
    assertEquals(c.get("estimate").asDouble(), ci.estimate(), EXACT, "estimate");
    assertEquals(c.get("lower").asDouble(), ci.lower(), EXACT, "lower");
    assertEquals(c.get("upper").asDouble(), ci.upper(), EXACT, "upper");
    assertEquals(c.get("level").asDouble(), ci.level());
    assertEquals(c.get("resamples").asInt(), ci.resamples());
    assertEquals(c.get("seed").asLong(), ci.seed());
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }
}
