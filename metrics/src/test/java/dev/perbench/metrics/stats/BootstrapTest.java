package dev.perbench.metrics.stats;

import static dev.perbench.metrics.stats.StatsReference.doubles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks against {@code reference/bootstrap.json}, computed in pure Python by gen_reference.py, and
 * {@code reference/bootstrap_numpy.json}, computed with numpy by gen_bootstrap_numpy.py.
 */
class BootstrapTest {
  private static final double EXACT = 1e-12;

  static Stream<Arguments> splitmix64() {
    return StatsReference.cases("bootstrap.json", "splitmix64");
  }

  static Stream<Arguments> indices() {
    return StatsReference.cases("bootstrap.json", "indices");
  }

  static Stream<Arguments> percentiles() {
    return StatsReference.cases("bootstrap.json", "percentiles");
  }

  static Stream<Arguments> mean() {
    return StatsReference.cases("bootstrap.json", "mean");
  }

  static Stream<Arguments> pairedDifference() {
    return StatsReference.cases("bootstrap.json", "paired_difference");
  }

  static Stream<Arguments> numpyMean() {
    return StatsReference.cases("bootstrap_numpy.json", "mean");
  }

  @Test
  @DisplayName("SplitMix64 seeded with 0 starts with the published value 0xE220A8397B1DCDAF")
  void splitMixKnownAnswer() {
    assertEquals(0xE220A8397B1DCDAFL, new SplitMix64(0).nextLong());
  }

  @ParameterizedTest(name = "SplitMix64 outputs and doubles equal Python's: {0}")
  @MethodSource("splitmix64")
  void splitMixMatchesPython(String name, JsonNode c) {
    SplitMix64 rng = new SplitMix64(c.get("seed").asLong());
    for (JsonNode v : c.get("next_unsigned")) {
      assertEquals(Long.parseUnsignedLong(v.asText()), rng.nextLong());
    }
    rng = new SplitMix64(c.get("seed").asLong());
    for (JsonNode v : c.get("next_double")) {
      assertEquals(v.asDouble(), rng.nextDouble());
    }
  }

  @ParameterizedTest(name = "SplitMix64 indices equal Python's: {0}")
  @MethodSource("indices")
  void indicesMatchPython(String name, JsonNode c) {
    SplitMix64 rng = new SplitMix64(c.get("seed").asLong());
    for (JsonNode v : c.get("indices")) {
      assertEquals(v.asInt(), rng.nextIndex(c.get("n").asInt()));
    }
  }

  @ParameterizedTest(
      name = "linear percentiles equal numpy's method, as transcribed in Python: {0}")
  @MethodSource("percentiles")
  void percentilesMatchPython(String name, JsonNode c) {
    double[] sorted = doubles(c.get("values"));
    Arrays.sort(sorted);
    for (int i = 0; i < c.get("q").size(); i++) {
      assertEquals(
          c.get("expected").get(i).asDouble(),
          Percentiles.linear(sorted, c.get("q").get(i).asDouble()),
          EXACT);
    }
  }

  @Test
  @DisplayName("linear percentiles of 1, 2, 3, 4 by hand")
  void percentilesByHand() {
    assertEquals(2.5, Percentiles.linear(new double[] {1, 2, 3, 4}, 0.5));
    assertEquals(1.75, Percentiles.linear(new double[] {1, 2, 3, 4}, 0.25));
  }

  @ParameterizedTest(name = "mean interval equals the Python implementation: {0}")
  @MethodSource("mean")
  void meanMatchesPython(String name, JsonNode c) {
    assertInterval(c, meanOf(c));
  }

  @ParameterizedTest(name = "mean interval equals numpy's: {0}")
  @MethodSource("numpyMean")
  void meanMatchesNumpy(String name, JsonNode c) {
    assertInterval(c, meanOf(c));
  }

  @ParameterizedTest(name = "paired-difference interval equals the Python implementation: {0}")
  @MethodSource("pairedDifference")
  void pairedDifferenceMatchesPython(String name, JsonNode c) {
    ConfidenceInterval ci =
        Bootstrap.pairedDifference(
            doubles(c.get("a")),
            doubles(c.get("b")),
            c.get("level").asDouble(),
            c.get("resamples").asInt(),
            c.get("seed").asLong());
    assertInterval(c, ci);
  }

  private static ConfidenceInterval meanOf(JsonNode c) {
    return Bootstrap.mean(
        doubles(c.get("values")),
        c.get("level").asDouble(),
        c.get("resamples").asInt(),
        c.get("seed").asLong());
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

  /** Within the case's {@code tolerance} (bootstrap_numpy.json), else within {@link #EXACT}. */
  static void assertInterval(JsonNode c, ConfidenceInterval ci) {
    double tolerance = c.path("tolerance").asDouble(EXACT);
    assertEquals(c.get("estimate").asDouble(), ci.estimate(), tolerance, "estimate");
    assertEquals(c.get("lower").asDouble(), ci.lower(), tolerance, "lower");
    assertEquals(c.get("upper").asDouble(), ci.upper(), tolerance, "upper");
    assertEquals(c.get("level").asDouble(), ci.level());
    assertEquals(c.get("resamples").asInt(), ci.resamples());
    assertEquals(c.get("seed").asLong(), ci.seed());
  }
}
