package dev.perbench.web;

/**
 * A benchmark on the home page: how many entries have results on it, and who leads.
 *
 * @param samples its samples: counted where its data is installed here, else as published, else
 *     null (paper-only benchmarks)
 * @param leader the entry with the highest headline value (within the leading profile), or null
 */
public record BenchmarkSummary(
    String id,
    String tasks,
    Integer samples,
    int entries,
    String mainMetric,
    LeaderboardRow leader) {}
