package dev.perbench.harness.score;

import dev.perbench.data.model.Sample;
import java.util.List;
import java.util.function.Consumer;

/**
 * Scoring, as the command line and the website both call it: the predictions of any {@link
 * PredictionSource} over a benchmark's samples, in the samples' (benchmark) order, under a profile.
 * Scoring a prediction file and scoring a live run are this same call.
 */
public final class Scoring {
  private Scoring() {}

  /**
   * Scores {@code predictions} over {@code samples}.
   *
   * @throws IllegalArgumentException when a predicted mask's size differs from its image's (a
   *     validated source never has one)
   */
  public static Evaluation score(
      String benchmark,
      List<Sample> samples,
      PredictionSource predictions,
      EvalProfile profile,
      BootstrapSettings ci) {
    return score(benchmark, samples, predictions, profile, ci, s -> {});
  }

  /**
   * Scores {@code predictions} over {@code samples}, handing each sample's score to {@code
   * perSample} in sample order.
   */
  public static Evaluation score(
      String benchmark,
      List<Sample> samples,
      PredictionSource predictions,
      EvalProfile profile,
      BootstrapSettings ci,
      Consumer<SampleScore> perSample) {
    Evaluator evaluator =
        new Evaluator(profile, CaptionMetrics.forProfile(profile)).onSample(perSample);
    for (Sample s : samples) {
      evaluator.add(s, predictions.get(s.id()));
    }
    return evaluator.result(benchmark, ci);
  }
}
