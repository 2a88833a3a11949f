package dev.perbench.harness.model;

import dev.perbench.metrics.mask.Mask;
import java.util.List;
import java.util.Objects;

/**
 * A model's answer for one sample: one line of a prediction file.
 *
 * @param sampleId the sample's id in its benchmark
 * @param text the generated text (caption, answer), or null
 * @param masks predicted masks in order (one for res; one per target for vres), or null
 * @param noTarget true when the model says the expression refers to nothing (gRefCOCO), or null
 * @param error why the model failed on this sample, or null; a failed sample is kept and scored as
 *     the profile scores a missing prediction
 */
public record Prediction(
    String sampleId, String text, List<Mask> masks, Boolean noTarget, String error) {
  public Prediction {
    Objects.requireNonNull(sampleId, "sampleId");
    masks = masks == null ? null : List.copyOf(masks);
  }

  /** A failed sample. */
  public static Prediction failed(String sampleId, String error) {
    return new Prediction(sampleId, null, null, null, error);
  }

  /** A text answer. */
  public static Prediction text(String sampleId, String text) {
    return new Prediction(sampleId, text, null, null, null);
  }

  /** Masks, optionally with text. */
  public static Prediction masks(String sampleId, List<Mask> masks) {
    return new Prediction(sampleId, null, masks, null, null);
  }

  public boolean failed() {
    return error != null;
  }
}
