package dev.perbench.metrics.text;

import java.util.ArrayList;
import java.util.List;

/**
 * METEOR as NLTK 3.9+ computes it ({@code nltk.translate.meteor_score}, alpha 0.9, beta 3, gamma
 * 0.5, WordNet 3.0), on whitespace-split strings. Argument order follows NLTK: the reference(s)
 * first, then the hypothesis. For a model's prediction and a ground truth, prefer {@link
 * #score(String, String, MeteorConvention)}, which names the roles.
 *
 * <p>Scores are in [0, 1]. For other parameters or NLTK 3.8's lemmatiser use {@link MeteorScorer}.
 */
public final class Meteor {
  private Meteor() {}

  /** NLTK's {@code single_meteor_score(reference.split(), hypothesis.split())}. */
  public static double single(String reference, String hypothesis) {
    return MeteorScorer.nltk().single(PythonText.split(reference), PythonText.split(hypothesis));
  }

  /**
   * NLTK's {@code meteor_score([r.split() for r in references], hypothesis.split())}: the best
   * score over the references.
   *
   * @throws IllegalArgumentException when there is no reference
   */
  public static double score(List<String> references, String hypothesis) {
    List<List<String>> tokenized = new ArrayList<>(references.size());
    for (String reference : references) {
      tokenized.add(PythonText.split(reference));
    }
    return MeteorScorer.nltk().score(tokenized, PythonText.split(hypothesis));
  }

  /**
   * The METEOR of a model's prediction against its ground truth under a named convention: {@link
   * MeteorConvention#NLTK} (the prediction is the hypothesis) or {@link
   * MeteorConvention#PIXEL_SAIL_SWAPPED} (the PerBench authors' swapped call).
   */
  public static double score(String prediction, String groundTruth, MeteorConvention convention) {
    return convention.score(prediction, groundTruth);
  }
}
