package dev.perbench.metrics.text;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Which sentence METEOR treats as the hypothesis. METEOR is asymmetric (precision weighs 9 times
 * less than recall), so the two conventions give different numbers for the same pair; every
 * reported METEOR should name its convention.
 */
public enum MeteorConvention {
  /**
   * NLTK's documented order: the prediction is the hypothesis, the ground truth the reference:
   * {@code meteor_score([ground_truth.split()], prediction.split())}.
   */
  NLTK("nltk", "the prediction is the hypothesis (NLTK's documented argument order)") {
    @Override
    public double score(MeteorScorer scorer, String prediction, String groundTruth) {
      return scorer.single(PythonText.split(groundTruth), PythonText.split(prediction));
    }
  },

  /**
   * The PerBench (STBench) authors' call, {@code meteor_score([pred.split()], gt.split())}: the
   * prediction is passed as the reference and the ground truth as the hypothesis. Use it to
   * reproduce the Pixel-SAIL paper's description METEOR.
   */
  PIXEL_SAIL_SWAPPED(
      "pixel-sail",
      "the PerBench authors' call: the prediction is the reference, the ground truth the"
          + " hypothesis") {
    @Override
    public double score(MeteorScorer scorer, String prediction, String groundTruth) {
      return scorer.single(PythonText.split(prediction), PythonText.split(groundTruth));
    }
  };

  private final String id;
  private final String description;

  MeteorConvention(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /**
   * The METEOR of one prediction against one ground-truth string, both split with Python's {@code
   * str.split()}, in [0, 1].
   */
  public abstract double score(MeteorScorer scorer, String prediction, String groundTruth);

  /** {@link #score(MeteorScorer, String, String)} with NLTK 3.9+ defaults. */
  public double score(String prediction, String groundTruth) {
    return score(MeteorScorer.nltk(), prediction, groundTruth);
  }

  /** The name used in results and on the command line: "nltk" or "pixel-sail". */
  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  /**
   * The convention with this id.
   *
   * @throws IllegalArgumentException naming the valid ids when none matches
   */
  public static MeteorConvention fromId(String id) {
    Objects.requireNonNull(id, "id");
    for (MeteorConvention convention : values()) {
      if (convention.id.equals(id)) {
        return convention;
      }
    }
    List<String> ids =
        Arrays.stream(values()).map(MeteorConvention::id).collect(Collectors.toList());
    throw new IllegalArgumentException(
        "unknown METEOR convention '" + id + "', expected one of " + ids);
  }
}
