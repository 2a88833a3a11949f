package dev.perbench.metrics.stats;

import java.util.Arrays;

/**
 * Seeded percentile-bootstrap confidence intervals for a mean of per-sample values (gIoU, accuracy
 * as 0/1 values, METEOR), for a ratio of sums (cIoU), for the mean difference of two paired runs,
 * and for the difference of two paired runs' ratios of sums with a bootstrap p-value.
 *
 * <p>The procedure, fixed so that other languages can reproduce it exactly: a {@link SplitMix64}
 * seeded with {@code seed}; for each of {@code resamples} rounds, n indices {@link
 * SplitMix64#nextIndex(int)} drawn in turn (round r takes draws r * n to r * n + n - 1), the values
 * at those indices summed left to right and divided by n (or, for a ratio, the numerators and the
 * denominators at the same indices summed left to right and divided; for two paired runs, the same
 * indices for both runs); the round statistics sorted; the bounds are their {@link
 * Percentiles#linear} quantiles at {@code alpha / 2} and {@code 1 - alpha / 2} with {@code alpha =
 * 1 - level}. The estimate is the same statistic on the full sample, summed left to right.
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

  /**
   * The difference ratio(A) - ratio(B) of two runs on the same samples, where a run's ratio is
   * {@code sum(num) / sum(den)} as in {@link #ratioOfSums} (0 when the denominators sum to 0,
   * cIoU's convention), with a percentile interval and a two-sided bootstrap p-value.
   *
   * <p>The samples are resampled in pairs: each round draws n indices with the same index stream
   * and order as {@link #mean} and {@link #ratioOfSums}, and each index k picks {@code numA[k]},
   * {@code denA[k]}, {@code numB[k]} and {@code denB[k]} together; the four sums run left to right.
   * The bounds are the {@link Percentiles#linear} quantiles of the sorted round differences at
   * {@code alpha / 2} and {@code 1 - alpha / 2}; the estimate is the difference on the full sample.
   *
   * <p>The p-value is {@code min(1, 2 * min(#{d <= 0}, #{d >= 0}) / resamples)} over the round
   * differences d: the share of rounds on the far side of zero, doubled. That share has a
   * resolution of 1 / resamples (the p-value moves in steps of 2 / resamples), so 0 means only
   * "below 2 / resamples". Rounds exactly at 0 count on both sides, so the p-value is 1 when the
   * estimate is exactly 0 and every round is 0 (as for two runs equal on every sample).
   *
   * <p>The mean of per-sample values (accuracy as 0/1, METEOR, gIoU) is the special case with every
   * denominator 1: then the bounds equal {@link #pairedDifference}'s up to rounding (that method
   * averages per-sample differences, this one subtracts the two averages).
   *
   * @throws IllegalArgumentException when there are no samples, the four arrays differ in length, a
   *     value is not finite, the level is not strictly between 0 and 1, or resamples is not
   *     positive
   */
  public static PairedDifference pairedRatioDifference(
      double[] numA,
      double[] denA,
      double[] numB,
      double[] denB,
      double level,
      int resamples,
      long seed) {
    sameLength("denA", denA, numA);
    sameLength("numB", numB, numA);
    sameLength("denB", denB, numA);
    check(numA, level, resamples);
    check(denA, level, resamples);
    check(numB, level, resamples);
    check(denB, level, resamples);
    int n = numA.length;
    double[] diffs = new double[resamples];
    SplitMix64 rng = new SplitMix64(seed);
    for (int r = 0; r < resamples; r++) {
      double na = 0;
      double da = 0;
      double nb = 0;
      double db = 0;
      for (int i = 0; i < n; i++) {
        int k = rng.nextIndex(n);
        na += numA[k];
        da += denA[k];
        nb += numB[k];
        db += denB[k];
      }
      diffs[r] = ratio(na, da) - ratio(nb, db);
    }
    int atMost0 = 0;
    int atLeast0 = 0;
    for (double d : diffs) {
      if (d <= 0) {
        atMost0++;
      }
      if (d >= 0) {
        atLeast0++;
      }
    }
    Arrays.sort(diffs);
    double alpha = 1 - level;
    return new PairedDifference(
        ratioOfSums(numA, denA) - ratioOfSums(numB, denB),
        Percentiles.linear(diffs, alpha / 2),
        Percentiles.linear(diffs, 1 - alpha / 2),
        Math.min(1.0, 2.0 * Math.min(atMost0, atLeast0) / resamples),
        level,
        resamples,
        seed);
  }

  private static void sameLength(String name, double[] values, double[] numA) {
    if (values.length != numA.length) {
      throw new IllegalArgumentException(
          "paired runs differ in length: numA has "
              + numA.length
              + " values, "
              + name
              + " has "
              + values.length);
    }
  }

  private static double ratio(double num, double den) {
    return den == 0 ? 0 : num / den;
  }

  /**
   * {@code sum(numerators) / sum(denominators)}, each summed left to right, 0 when the denominators
   * sum to 0 (cIoU's convention): the estimate of {@link #ratioOfSums(double[], double[], double,
   * int, long)} and of each run in {@link #pairedRatioDifference}.
   */
  public static double ratioOfSums(double[] numerators, double[] denominators) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < numerators.length; i++) {
      num += numerators[i];
      den += denominators[i];
    }
    return ratio(num, den);
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /**
   * Fills {@code indices} with the next round's n = {@code indices.length} indices: n draws of
   * {@link SplitMix64#nextIndex(int) rng.nextIndex(n)} in turn. This is the index stream described
   * in the class comment (the methods above draw it inline, adding up as they go); other bootstraps
   * in this package ({@link AgreementBootstrap}) take their rounds from here so that they resample
   * exactly as these do.
   */
  static void drawRound(SplitMix64 rng, int[] indices) {
    int n = indices.length;
    for (int i = 0; i < n; i++) {
      indices[i] = rng.nextIndex(n);
    }
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
    checkLevelAndResamples(level, resamples);
  }

  /**
   * Checks the level and the number of resamples of an interval.
   *
   * @throws IllegalArgumentException when the level is not strictly between 0 and 1 or resamples is
   *     not positive
   */
  static void checkLevelAndResamples(double level, int resamples) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be strictly between 0 and 1, got " + level);
    }
    if (resamples <= 0) {
      throw new IllegalArgumentException("resamples must be positive, got " + resamples);
    }
  }
}
