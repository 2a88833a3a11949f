package dev.perbench.web;

/**
 * One entry's result on one benchmark, as a leaderboard shows it.
 *
 * @param mainMetric the benchmark's headline metric ({@code overall} for PerBench, else the first
 *     task's first metric, e.g. {@code res ciou})
 * @param value the metric in percent, or null
 * @param lower the lower end of its confidence interval in percent, or null
 * @param upper the upper end, or null
 */
public record LeaderboardRow(
    String entryId,
    String name,
    String organisation,
    String size,
    String kind,
    String profile,
    String mainMetric,
    Double value,
    Double lower,
    Double upper,
    Long failed,
    boolean hasPredictions) {}
