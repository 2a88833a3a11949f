package dev.perbench.metrics.stats;

import java.util.Arrays;

/**
 * Seeded percentile-bootstrap confidence intervals for a mean of per-sample values (gIoU, accuracy
 * as 0/1 values, METEOR) and for the mean difference of two paired runs.
 *
 * <p>The procedure, fixed so that other languages can reproduce it exactly: a {@link SplitMix64}
 * seeded with {@code seed}; for each of {@code resamples} rounds, n indices {@link
 * SplitMix64#nextIndex(int)} drawn in turn, the values at those indices summed left to right and
 * divided by n; the round means sorted; the bounds are their {@link Percentiles#linear} quantiles
 * at {@code alpha / 2} and {@code 1 - alpha / 2} with {@code alpha = 1 - level}. The estimate is
 * the plain left-to-right mean.
 */
public final class Bootstrap {
  /** A customary level. */
  public static final double DEFAULT_LEVEL = 0.95;

  /** Enough resamples for stable 95% bounds at two decimals of a percentage. */
  public static final int DEFAULT_RESAMPLES = 10_000;

  private Bootstrap() {}

  /**
   * The interval for the mean of {@code values}.
   *
   * @throws IllegalArgumentException when there are no values, a value is not finite, the level is
   *     not strictly between 0 and 1, or resamples is not positive
   */
  public static ConfidenceInterval mean(double[] values, double level, int resamples, long seed) {
    check(values, level, resamples);
    double[] means = new double[resamples];
    SplitMix64 rng = new SplitMix64(seed);
    int n = values.length;
    for (int r = 0; r < resamples; r++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += values[rng.nextIndex(n)];
      }
      means[r] = sum / n;
    }
    Arrays.sort(means);
    double alpha = 1 - level;
    return new ConfidenceInterval(
        mean(values),
        Percentiles.linear(means, alpha / 2),
        Percentiles.linear(means, 1 - alpha / 2),
        level,
        resamples,
        seed);
  }

  /**
   * The interval for mean(a) - mean(b) over paired samples: the pairs are resampled together, which
   * is the same as bootstrapping the per-sample differences {@code a[i] - b[i]}. The estimate is
   * the mean of those differences.
   *
   * @throws IllegalArgumentException when the runs differ in length, or as {@link #mean}
   */
  public static ConfidenceInterval pairedDifference(
      double[] a, double[] b, double level, int resamples, long seed) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "paired runs differ in length: " + a.length + " vs " + b.length);
    }
    double[] diffs = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      diffs[i] = a[i] - b[i];
    }
    return mean(diffs, level, resamples, seed);
  }

  /**
   * The interval for a ratio of sums, {@code sum(numerators) / sum(denominators)} (cIoU: summed
   * intersections over summed unions), resampling the samples with the same index stream as {@link
   * #mean}. A resample whose denominators sum to 0 has ratio 0 (cIoU's convention).
   *
   * @throws IllegalArgumentException when the arrays differ in length, or as {@link #mean}
   */
  public static ConfidenceInterval ratioOfSums(
      double[] numerators, double[] denominators, double level, int resamples, long seed) {
    if (numerators.length != denominators.length) {
      throw new IllegalArgumentException(
          "numerators and denominators differ in length: "
              + numerators.length
              + " vs "
              + denominators.length);
    }
    check(numerators, level, resamples);
    check(denominators, level, resamples);
    double[] ratios = new double[resamples];
    SplitMix64 rng = new SplitMix64(seed);
    int n = numerators.length;
    for (int r = 0; r < resamples; r++) {
      double num = 0;
      double den = 0;
      for (int i = 0; i < n; i++) {
        int k = rng.nextIndex(n);
        num += numerators[k];
        den += denominators[k];
      }
      ratios[r] = den == 0 ? 0 : num / den;
    }
    Arrays.sort(ratios);
    double alpha = 1 - level;
    double num = 0;
    double den = 0;
    for (int i = 0; i < n; i++) {
      num += numerators[i];
      den += denominators[i];
    }
    return new ConfidenceInterval(
        den == 0 ? 0 : num / den,
        Percentiles.linear(ratios, alpha / 2),
        Percentiles.linear(ratios, 1 - alpha / 2),
        level,
        resamples,
        seed);
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static void check(double[] values, double level, int resamples) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values to bootstrap");
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException("value " + i + " is not finite: " + values[i]);
      }
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be strictly between 0 and 1, got " + level);
    }
    if (resamples <= 0) {
      throw new IllegalArgumentException("resamples must be positive, got " + resamples);
    }
  }
}
