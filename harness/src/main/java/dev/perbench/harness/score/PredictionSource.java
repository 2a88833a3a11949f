package dev.perbench.harness.score;

import dev.perbench.harness.model.Prediction;
import java.util.Map;

/**
 * Where scoring finds each sample's prediction: a validated prediction file ({@link
 * dev.perbench.harness.io.PredictionIndex}), an upload held in memory, a live run.
 */
@FunctionalInterface
public interface PredictionSource {
  /** The prediction for a sample, or null when there is none. */
  Prediction get(String sampleId);

  /** Predictions held in memory, by sample id. */
  static PredictionSource of(Map<String, Prediction> bySampleId) {
    return bySampleId::get;
  }
}
