package dev.perbench.metrics.stats;

/**
 * A point estimate with a two-sided confidence interval, and what is needed to recompute it.
 *
 * @param estimate the statistic on the full sample
 * @param lower the lower bound, the (1 - level) / 2 quantile of the bootstrap distribution
 * @param upper the upper bound, the 1 - (1 - level) / 2 quantile
 * @param level the confidence level, e.g. 0.95
 * @param resamples the number of bootstrap resamples
 * @param seed the {@link SplitMix64} seed
 */
public record ConfidenceInterval(
    double estimate, double lower, double upper, double level, int resamples, long seed) {}
