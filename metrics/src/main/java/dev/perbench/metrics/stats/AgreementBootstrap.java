package dev.perbench.metrics.stats;

import java.util.Arrays;

/**
 * Seeded percentile-bootstrap confidence intervals for the agreement of two raters on the same
 * samples: {@link WeightedKappa#quadratic quadratic-weighted kappa} and {@link
 * RankCorrelation#spearman Spearman's rho}.
 *
 * <p>The procedure, fixed so that other languages can reproduce it exactly, is {@link Bootstrap}'s:
 * a {@link SplitMix64} seeded with {@code seed}; for each of {@code resamples} rounds, n indices
 * drawn in turn with {@link SplitMix64#nextIndex(int) nextIndex(n)} (round r takes draws r * n to r
 * * n + n - 1; {@link Bootstrap#drawRound}). The resampling is paired: index k picks sample k of
 * both raters, so a resample keeps every pair of ratings together. The statistic of each round is
 * computed on the resampled pairs, in the order drawn, by the same code as the estimate (for kappa,
 * the same sklearn-order arithmetic; for rho, the same scipy-order arithmetic).
 *
 * <p>Rounds where the statistic is NaN (no variation in the resample: see {@link WeightedKappa} and
 * {@link RankCorrelation}) are left out and counted in {@link
 * AgreementInterval#undefinedResamples()}; the bounds are the {@link Percentiles#linear} quantiles
 * at {@code alpha / 2} and {@code 1 - alpha / 2} ({@code alpha = 1 - level}) of the remaining round
 * statistics, sorted, and NaN when no round is defined. Leaving them out, rather than giving no
 * interval whenever one is NaN, keeps an interval for small samples where a few resamples happen to
 * be constant, and the count says how many were dropped. The estimate is the statistic on the full
 * sample.
 */
public final class AgreementBootstrap {
  private AgreementBootstrap() {}

  /**
   * The interval for {@link WeightedKappa#quadratic WeightedKappa.quadratic(a, b, minRating,
   * maxRating)}.
   *
   * @throws IllegalArgumentException as {@link WeightedKappa#quadratic}, or when the level is not
   *     strictly between 0 and 1 or resamples is not positive
   */
  public static AgreementInterval quadraticKappa(
      int[] a, int[] b, int minRating, int maxRating, double level, int resamples, long seed) {
    WeightedKappa.check(a, b, minRating, maxRating);
    Bootstrap.checkLevelAndResamples(level, resamples);
    int categories = maxRating - minRating + 1;
    int n = a.length;
    int[] ra = new int[n];
    int[] rb = new int[n];
    int[] indices = new int[n];
    double[] stats = new double[resamples];
    SplitMix64 rng = new SplitMix64(seed);
    for (int r = 0; r < resamples; r++) {
      Bootstrap.drawRound(rng, indices);
      for (int i = 0; i < n; i++) {
        ra[i] = a[indices[i]];
        rb[i] = b[indices[i]];
      }
      stats[r] = WeightedKappa.unchecked(ra, rb, minRating, categories);
    }
    return interval(
        WeightedKappa.unchecked(a, b, minRating, categories), stats, level, resamples, seed);
  }

  /**
   * The interval for {@link RankCorrelation#spearman RankCorrelation.spearman(x, y)}.
   *
   * @throws IllegalArgumentException as {@link RankCorrelation#spearman}, or when the level is not
   *     strictly between 0 and 1 or resamples is not positive
   */
  public static AgreementInterval spearman(
      double[] x, double[] y, double level, int resamples, long seed) {
    RankCorrelation.check(x, y);
    Bootstrap.checkLevelAndResamples(level, resamples);
    int n = x.length;
    double[] rx = new double[n];
    double[] ry = new double[n];
    int[] indices = new int[n];
    double[] stats = new double[resamples];
    SplitMix64 rng = new SplitMix64(seed);
    for (int r = 0; r < resamples; r++) {
      Bootstrap.drawRound(rng, indices);
      for (int i = 0; i < n; i++) {
        rx[i] = x[indices[i]];
        ry[i] = y[indices[i]];
      }
      stats[r] = RankCorrelation.unchecked(rx, ry);
    }
    return interval(RankCorrelation.unchecked(x, y), stats, level, resamples, seed);
  }

  private static AgreementInterval interval(
      double estimate, double[] stats, double level, int resamples, long seed) {
    double[] defined = Arrays.stream(stats).filter(s -> !Double.isNaN(s)).sorted().toArray();
    int undefined = resamples - defined.length;
    double alpha = 1 - level;
    double lower = Double.NaN;
    double upper = Double.NaN;
    if (defined.length > 0) {
      lower = Percentiles.linear(defined, alpha / 2);
      upper = Percentiles.linear(defined, 1 - alpha / 2);
    }
    return new AgreementInterval(estimate, lower, upper, undefined, level, resamples, seed);
  }
}
