package dev.perbench.metrics.stats;

import static dev.perbench.metrics.stats.StatsReference.doubles;
import static dev.perbench.metrics.stats.StatsReference.ints;
import static dev.perbench.metrics.stats.StatsReference.orNaN;
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
 * {@link AgreementBootstrap} against {@code reference/agreement.json}, sections "kappa_bootstrap"
 * and "spearman_bootstrap": gen_agreement.py resamples with gen_bootstrap_numpy.py's SplitMix64
 * index stream, computes each resample's statistic with scikit-learn or scipy, drops the NaN ones
 * and takes numpy's linear quantiles of the rest. Each statistic is bit for bit the tool's (see
 * {@link AgreementKappaTest} and {@link AgreementSpearmanTest}), and {@link Percentiles#linear} is
 * bit for bit numpy's, so the bounds are compared bit for bit too (NaN, written as null, matches
 * only NaN), and the count of undefined resamples exactly.
 */
class AgreementBootstrapTest {
  static Stream<Arguments> kappa() {
    return StatsReference.cases("agreement.json", "kappa_bootstrap");
  }

  static Stream<Arguments> spearman() {
    return StatsReference.cases("agreement.json", "spearman_bootstrap");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kappa")
  void kappaIntervalEqualsReference(String name, JsonNode c) {
    AgreementInterval ci =
        AgreementBootstrap.quadraticKappa(
            ints(c.get("a")),
            ints(c.get("b")),
            c.get("min_rating").asInt(),
            c.get("max_rating").asInt(),
            c.get("level").asDouble(),
            c.get("resamples").asInt(),
            c.get("seed").asLong());
    assertMatches(c, ci);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spearman")
  void spearmanIntervalEqualsReference(String name, JsonNode c) {
    AgreementInterval ci =
        AgreementBootstrap.spearman(
            doubles(c.get("x")),
            doubles(c.get("y")),
            c.get("level").asDouble(),
            c.get("resamples").asInt(),
            c.get("seed").asLong());
    assertMatches(c, ci);
  }

  private static void assertMatches(JsonNode c, AgreementInterval ci) {
    assertEquals(orNaN(c.get("estimate")), ci.estimate(), "estimate");
    assertEquals(orNaN(c.get("lower")), ci.lower(), "lower");
    assertEquals(orNaN(c.get("upper")), ci.upper(), "upper");
    assertEquals(c.get("undefined").asInt(), ci.undefinedResamples(), "undefined resamples");
    assertEquals(c.get("level").asDouble(), ci.level());
    assertEquals(c.get("resamples").asInt(), ci.resamples());
    assertEquals(c.get("seed").asLong(), ci.seed());
  }

  @Test
  @DisplayName("Bootstrap.drawRound is the index stream of Bootstrap.mean")
  void drawRoundIsBootstrapsStream() {
    SplitMix64 values = new SplitMix64(12);
    for (int n : new int[] {1, 2, 9, 150}) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = values.nextDouble();
      }
      for (long seed : new long[] {0, -8, Long.MAX_VALUE}) {
        SplitMix64 rng = new SplitMix64(seed);
        int[] indices = new int[n];
        double[] means = new double[300];
        for (int r = 0; r < means.length; r++) {
          Bootstrap.drawRound(rng, indices);
          double sum = 0;
          for (int k : indices) {
            sum += v[k];
          }
          means[r] = sum / n;
        }
        Arrays.sort(means);
        double level = 0.9;
        double alpha = 1 - level; // as Bootstrap computes it (not exactly 0.1)
        ConfidenceInterval ci = Bootstrap.mean(v, level, means.length, seed);
        String where = "n=" + n + " seed=" + seed;
        assertEquals(ci.lower(), Percentiles.linear(means, alpha / 2), where);
        assertEquals(ci.upper(), Percentiles.linear(means, 1 - alpha / 2), where);
      }
    }
  }

  @Test
  @DisplayName("no variation anywhere: NaN estimate, every resample undefined, NaN bounds")
  void allUndefined() {
    AgreementInterval k =
        AgreementBootstrap.quadraticKappa(new int[] {6, 6}, new int[] {6, 6}, 1, 10, 0.95, 50, 4);
    assertEquals(new AgreementInterval(Double.NaN, Double.NaN, Double.NaN, 50, 0.95, 50, 4), k);
    assertEquals(0, k.definedResamples());
    AgreementInterval s =
        AgreementBootstrap.spearman(new double[] {0.4}, new double[] {0.1}, 0.9, 30, -1);
    assertEquals(new AgreementInterval(Double.NaN, Double.NaN, Double.NaN, 30, 0.9, 30, -1), s);
  }

  /**
   * Two samples, a pair (4, 4) and a pair (6, 9): a resample is undefined exactly when it draws the
   * first sample twice (both raters constant on 4). A resample of the second sample twice has kappa
   * 0 (constant raters that differ); one of each is the full sample. So the defined values are 0
   * and the estimate, and the undefined share is about 1/4.
   */
  @Test
  @DisplayName("undefined resamples are left out and counted, and the rest give the bounds")
  void undefinedResamplesAreCounted() {
    int[] a = {4, 6};
    int[] b = {4, 9};
    double estimate = WeightedKappa.quadratic(a, b, 1, 10);
    AgreementInterval ci = AgreementBootstrap.quadraticKappa(a, b, 1, 10, 0.5, 4000, 21);
    assertEquals(estimate, ci.estimate());
    assertTrue(
        ci.undefinedResamples() > 900 && ci.undefinedResamples() < 1100,
        "undefined " + ci.undefinedResamples());
    assertEquals(4000 - ci.undefinedResamples(), ci.definedResamples());
    // Of the defined values a third are 0 and two thirds the estimate: the middle half spans both.
    assertEquals(0.0, ci.lower());
    assertEquals(estimate, ci.upper());
  }

  @Test
  @DisplayName("the same seed gives the same interval; the estimate is the plain statistic")
  void deterministic() {
    int[] a = {1, 4, 4, 7, 9, 10, 2, 5};
    int[] b = {2, 4, 5, 7, 8, 10, 1, 7};
    AgreementInterval k = AgreementBootstrap.quadraticKappa(a, b, 1, 10, 0.95, 500, 3);
    assertEquals(k, AgreementBootstrap.quadraticKappa(a, b, 1, 10, 0.95, 500, 3));
    assertEquals(WeightedKappa.quadratic(a, b, 1, 10), k.estimate());
    assertTrue(k.lower() <= k.upper());
    double[] x = {0.1, 0.4, 0.4, 0.35, 0.9, 0.2, 0.6, 0.7};
    double[] y = {2, 5, 4, 4, 9, 1, 6, 8};
    AgreementInterval s = AgreementBootstrap.spearman(x, y, 0.95, 500, 3);
    assertEquals(s, AgreementBootstrap.spearman(x, y, 0.95, 500, 3));
    assertEquals(RankCorrelation.spearman(x, y), s.estimate());
    assertTrue(s.lower() <= s.upper());
  }

  @Test
  @DisplayName("bad input is rejected as by the statistic, and bad levels and resample counts")
  void rejectsBadInput() {
    int[] a = {1, 2};
    double[] x = {1, 2};
    assertThrows(
        IllegalArgumentException.class,
        () -> AgreementBootstrap.quadraticKappa(a, new int[] {1}, 1, 10, 0.95, 10, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> AgreementBootstrap.quadraticKappa(a, new int[] {1, 12}, 1, 10, 0.95, 10, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> AgreementBootstrap.spearman(x, new double[] {1, Double.NaN}, 0.95, 10, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> AgreementBootstrap.spearman(new double[0], new double[0], 0.95, 10, 1));
    for (double level : new double[] {0, 1, Double.NaN, -0.5}) {
      assertThrows(
          IllegalArgumentException.class,
          () -> AgreementBootstrap.quadraticKappa(a, a, 1, 10, level, 10, 1));
      assertThrows(
          IllegalArgumentException.class, () -> AgreementBootstrap.spearman(x, x, level, 10, 1));
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> AgreementBootstrap.quadraticKappa(a, a, 1, 10, 0.95, 0, 1));
    assertThrows(
        IllegalArgumentException.class, () -> AgreementBootstrap.spearman(x, x, 0.95, -1, 1));
  }
}
