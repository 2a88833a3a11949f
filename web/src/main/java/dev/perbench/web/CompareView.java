package dev.perbench.web;

import dev.perbench.harness.compare.MetricComparison;
import java.util.List;

/**
 * Two entries side by side: every benchmark either has, with both values of each metric, and the
 * paired comparison where both have per-sample results on it under the same profile.
 */
public record CompareView(EntryView a, EntryView b, List<BenchmarkComparison> benchmarks) {

  /**
   * One benchmark of a comparison.
   *
   * @param profileA A's profile, or null when A has no result on it
   * @param profileB B's profile, or null
   * @param values every metric either has (fractions; null where one has none)
   * @param paired the paired comparison per task and metric (empty when not possible)
   * @param note why there is no paired comparison, or null when there is one
   */
  public record BenchmarkComparison(
      String benchmark,
      String profileA,
      String profileB,
      List<ValuePair> values,
      List<MetricComparison> paired,
      String note) {}

  /** One metric's two values; {@code difference} is null unless both are there. */
  public record ValuePair(String task, String metric, Double a, Double b, Double difference) {}
}
