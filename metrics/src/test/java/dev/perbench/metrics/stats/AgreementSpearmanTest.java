package dev.perbench.metrics.stats;

import static dev.perbench.metrics.stats.StatsReference.doubles;
import static dev.perbench.metrics.stats.StatsReference.orNaN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link RankCorrelation#spearman} against {@code reference/agreement.json}, section "spearman",
 * computed with scipy's {@code spearmanr(x, y).statistic} by {@code gen_agreement.py}: bit for bit
 * ({@code assertEquals(double, double)} compares the bits, so NaN matches only NaN), because the
 * rank sums are exact in both and the few roundings after them come in scipy's order.
 */
class AgreementSpearmanTest {
  static Stream<Arguments> scipy() {
    return StatsReference.cases("agreement.json", "spearman");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scipy")
  void equalsScipyBitForBit(String name, JsonNode c) {
    double rho = RankCorrelation.spearman(doubles(c.get("x")), doubles(c.get("y")));
    assertEquals(orNaN(c.get("expected")), rho);
  }

  /**
   * Worked by hand, no ties: x = [1, 2, 3] has ranks [1, 2, 3], y = [1, 3, 2] ranks [1, 3, 2]; the
   * mean rank is 2, the deviations [-1, 0, 1] and [-1, 1, 0]; Sxy = 1, Sxx = Syy = 2; rho = 1 /
   * sqrt(2 * 2) = 0.5, and every step is exact in floating point too.
   */
  @Test
  @DisplayName("three samples worked by hand: 0.5")
  void threeSamplesByHand() {
    assertEquals(0.5, RankCorrelation.spearman(new double[] {1, 2, 3}, new double[] {1, 3, 2}));
  }

  /**
   * Worked by hand, with a tie: x = [1, 2, 2, 3] has the average ranks [1, 2.5, 2.5, 4], y = [1, 3,
   * 2, 4] ranks [1, 3, 2, 4]; mean rank 2.5; deviations [-1.5, 0, 0, 1.5] and [-1.5, 0.5, -0.5,
   * 1.5]; Sxy = 2.25 + 2.25 = 4.5, Sxx = 4.5, Syy = 2.25 + 0.25 + 0.25 + 2.25 = 5; rho = 4.5 /
   * sqrt(4.5 * 5) = sqrt(0.9) = 0.948683298050513799... scipy (and this class) round along the way
   * to 0.9486832980505139, one ulp above the double nearest sqrt(0.9).
   */
  @Test
  @DisplayName("a tie worked by hand: sqrt(0.9), to the ulp scipy gives")
  void tieByHand() {
    double rho = RankCorrelation.spearman(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 4});
    assertEquals(Math.sqrt(0.9), rho, Math.ulp(0.9));
    assertEquals(0.9486832980505139, rho);
  }

  @Test
  @DisplayName("a constant side, one sample, or only -0.0 and 0.0: NaN (as scipy)")
  void constantSideIsNaN() {
    assertEquals(Double.NaN, RankCorrelation.spearman(new double[] {0.3}, new double[] {0.8}));
    assertEquals(
        Double.NaN, RankCorrelation.spearman(new double[] {4, 4, 4}, new double[] {1, 2, 3}));
    assertEquals(
        Double.NaN, RankCorrelation.spearman(new double[] {1, 2, 3}, new double[] {5, 5, 5}));
    assertEquals(
        Double.NaN, RankCorrelation.spearman(new double[] {0.0, -0.0}, new double[] {1, 2}));
  }

  @Test
  @DisplayName("ranks only: a strictly increasing transform of either side changes nothing")
  void ranksOnly() {
    SplitMix64 rng = new SplitMix64(77);
    for (int round = 0; round < 200; round++) {
      int n = 2 + rng.nextIndex(80);
      double[] x = new double[n];
      double[] y = new double[n];
      double[] ex = new double[n];
      double[] negY = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = rng.nextIndex(12) - 6; // many ties
        y[i] = x[i] + rng.nextDouble() * 8;
        ex[i] = Math.exp(x[i]);
        negY[i] = -y[i];
      }
      double rho = RankCorrelation.spearman(x, y);
      assertEquals(rho, RankCorrelation.spearman(ex, y));
      assertTrue(Double.isNaN(rho) || (rho >= -1 && rho <= 1), "rho " + rho);
      // Reversing a side negates the rank deviations, hence the sum, exactly.
      assertEquals(-rho, RankCorrelation.spearman(x, negY));
    }
  }

  @Test
  @DisplayName("bad input is rejected: lengths, no scores, NaN or infinite values")
  void rejectsBadInput() {
    double[] two = {1, 2};
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RankCorrelation.spearman(two, new double[] {1, 2, 3}));
    assertTrue(e.getMessage().contains("2 vs 3"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> RankCorrelation.spearman(new double[0], new double[0]));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RankCorrelation.spearman(two, new double[] {1, Double.NaN}));
    assertTrue(e.getMessage().contains("y[1]"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> RankCorrelation.spearman(new double[] {Double.NEGATIVE_INFINITY, 1}, two));
  }
}
