package dev.perbench.metrics.stats;

import static dev.perbench.metrics.stats.StatsReference.ints;
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
 * {@link WeightedKappa#quadratic} against {@code reference/agreement.json}, section "kappa",
 * computed with scikit-learn's {@code cohen_kappa_score(a, b, weights="quadratic", labels=...)} by
 * {@code gen_agreement.py}: bit for bit ({@code assertEquals(double, double)} compares the bits, so
 * NaN matches only NaN), because WeightedKappa repeats sklearn's operations in sklearn's order.
 */
class AgreementKappaTest {
  static Stream<Arguments> sklearn() {
    return StatsReference.cases("agreement.json", "kappa");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sklearn")
  void equalsSklearnBitForBit(String name, JsonNode c) {
    double kappa =
        WeightedKappa.quadratic(
            ints(c.get("a")),
            ints(c.get("b")),
            c.get("min_rating").asInt(),
            c.get("max_rating").asInt());
    assertEquals(orNaN(c.get("expected")), kappa);
  }

  /**
   * Worked by hand. Ratings on 1..2 of four samples:
   *
   * <pre>
   * a = [1, 1, 2, 2]         confusion C (rows a, columns b)     weights w = (i - j)^2
   * b = [1, 2, 2, 2]                 b=1  b=2                          0  1
   *                            a=1    1    1                           1  0
   *                            a=2    0    2
   * observed disagreement  sum(w * C) = 1 (the one sample rated 1 and 2)
   * counts                 a: [2, 2], b: [1, 3], n = 4
   * expected               E[i][j] = countB[i] * countA[j] / n:  E[0][1] = 1 * 2 / 4 = 0.5,
   *                        E[1][0] = 3 * 2 / 4 = 1.5, so sum(w * E) = 2
   * kappa                  1 - 1 / 2 = 0.5
   * </pre>
   *
   * With two categories the quadratic weights are the unweighted 0/1 ones, so this is also plain
   * Cohen's kappa: observed agreement 3/4, chance agreement (2 * 1 + 2 * 3) / 16 = 1/2, (3/4 - 1/2)
   * / (1 - 1/2) = 0.5.
   */
  @Test
  @DisplayName("a 2x2 table worked by hand: 0.5")
  void twoByTwoByHand() {
    assertEquals(
        0.5, WeightedKappa.quadratic(new int[] {1, 1, 2, 2}, new int[] {1, 2, 2, 2}, 1, 2));
  }

  /**
   * Three categories, each used once by both raters. Same order: observed 0, kappa 1. Reversed
   * ({@code b = 4 - a}): observed (1 - 3)^2 + 0 + (3 - 1)^2 = 8; every count is 1, so E[i][j] = 1/3
   * and sum(w * E) = (0 + 1 + 4 + 1 + 0 + 1 + 4 + 1 + 0) / 3 = 4; kappa = 1 - 8 / 4 = -1. In
   * floating point each third is rounded (4 * fl(1/3) is not 4/3), and sklearn, like this class,
   * gives -1.0000000000000004: the value is not clipped (it is in the vectors too).
   */
  @Test
  @DisplayName("a 3x3 table worked by hand: 1 in the same order, -1 reversed")
  void threeByThreeByHand() {
    int[] a = {1, 2, 3};
    assertEquals(1.0, WeightedKappa.quadratic(a, new int[] {1, 2, 3}, 1, 3));
    double reverse = WeightedKappa.quadratic(a, new int[] {3, 2, 1}, 1, 3);
    assertEquals(-1.0, reverse, 1e-15);
    assertEquals(-1.0000000000000004, reverse);
  }

  @Test
  @DisplayName("both raters constant on the same rating: NaN (0 / 0, as sklearn)")
  void bothConstantOnTheSameRatingIsNaN() {
    assertEquals(
        Double.NaN, WeightedKappa.quadratic(new int[] {7, 7, 7}, new int[] {7, 7, 7}, 1, 10));
    assertEquals(Double.NaN, WeightedKappa.quadratic(new int[] {4}, new int[] {4}, 1, 10));
    // A scale with a single category: every rating is the same.
    assertEquals(Double.NaN, WeightedKappa.quadratic(new int[] {3, 3}, new int[] {3, 3}, 3, 3));
  }

  /**
   * Both constant on different ratings: observed n * d^2, expected n * n * d^2 / n, so 1 - 1 = 0.
   * One rater constant (a = c): then E[i][c] = countB[i], so the expected disagreement sum((i -
   * c)^2 * countB[i]) is the observed one, in whole numbers without rounding: kappa is 0 again.
   */
  @Test
  @DisplayName("constant raters that differ, or one constant rater: 0")
  void constantRatersThatDifferGiveZero() {
    assertEquals(0.0, WeightedKappa.quadratic(new int[] {7, 7, 7}, new int[] {3, 3, 3}, 1, 10));
    assertEquals(0.0, WeightedKappa.quadratic(new int[] {4}, new int[] {9}, 1, 10));
    assertEquals(0.0, WeightedKappa.quadratic(new int[] {5, 5, 5}, new int[] {4, 5, 6}, 1, 10));
    assertEquals(0.0, WeightedKappa.quadratic(new int[] {1, 9, 3}, new int[] {2, 2, 2}, 1, 10));
  }

  @Test
  @DisplayName("the range only bounds the ratings: a wider range or a shifted scale gives the same")
  void rangeOnlyBoundsTheRatings() {
    SplitMix64 rng = new SplitMix64(31);
    for (int round = 0; round < 200; round++) {
      int n = 1 + rng.nextIndex(60);
      int[] a = new int[n];
      int[] b = new int[n];
      int[] a2 = new int[n];
      int[] b2 = new int[n];
      for (int i = 0; i < n; i++) {
        a[i] = 4 + rng.nextIndex(4);
        b[i] = Math.min(7, Math.max(4, a[i] + rng.nextIndex(3) - 1));
        a2[i] = a[i] - 104;
        b2[i] = b[i] - 104;
      }
      double kappa = WeightedKappa.quadratic(a, b, 4, 7);
      // The same counts at the same indices: the same operations, bit for bit.
      assertEquals(kappa, WeightedKappa.quadratic(a2, b2, -100, -97));
      // Unused categories add zero terms, but move the others within numpy's summation order.
      double wider = WeightedKappa.quadratic(a, b, 1, 10);
      if (Double.isNaN(kappa)) {
        assertEquals(kappa, wider);
      } else {
        assertEquals(kappa, wider, 1e-15);
      }
      // Symmetric in the raters up to the same reordering of the sum.
      double swapped = WeightedKappa.quadratic(b, a, 4, 7);
      if (Double.isNaN(kappa)) {
        assertEquals(kappa, swapped);
      } else {
        assertEquals(kappa, swapped, 1e-15);
        assertTrue(kappa >= -1 - 1e-15 && kappa <= 1, "kappa " + kappa);
      }
    }
  }

  @Test
  @DisplayName("bad input is rejected: lengths, no ratings, range, ratings outside it")
  void rejectsBadInput() {
    int[] two = {1, 2};
    int[] three = {1, 2, 3};
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> WeightedKappa.quadratic(two, three, 1, 10));
    assertTrue(e.getMessage().contains("2 vs 3"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> WeightedKappa.quadratic(new int[0], new int[0], 1, 10));
    assertThrows(IllegalArgumentException.class, () -> WeightedKappa.quadratic(two, two, 5, 4));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> WeightedKappa.quadratic(two, new int[] {1, 11}, 1, 10));
    assertTrue(e.getMessage().contains("b[1] = 11"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> WeightedKappa.quadratic(new int[] {0, 1}, two, 1, 10));
    assertTrue(e.getMessage().contains("a[0] = 0"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> WeightedKappa.quadratic(two, two, 0, WeightedKappa.MAX_CATEGORIES));
    assertEquals(1.0, WeightedKappa.quadratic(two, two, 1, WeightedKappa.MAX_CATEGORIES));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> WeightedKappa.quadratic(two, two, Integer.MIN_VALUE, Integer.MAX_VALUE));
    assertTrue(e.getMessage().contains("4294967296"), e.getMessage());
  }
}
