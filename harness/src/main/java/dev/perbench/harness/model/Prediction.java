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

/**
 * A model's answer for one sample: one line of a prediction file, {@code {"sample_id": str, "text":
 * str?, "masks": [RLE]?, "no_target": bool?, "error": str?}} (schema {@code
 * docs/prediction-file.schema.json}; read and written by {@link
 * dev.perbench.harness.io.PredictionJson}).
 *
 * @param sampleId the sample's id in its benchmark
 * @param text the generated text (caption, answer), or null
 * @param masks predicted masks in order (one for res; one per target for vres), or null
 * @param noTarget true when the model says the expression refers to nothing (gRefCOCO), or null
 * @param error why the model failed on this sample, or null; a failed sample is kept and scored as
 *     the profile scores a missing prediction
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"sample_id", "text", "masks", "no_target", "error"})
public record Prediction(
    @JsonProperty(value = "sample_id", required = true) String sampleId,
    String text,
    @JsonSerialize(contentUsing = RleJson.Serializer.class)
        @JsonDeserialize(contentUsing = RleJson.Deserializer.class)
        List<Mask> masks,
    @JsonProperty("no_target") Boolean noTarget,
    String error) {
  public Prediction {
    Check.present("sample_id", sampleId);
    if (masks != null) {
      for (int i = 0; i < masks.size(); i++) {
        if (masks.get(i) == null) {
          throw new FieldException("masks[" + i + "]", "must be an RLE object, not null");
        }
      }
      masks = List.copyOf(masks);
    }
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
