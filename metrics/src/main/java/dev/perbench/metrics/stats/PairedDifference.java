package dev.perbench.metrics.stats;

/**
 * The difference of a statistic between two runs on the same samples, with a two-sided bootstrap
 * confidence interval and p-value, and what is needed to recompute them.
 *
 * @param estimate the statistic of run A minus that of run B, on the full sample
 * @param lower the lower bound, the (1 - level) / 2 quantile of the resampled differences
 * @param upper the upper bound, the 1 - (1 - level) / 2 quantile of the resampled differences
 * @param pValue the two-sided bootstrap p-value for "no difference": the share of resampled
 *     differences on the far side of zero, doubled and capped at 1; a multiple of 2 / resamples
 * @param level the confidence level, e.g. 0.95
 * @param resamples the number of bootstrap resamples
 * @param seed the {@link SplitMix64} seed
 */
public record PairedDifference(
    double estimate,
    double lower,
    double upper,
    double pValue,
    double level,
    int resamples,
    long seed) {}
