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
 *
 * <p>Agreement between two raters of the same samples (LLM judges, METEOR, human ratings): {@link
 * dev.perbench.metrics.stats.WeightedKappa} (quadratic-weighted Cohen's kappa, bit for bit
 * scikit-learn's), {@link dev.perbench.metrics.stats.RankCorrelation} (Spearman's rho, bit for bit
 * scipy's), and {@link dev.perbench.metrics.stats.AgreementBootstrap}, their paired bootstrap
 * intervals on the same index stream ({@link dev.perbench.metrics.stats.AgreementInterval}).
 */
package dev.perbench.metrics.stats;
