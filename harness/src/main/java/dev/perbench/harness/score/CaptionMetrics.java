package dev.perbench.harness.score;

import dev.perbench.metrics.text.Meteor;
import dev.perbench.metrics.text.MeteorConvention;

/**
 * The caption metric of a profile: METEOR exact to NLTK, either in NLTK's documented argument order
 * (the prediction is the hypothesis; several references: the best one, as NLTK's {@code
 * meteor_score} does) or in the authors' swapped call, where the prediction is passed as the
 * reference (with several references, the best of those single scores).
 */
public final class CaptionMetrics {
  private CaptionMetrics() {}

  public static CaptionMetric forProfile(EvalProfile profile) {
    if (!profile.meteorSwapped()) {
      return (prediction, references) -> Meteor.score(references, prediction);
    }
    return (prediction, references) -> {
      double best = 0;
      for (String reference : references) {
        best =
            Math.max(
                best, Meteor.score(prediction, reference, MeteorConvention.PIXEL_SAIL_SWAPPED));
      }
      return best;
    };
  }
}
