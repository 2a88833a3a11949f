package dev.perbench.harness.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perbench.harness.json.StrictJson;
import dev.perbench.harness.model.Prediction;

/**
 * One line of a prediction file, {@code {"sample_id": str, "text": str?, "masks": [RLE]?,
 * "no_target": bool?, "error": str?}}, read and written through the strict binding of {@link
 * Prediction}: an unknown field (in the line or in an RLE object), a missing {@code sample_id}, a
 * value of the wrong type, a duplicate key or text after the object is an error naming the field.
 */
public final class PredictionJson {
  private PredictionJson() {}

  /** The line, without its newline. */
  public static String write(Prediction p) {
    return StrictJson.compact(p);
  }

  /**
   * Reads one line.
   *
   * @throws IllegalArgumentException saying which field is wrong and how
   */
  public static Prediction read(String line) {
    return StrictJson.parse(line, Prediction.class);
  }

  /**
   * Reads one parsed line.
   *
   * @throws IllegalArgumentException saying which field is wrong and how
   */
  public static Prediction read(JsonNode line) {
    if (line == null || !line.isObject()) {
      throw new IllegalArgumentException(
          "expected a JSON object {\"sample_id\", \"text\"?, \"masks\"?, \"no_target\"?,"
              + " \"error\"?}");
    }
    return StrictJson.bind(line, Prediction.class);
  }
}
