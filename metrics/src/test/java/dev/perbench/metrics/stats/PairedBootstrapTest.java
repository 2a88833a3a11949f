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
 * The paired ratio-difference bootstrap against {@code reference/bootstrap_numpy.json}, computed
 * with numpy by {@code gen_bootstrap_numpy.py}: estimate and bounds bit for bit where the inputs
 * are whole numbers, within 1e-12 otherwise (numpy sums in another order). The p-value is a count
 * of resamples, so it is compared to the same tolerance but can only match or miss by at least 2 /
 * resamples; the generator makes sure that no fractional case has a resampled difference within
 * 1e-9 of 0 (other than exactly 0), where a few ulps could move it across.
 */
class PairedBootstrapTest {
  static Stream<Arguments> numpy() {
    return StatsReference.cases("bootstrap_numpy.json", "paired_ratio_difference");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("numpy")
  void differenceEqualsNumpys(String name, JsonNode c) {
    PairedDifference d =
        Bootstrap.pairedRatioDifference(
            doubles(c.get("num_a")),
            doubles(c.get("den_a")),
            doubles(c.get("num_b")),
            doubles(c.get("den_b")),
            c.get("level").asDouble(),
            c.get("resamples").asInt(),
            c.get("seed").asLong());
    double tolerance = c.get("tolerance").asDouble();
    assertEquals(c.get("estimate").asDouble(), d.estimate(), tolerance, "estimate");
    assertEquals(c.get("lower").asDouble(), d.lower(), tolerance, "lower");
    assertEquals(c.get("upper").asDouble(), d.upper(), tolerance, "upper");
    assertEquals(c.get("p_value").asDouble(), d.pValue(), tolerance, "p_value");
    assertEquals(c.get("level").asDouble(), d.level());
    assertEquals(c.get("resamples").asInt(), d.resamples());
    assertEquals(c.get("seed").asLong(), d.seed());
  }

  @Test
  @DisplayName("with every denominator 1 the interval is pairedDifference's")
  void unitDenominatorsGiveTheMeanDifference() {
    SplitMix64 values = new SplitMix64(5);
    for (int n : new int[] {1, 7, 40, 333}) {
      double[] a = new double[n];
      double[] b = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = values.nextDouble();
        b[i] = values.nextIndex(2);
      }
      double[] ones = new double[n];
      Arrays.fill(ones, 1);
      for (long seed : new long[] {0, 17, -4}) {
        PairedDifference d = Bootstrap.pairedRatioDifference(a, ones, b, ones, 0.9, 700, seed);
        ConfidenceInterval ci = Bootstrap.pairedDifference(a, b, 0.9, 700, seed);
        assertEquals(ci.estimate(), d.estimate(), 1e-12, "estimate, n=" + n);
        assertEquals(ci.lower(), d.lower(), 1e-12, "lower, n=" + n);
        assertEquals(ci.upper(), d.upper(), 1e-12, "upper, n=" + n);
      }
    }
  }

  @Test
  @DisplayName("equal runs give 0 and p-value 1; the same seed gives the same result")
  void equalRunsAndDeterminism() {
    double[] num = {3, 0, 5, 2};
    double[] den = {4, 2, 9, 2};
    PairedDifference same = Bootstrap.pairedRatioDifference(num, den, num, den, 0.95, 200, 8);
    assertEquals(new PairedDifference(0, 0, 0, 1, 0.95, 200, 8), same);
    double[] numB = {1, 0, 5, 2};
    PairedDifference d = Bootstrap.pairedRatioDifference(num, den, numB, den, 0.95, 200, 8);
    assertEquals(d, Bootstrap.pairedRatioDifference(num, den, numB, den, 0.95, 200, 8));
    assertTrue(d.lower() <= d.estimate() && d.estimate() <= d.upper());
    assertTrue(d.pValue() >= 0 && d.pValue() <= 1);
  }

  @Test
  @DisplayName("bad input is rejected with a message that names both lengths")
  void rejectsBadInput() {
    double[] v = {1, 2};
    double[] w = {1, 2, 3};
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Bootstrap.pairedRatioDifference(v, v, v, w, 0.95, 10, 1));
    assertTrue(e.getMessage().contains("2") && e.getMessage().contains("3"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Bootstrap.pairedRatioDifference(v, w, v, v, 0.95, 10, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> Bootstrap.pairedRatioDifference(v, v, w, v, 0.95, 10, 1));
    double[] none = {};
    assertThrows(
        IllegalArgumentException.class,
        () -> Bootstrap.pairedRatioDifference(none, none, none, none, 0.95, 10, 1));
    double[] nan = {1, Double.NaN};
    double[] inf = {1, Double.POSITIVE_INFINITY};
    assertThrows(
        IllegalArgumentException.class,
        () -> Bootstrap.pairedRatioDifference(v, v, nan, v, 0.95, 10, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> Bootstrap.pairedRatioDifference(v, v, v, inf, 0.95, 10, 1));
    for (double level : new double[] {0, 1, Double.NaN, -0.5}) {
      assertThrows(
          IllegalArgumentException.class,
          () -> Bootstrap.pairedRatioDifference(v, v, v, v, level, 10, 1));
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> Bootstrap.pairedRatioDifference(v, v, v, v, 0.95, 0, 1));
  }
}
