package dev.perbench.harness.score;

import dev.perbench.data.model.Sample;
import dev.perbench.harness.io.PredictionIndex;
import java.util.List;

/** Scores a validated prediction file over samples, in the samples' (benchmark) order. */
public final class Scoring {
  private Scoring() {}

  public static Evaluation score(
      String benchmark,
      List<Sample> samples,
      PredictionIndex predictions,
      EvalProfile profile,
      CaptionMetric captions,
      double ciLevel,
      int ciResamples,
      long ciSeed) {
    Evaluator evaluator = new Evaluator(profile, captions);
    for (Sample s : samples) {
      evaluator.add(s, predictions.get(s.id()));
    }
    return evaluator.result(benchmark, ciLevel, ciResamples, ciSeed);
  }
}
