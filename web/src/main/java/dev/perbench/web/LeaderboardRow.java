package dev.perbench.web;

/**
 * One entry's result on one benchmark, as a leaderboard shows it.
 *
 * @param mainMetric the benchmark's headline metric ({@code overall} for PerBench, else the first
 *     task's first metric, e.g. {@code res ciou})
 * @param value the metric in percent, or null
 * @param lower the lower end of its confidence interval in percent, or null
 * @param upper the upper end, or null
 * @param rankBest the best rank the intervals allow within the row's profile: 1 + the number of
 *     entries that are better beyond doubt (their interval's lower end above this one's upper end,
 *     or, without intervals, a higher value), as Chatbot Arena ranks
 * @param rankWorst the worst rank: 1 + the number of other entries that may be better (their upper
 *     end at or above this one's lower end)
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
    boolean hasPredictions,
    int rankBest,
    int rankWorst) {
  LeaderboardRow withRanks(int best, int worst) {
    return new LeaderboardRow(
        entryId,
        name,
        organisation,
        size,
        kind,
        profile,
        mainMetric,
        value,
        lower,
        upper,
        failed,
        hasPredictions,
        best,
        worst);
  }

  /** The interval's lower end, or the value when there is no interval. */
  double low() {
    return lower != null ? lower : value;
  }

  /** The interval's upper end, or the value when there is no interval. */
  double high() {
    return upper != null ? upper : value;
  }
}
