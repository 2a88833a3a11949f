package dev.perbench.harness.compare;

/**
 * Two runs on one task and metric, over the samples both scored.
 *
 * @param task the task id ({@code res}, {@code vres}, {@code mcq}, {@code caption})
 * @param metric the metric as metrics.json names it ({@code ciou}, {@code giou}, {@code accuracy},
 *     {@code meteor})
 * @param shared the samples both runs have, which everything here is computed over
 * @param a run A's value over the shared samples (a fraction)
 * @param b run B's value over the shared samples
 * @param difference {@code a - b}
 * @param lower the lower bound of the paired-bootstrap interval of the difference
 * @param upper its upper bound
 * @param pValue the two-sided paired-bootstrap p-value of "no difference"; its resolution is one
 *     over the number of resamples
 * @param aWins samples where A's own score (IoU, correctness, METEOR) is higher than B's
 * @param bWins samples where B's is higher
 * @param ties samples where the two are equal
 */
public record MetricComparison(
    String task,
    String metric,
    int shared,
    double a,
    double b,
    double difference,
    double lower,
    double upper,
    double pValue,
    int aWins,
    int bWins,
    int ties) {

  /** Whether the interval excludes 0: the difference is significant at the interval's level. */
  public boolean significant() {
    return lower > 0 || upper < 0;
  }
}
