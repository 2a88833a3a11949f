package dev.perbench.harness.score;

/**
 * One figure of a task, in the order {@code metrics.json} writes it, for tables and CSV.
 *
 * @param value a fraction in [0, 1], or a count when {@code count}
 * @param interval its confidence interval, or null
 */
public record MetricValue(String name, Number value, boolean count, Interval interval) {}
