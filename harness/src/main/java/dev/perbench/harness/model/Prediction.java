package dev.perbench.harness.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.perbench.harness.json.Check;
import dev.perbench.harness.json.FieldException;
import dev.perbench.harness.json.RleJson;
import dev.perbench.metrics.mask.Mask;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A model's answer for one sample: one line of a prediction file, {@code {"sample_id": str, "text":
 * str?, "masks": [RLE]?, "no_target": bool?, "error": str?, "warnings": [str]?}} (schema {@code
 * docs/prediction-file.schema.json}; read and written by {@link
 * dev.perbench.harness.io.PredictionJson}).
 *
 * @param sampleId the sample's id in its benchmark
 * @param text the generated text (caption, answer), or null
 * @param masks predicted masks in order (one for res; one per target for vres), or null
 * @param noTarget true when the model says the expression refers to nothing (gRefCOCO), or null
 * @param error why the model failed on this sample, or null; a failed sample is kept and scored as
 *     the profile scores a missing prediction
 * @param warnings what the model said went wrong while it still answered, each {@code CODE} or
 *     {@code CODE:DETAIL} (e.g. {@code empty_visual_prompt:1}: a prompt region vanished when the
 *     model shrank it); counted by code in metrics.json; null for none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"sample_id", "text", "masks", "no_target", "error", "warnings"})
public record Prediction(
    @JsonProperty(value = "sample_id", required = true) String sampleId,
    String text,
    @JsonSerialize(contentUsing = RleJson.Serializer.class)
        @JsonDeserialize(contentUsing = RleJson.Deserializer.class)
        List<Mask> masks,
    @JsonProperty("no_target") Boolean noTarget,
    String error,
    List<String> warnings) {
  /** The most warnings one prediction may carry. */
  public static final int MAX_WARNINGS = 16;

  /** The longest warning, in characters. */
  public static final int MAX_WARNING_CHARS = 200;

  private static final Pattern WARNING = Pattern.compile("[a-z][a-z0-9_]*(:[^\\p{Cntrl}]*)?");

  public Prediction {
    Check.present("sample_id", sampleId);
    if (warnings != null) {
      if (warnings.size() > MAX_WARNINGS) {
        throw new FieldException(
            "warnings", warnings.size() + " warnings; at most " + MAX_WARNINGS + " are kept");
      }
      for (int i = 0; i < warnings.size(); i++) {
        String w = warnings.get(i);
        if (w == null || w.length() > MAX_WARNING_CHARS || !WARNING.matcher(w).matches()) {
          throw new FieldException(
              "warnings[" + i + "]",
              "must be CODE or CODE:DETAIL (a code of lowercase letters, digits and _, at most "
                  + MAX_WARNING_CHARS
                  + " characters, no control characters), not "
                  + (w == null ? "null" : "\"" + w.substring(0, Math.min(w.length(), 40)) + "\""));
        }
      }
      warnings = warnings.isEmpty() ? null : List.copyOf(warnings);
    }
    if (masks != null) {
      for (int i = 0; i < masks.size(); i++) {
        if (masks.get(i) == null) {
          throw new FieldException("masks[" + i + "]", "must be an RLE object, not null");
        }
      }
      masks = List.copyOf(masks);
    }
  }

  /** Without warnings (as every prediction made by the harness itself). */
  public Prediction(
      String sampleId, String text, List<Mask> masks, Boolean noTarget, String error) {
    this(sampleId, text, masks, noTarget, error, null);
  }

  /** The same prediction with {@code warnings} (null or empty for none). */
  public Prediction withWarnings(List<String> warnings) {
    return new Prediction(sampleId, text, masks, noTarget, error, warnings);
  }

  /** The code of a warning: what comes before its first ':'. */
  public static String warningCode(String warning) {
    int colon = warning.indexOf(':');
    return colon < 0 ? warning : warning.substring(0, colon);
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

  @JsonIgnore
  public boolean failed() {
    return error != null;
  }
}
