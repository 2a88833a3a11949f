/**
 * Seeded, reproducible summary statistics.
 *
 * <p>{@link dev.perbench.metrics.stats.Bootstrap} gives percentile-bootstrap confidence intervals
 * for a per-sample mean and for the mean difference of two paired runs. Resampling uses {@link
 * dev.perbench.metrics.stats.SplitMix64} and percentiles use numpy's default "linear" method
 * ({@link dev.perbench.metrics.stats.Percentiles}), so a few lines of Python's standard library
 * reproduce every interval bit for bit.
 */
package dev.perbench.metrics.stats;
