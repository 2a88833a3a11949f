package dev.perbench.metrics.stats;

import java.util.Arrays;

/**
 * Spearman's rank correlation of two score lists over the same samples (a judge's scores against
 * another judge's, against METEOR, against human ratings), with average ranks for ties.
 *
 * <p>Why this is written by hand: the figures must equal those of the reference tool, {@code
 * scipy.stats.spearmanr(x, y).statistic}, to the last bit. scipy ranks both lists ({@code
 * rankdata}, average method: each rank a multiple of 1/2), then takes numpy's {@code corrcoef} of
 * the ranks: the rank means {@code (n + 1) / 2}, the deviations from them and the sums of their
 * products Sxx, Sxy, Syy are all exact (multiples of 1/4 far below 2^53) as long as n is below
 * about 300,000; then come the only roundings, which {@link #spearman} repeats in the same order:
 * {@code f = 1 / (n - 1)}, {@code c = Sxy * f}, {@code sy = sqrt(Syy * f)}, {@code sx = sqrt(Sxx *
 * f)}, {@code (c / sy) / sx}, clipped to [-1, 1]. The sums are computed here in integer arithmetic
 * on doubled ranks, so they are exact in every case and equal scipy's wherever scipy's are exact;
 * the result is then bit for bit scipy's (checked against scipy 1.10.1 with numpy 1.24.2 by {@code
 * AgreementSpearmanTest}, up to n = 20,000). A textbook formula such as {@code 1 - 6 sum(d^2) / (n
 * (n^2 - 1))} is not the same number with ties, and rounds differently without.
 *
 * <p>Degenerate case: when either list is constant (every value equal, which includes a single
 * sample), a rank correlation is undefined (0 / 0); {@link #spearman} returns {@link Double#NaN},
 * as scipy does (with a warning). Values are compared as numbers, so -0.0 and 0.0 are a tie, as in
 * scipy.
 */
public final class RankCorrelation {
  /**
   * The most samples accepted: with n up to 2^21 the sums of products of doubled rank deviations
   * (each below n in magnitude) stay below 2^63, so they are exact in a long.
   */
  public static final int MAX_SAMPLES = 1 << 21;

  private RankCorrelation() {}

  /**
   * Spearman's rho of {@code x} and {@code y} (sample i scored {@code x[i]} and {@code y[i]}), ties
   * given their average rank: bit for bit scipy's {@code spearmanr(x, y).statistic} (see the class
   * comment for the range where that is checked).
   *
   * @return rho in [-1, 1], or {@link Double#NaN} when {@code x} or {@code y} is constant,
   *     including when there is one sample (as scipy)
   * @throws IllegalArgumentException when the arrays differ in length, are empty, hold more than
   *     {@link #MAX_SAMPLES} values, or hold a value that is NaN or infinite
   */
  public static double spearman(double[] x, double[] y) {
    check(x, y);
    return unchecked(x, y);
  }

  /**
   * Checks what {@link #spearman} checks; for callers that compute many correlations of the same
   * scores (a bootstrap) and check once.
   */
  static void check(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "the score lists differ in length: " + x.length + " vs " + y.length);
    }
    if (x.length == 0) {
      throw new IllegalArgumentException("no scores");
    }
    if (x.length > MAX_SAMPLES) {
      throw new IllegalArgumentException(
          "too many samples: " + x.length + ", at most " + MAX_SAMPLES);
    }
    checkFinite("x", x);
    checkFinite("y", y);
  }

  private static void checkFinite(String name, double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(name + "[" + i + "] is not finite: " + values[i]);
      }
    }
  }

  /** {@link #spearman} on checked input. */
  static double unchecked(double[] x, double[] y) {
    if (constant(x) || constant(y)) {
      return Double.NaN;
    }
    int n = x.length;
    long[] dx = doubledDeviations(x);
    long[] dy = doubledDeviations(y);
    long sxx = 0;
    long sxy = 0;
    long syy = 0;
    for (int i = 0; i < n; i++) {
      sxx += dx[i] * dx[i];
      sxy += dx[i] * dy[i];
      syy += dy[i] * dy[i];
    }
    // numpy's cov: the sums times 1 / (n - 1); corrcoef: divided by the standard deviation of the
    // row (y, the second variable) and then of the column (x), then clipped.
    double f = 1.0 / (n - 1);
    double c = sxy / 4.0 * f;
    double sy = Math.sqrt(syy / 4.0 * f);
    double sx = Math.sqrt(sxx / 4.0 * f);
    double rho = c / sy / sx;
    return Math.max(-1.0, Math.min(1.0, rho));
  }

  private static boolean constant(double[] values) {
    for (double v : values) {
      if (v != values[0]) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code 2 * rank - (n + 1)} for every value: twice its average rank's deviation from the mean
   * rank (n + 1) / 2, an integer. The values tied with v occupy the positions {@code lo..hi - 1}
   * (0-based) of the sorted values, so their average rank is {@code (lo + 1 + hi) / 2}.
   */
  private static long[] doubledDeviations(double[] values) {
    int n = values.length;
    double[] sorted = values.clone();
    // Sorted by Double.compare, -0.0 comes just before 0.0; as numbers they are equal, so the array
    // is still ascending for the < and <= of the searches below, which treat them as one tie.
    Arrays.sort(sorted);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      long lo = firstNotBelow(sorted, values[i]);
      long hi = firstAbove(sorted, values[i]);
      out[i] = lo + hi - n;
    }
    return out;
  }

  private static int firstNotBelow(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int firstAbove(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
