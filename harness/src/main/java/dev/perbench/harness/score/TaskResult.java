package dev.perbench.harness.score;

import java.util.List;

/**
 * The scores of one task in {@code metrics.json}. Harness results have every field; results copied
 * from a paper (profile {@code reported}) have the convention and whatever values the paper gives,
 * so every other field may be null.
 */
public sealed interface TaskResult
    permits SegmentationTaskResult, ChoiceTaskResult, CaptionTaskResult {
  /** How the figures were computed, e.g. {@code standard} or {@code meteor (NLTK)}. */
  String convention();

  /** Samples scored (for vres: records; the segmentation figures count targets). */
  Long n();

  /** Samples without a prediction. */
  Long missing();

  /** Samples whose prediction is an error. */
  Long failed();

  /** The figures that are present, in file order. */
  List<MetricValue> values();
}
