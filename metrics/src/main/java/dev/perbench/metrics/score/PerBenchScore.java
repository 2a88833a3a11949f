package dev.perbench.metrics.score;

/**
 * The PerBench overall score of the Pixel-SAIL paper (Table 3), the mean of its three tasks: {@code
 * (METEOR + 100 * accuracy + (cIoU + gIoU) / 2) / 3}, in percent. The formula is not printed in the
 * paper; it is the one that reproduces every row of Table 3 to its 0.1 rounding.
 */
public final class PerBenchScore {
  private PerBenchScore() {}

  /**
   * The overall score in percent.
   *
   * @param meteor detailed-description METEOR, in percent [0, 100]
   * @param mcqAccuracy multiple-choice accuracy as a fraction [0, 1]
   * @param ciou V-T RES cIoU in percent [0, 100]
   * @param giou V-T RES gIoU in percent [0, 100]
   * @throws IllegalArgumentException when a component is outside its range (which catches a
   *     percentage passed as accuracy)
   */
  public static double overall(double meteor, double mcqAccuracy, double ciou, double giou) {
    requireRange("METEOR", meteor, 100);
    requireRange("MCQ accuracy (a fraction)", mcqAccuracy, 1);
    requireRange("cIoU", ciou, 100);
    requireRange("gIoU", giou, 100);
    return (meteor + 100 * mcqAccuracy + (ciou + giou) / 2) / 3;
  }

  /**
   * The overall score with an LLM judge's description score in place of METEOR ({@code
   * overall_judge} in metrics.json), in percent: the same expression as {@link #overall}, so a
   * judge score equal to a METEOR value gives the same overall to the bit.
   *
   * @param judgeScore the judge's score in percent, at least 0; it may exceed 100 (a pairwise
   *     protocol's score is the model's rating relative to the reference's), and so may the result
   * @throws IllegalArgumentException when a component is outside its range
   */
  public static double overallWithJudge(
      double judgeScore, double mcqAccuracy, double ciou, double giou) {
    if (!(judgeScore >= 0 && judgeScore < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          "the judge score must be a finite number >= 0, got " + judgeScore);
    }
    requireRange("MCQ accuracy (a fraction)", mcqAccuracy, 1);
    requireRange("cIoU", ciou, 100);
    requireRange("gIoU", giou, 100);
    return (judgeScore + 100 * mcqAccuracy + (ciou + giou) / 2) / 3;
  }

  private static void requireRange(String name, double value, int max) {
    if (!(value >= 0 && value <= max)) {
      throw new IllegalArgumentException(name + " must be in [0, " + max + "], got " + value);
    }
  }
}
