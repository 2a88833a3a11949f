package dev.perbench.web;

import java.util.Map;

/**
 * One entry's result on one benchmark, as a leaderboard shows it.
 *
 * @param mainMetric the benchmark's headline metric ({@code overall} for PerBench, else the first
 *     task's first metric, e.g. {@code res ciou})
 * @param value the metric in percent, or null
 * @param lower the lower end of its confidence interval in percent, or null
 * @param upper the upper end, or null
 * @param samplesScored whether its predictions can be browsed sample by sample
 * @param cells every figure of the result by {@code task.metric} (e.g. {@code vres.giou}, {@code
 *     perbench.overall}), in percent
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
    boolean samplesScored,
    Map<String, Cell> cells,
    int rankBest,
    int rankWorst) {
  public LeaderboardRow {
    cells = Map.copyOf(cells);
  }

  /**
   * One figure of the row, in percent.
   *
   * @param position its place in metrics.json (columns follow it)
   * @param lower its interval's lower end, or null
   * @param upper its upper end, or null
   */
  public record Cell(int position, double value, Double lower, Double upper) {
    /** The interval's lower end, or the value when there is no interval. */
    double low() {
      return lower != null ? lower : value;
    }

    /** The interval's upper end, or the value when there is no interval. */
    double high() {
      return upper != null ? upper : value;
    }
  }

  /** The headline value as a cell, or null. */
  Cell main() {
    return value == null ? null : new Cell(0, value, lower, upper);
  }

  /** The cell of {@code key} ({@code task.metric}), or null (for templates). */
  public Cell cell(String key) {
    return cells.get(key);
  }

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
        samplesScored,
        cells,
        best,
        worst);
  }
}
