package dev.perbench.harness.score;

import java.util.List;

/** Scores a generated description against reference descriptions, in [0, 1]. */
@FunctionalInterface
public interface CaptionMetric {
  double score(String prediction, List<String> references);
}
