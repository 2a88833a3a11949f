package dev.perbench.metrics.stats;

/**
 * An agreement statistic (weighted kappa, Spearman's rho) with a two-sided percentile-bootstrap
 * confidence interval, and what is needed to recompute it.
 *
 * <p>Such a statistic is undefined (NaN) on samples without variation, and a resample can be
 * without variation even when the full sample is not (a resample of few samples can draw one sample
 * n times). Those resamples are left out of the interval and counted here: the bounds are quantiles
 * of the {@code resamples - undefinedResamples} defined values, so they describe the statistic
 * given that it is defined. A report should show the count when it is not 0; with a large share
 * undefined (small n) the interval says little.
 *
 * @param estimate the statistic on the full sample; NaN when it is undefined there
 * @param lower the lower bound, the (1 - level) / 2 quantile of the defined resampled values; NaN
 *     when no resample is defined
 * @param upper the upper bound, the 1 - (1 - level) / 2 quantile of the defined resampled values;
 *     NaN when no resample is defined
 * @param undefinedResamples how many resamples gave NaN and were left out (0 to resamples); every
 *     one of them when the estimate is NaN
 * @param level the confidence level, e.g. 0.95
 * @param resamples the number of bootstrap resamples drawn, defined or not
 * @param seed the {@link SplitMix64} seed
 */
public record AgreementInterval(
    double estimate,
    double lower,
    double upper,
    int undefinedResamples,
    double level,
    int resamples,
    long seed) {
  /** The number of resamples the bounds come from. */
  public int definedResamples() {
    return resamples - undefinedResamples;
  }
}
