package dev.perbench.harness.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perbench.harness.model.Prediction;
import dev.perbench.metrics.mask.Mask;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One prediction as one JSON object: {@code {"sample_id": str, "text": str?, "masks": [RLE]?,
 * "no_target": bool?, "error": str?}}.
 */
public final class PredictionJson {
  private static final Set<String> FIELDS =
      Set.of("sample_id", "text", "masks", "no_target", "error");

  private PredictionJson() {}

  public static ObjectNode write(Prediction p) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("sample_id", p.sampleId());
    if (p.text() != null) {
      o.put("text", p.text());
    }
    if (p.masks() != null) {
      ArrayNode masks = o.putArray("masks");
      for (Mask m : p.masks()) {
        masks.add(RleJson.write(m));
      }
    }
    if (p.noTarget() != null) {
      o.put("no_target", p.noTarget());
    }
    if (p.error() != null) {
      o.put("error", p.error());
    }
    return o;
  }

  /**
   * Reads one prediction object.
   *
   * @throws IllegalArgumentException saying which field is wrong and how
   */
  public static Prediction read(JsonNode o) {
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException(
          "expected a JSON object {\"sample_id\", \"text\"?, \"masks\"?, \"no_target\"?,"
              + " \"error\"?}");
    }
    for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown field \"" + name + "\" (expected sample_id, text, masks, no_target, error)");
      }
    }
    JsonNode id = o.get("sample_id");
    if (id == null || !id.isTextual()) {
      throw new IllegalArgumentException("\"sample_id\" must be a string");
    }
    return new Prediction(
        id.asText(),
        optionalText(o, "text"),
        masks(o.get("masks")),
        optionalBoolean(o, "no_target"),
        optionalText(o, "error"));
  }

  private static List<Mask> masks(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("\"masks\" must be a list of RLE objects");
    }
    List<Mask> masks = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      try {
        masks.add(RleJson.read(node.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("\"masks\"[" + i + "]: " + e.getMessage(), e);
      }
    }
    return masks;
  }

  private static String optionalText(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException("\"" + field + "\" must be a string");
    }
    return v.asText();
  }

  private static Boolean optionalBoolean(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      throw new IllegalArgumentException("\"" + field + "\" must be true or false");
    }
    return v.booleanValue();
  }
}
