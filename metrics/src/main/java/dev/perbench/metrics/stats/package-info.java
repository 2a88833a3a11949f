/**
 * Seeded, reproducible summary statistics.
 *
 * <p>{@link dev.perbench.metrics.stats.Bootstrap} gives percentile-bootstrap confidence intervals
 * for a per-sample mean, a ratio of sums and the mean difference of two paired runs, and for the
 * difference of two paired runs' ratios of sums with a bootstrap p-value ({@link
 * dev.perbench.metrics.stats.PairedDifference}). Resampling uses {@link
 * dev.perbench.metrics.stats.SplitMix64} and percentiles use numpy's default "linear" method
 * ({@link dev.perbench.metrics.stats.Percentiles}), so a few lines of Python's standard library
 * reproduce every interval bit for bit.
 */
package dev.perbench.metrics.stats;
