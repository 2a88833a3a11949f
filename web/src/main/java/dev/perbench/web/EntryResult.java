package dev.perbench.web;

import dev.perbench.harness.run.RunManifest;
import dev.perbench.harness.score.Evaluation;
import java.util.List;

/**
 * One benchmark result of an entry, as its page shows it.
 *
 * @param manifest the run's provenance, or null (numbers copied from a paper have none)
 * @param hasPredictions whether the entry came with its prediction file
 * @param samplesScored whether its predictions were scored sample by sample here (the sample
 *     browser and paired comparisons need that, and the benchmark's data installed)
 * @param harnessVersion the version of the harness that produced it, or null when not known
 * @param earlierResults the results it replaced, newest first: an admin's re-score of the benchmark
 *     keeps each result it replaces
 */
public record EntryResult(
    String benchmark,
    Evaluation metrics,
    RunManifest manifest,
    boolean hasPredictions,
    boolean samplesScored,
    String harnessVersion,
    List<EarlierResult> earlierResults) {
  public EntryResult {
    earlierResults = List.copyOf(earlierResults);
  }

  /**
   * A result a re-score replaced, as it was.
   *
   * @param replacedAt when the re-score replaced it (ISO 8601, UTC)
   * @param mainMetric the headline metric's name; its value and interval are in percent (null when
   *     there was none)
   */
  public record EarlierResult(
      String replacedAt,
      String harnessVersion,
      String profile,
      String mainMetric,
      Double mainValue,
      Double mainLower,
      Double mainUpper) {}
}
