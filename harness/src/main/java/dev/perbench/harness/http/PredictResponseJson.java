package dev.perbench.harness.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.data.model.ImageRef;
import dev.perbench.data.model.Sample;
import dev.perbench.harness.json.RleJson;
import dev.perbench.harness.model.Prediction;
import dev.perbench.metrics.mask.Mask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the answers of a model server: the body of a 2xx answer to {@code POST /v1/predict}, {@code
 * {"text": str?, "masks": [RLE]?, "no_target": bool?, "sample_id": str?, "meta": any?}}, checked
 * strictly, and the {@code {"error": str}} body of a failed request.
 *
 * <p>Unknown fields are refused rather than ignored: a server that answers {@code "mask"} for
 * {@code "masks"} would otherwise score zero without a word. Anything a server wants to add goes
 * under {@code "meta"}, which is ignored but for {@code meta.warnings}.
 */
public final class PredictResponseJson {
  public static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Set<String> FIELDS =
      Set.of("text", "masks", "no_target", "sample_id", "meta");
  private static final int MAX_ERROR_CHARS = 300;

  private PredictResponseJson() {}

  /**
   * The prediction in a 2xx body.
   *
   * @throws IllegalArgumentException saying what is wrong: not JSON, not an object, an unknown
   *     field, a field of the wrong type, invalid RLE, a mask whose size is not the image's, an
   *     echoed sample id that is not the one asked about
   */
  public static Prediction read(byte[] body, Sample sample) {
    JsonNode o = parse(body);
    if (!o.isObject()) {
      throw new IllegalArgumentException(
          "expected a JSON object {\"text\"?, \"masks\"?, "
              + "\"no_target\"?}, got "
              + describe(o));
    }
    for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown field \""
                + name
                + "\" (expected text, masks, no_target; put extras under \"meta\")");
      }
    }
    JsonNode id = o.get("sample_id");
    if (id != null && !id.isNull() && !sample.id().equals(id.asText())) {
      throw new IllegalArgumentException(
          "answer is for sample \"" + id.asText() + "\", not \"" + sample.id() + "\"");
    }
    return new Prediction(
        sample.id(),
        text(o.get("text")),
        masks(o.get("masks"), sample.image()),
        noTarget(o.get("no_target")),
        null,
        warnings(o.get("meta")));
  }

  /**
   * {@code meta.warnings}, the one part of {@code meta} the harness reads: a list of strings
   * ({@code CODE} or {@code CODE:DETAIL}), recorded with the prediction and counted by code in
   * metrics.json. Everything else under {@code meta} is ignored.
   */
  private static List<String> warnings(JsonNode meta) {
    if (meta == null || !meta.isObject() || !meta.has("warnings")) {
      return null;
    }
    JsonNode w = meta.get("warnings");
    if (w.isNull()) {
      return null;
    }
    if (!w.isArray()) {
      throw new IllegalArgumentException(
          "\"meta.warnings\" must be a list of strings, not " + describe(w));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < w.size(); i++) {
      if (!w.get(i).isTextual()) {
        throw new IllegalArgumentException(
            "\"meta.warnings[" + i + "]\" must be a string, not " + describe(w.get(i)));
      }
      out.add(w.get(i).asText());
    }
    return out;
  }

  /** Parses a JSON body; the message of a failure says why and never echoes the whole body. */
  public static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw new IllegalArgumentException("empty body, expected JSON");
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new IllegalArgumentException("empty body, expected JSON");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not valid JSON: "
              + e.getOriginalMessage()
              + " (body starts \""
              + excerpt(body, 60)
              + "\")");
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable body: " + e.getMessage());
    }
  }

  /**
   * What a failed request's body says: the {@code "error"} string of a JSON body, else the text
   * itself, whitespace collapsed and cut to a few hundred characters.
   */
  static String errorMessage(byte[] body) {
    if (body == null || body.length == 0) {
      return "(empty body)";
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node != null && node.isObject() && node.path("error").isTextual()) {
        return cut(node.get("error").asText());
      }
    } catch (IOException e) {
      // not JSON: fall through to the raw text
    }
    return excerpt(body, MAX_ERROR_CHARS);
  }

  private static String text(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException("\"text\" must be a string, not " + describe(v));
    }
    return v.asText();
  }

  private static Boolean noTarget(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      throw new IllegalArgumentException("\"no_target\" must be true or false, not " + describe(v));
    }
    return v.booleanValue();
  }

  private static List<Mask> masks(JsonNode v, ImageRef image) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      throw new IllegalArgumentException(
          "\"masks\" must be a list of RLE objects, not " + describe(v));
    }
    List<Mask> masks = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      Mask m;
      try {
        m = RleJson.read(v.get(i));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("masks[" + i + "]: " + e.getMessage(), e);
      }
      if (m.height() != image.height() || m.width() != image.width()) {
        throw new IllegalArgumentException(
            "masks["
                + i
                + "] is "
                + m.height()
                + "x"
                + m.width()
                + " but the image is "
                + image.height()
                + "x"
                + image.width()
                + " (masks must be at the original image size)");
      }
      masks.add(m);
    }
    return masks;
  }

  private static String describe(JsonNode v) {
    return v.getNodeType().toString().toLowerCase(Locale.ROOT);
  }

  private static String excerpt(byte[] body, int chars) {
    String s = new String(body, 0, Math.min(body.length, chars * 4), StandardCharsets.UTF_8);
    return cut(s.replaceAll("\\s+", " ").strip(), chars);
  }

  private static String cut(String s) {
    return cut(s, MAX_ERROR_CHARS);
  }

  private static String cut(String s, int chars) {
    return s.length() <= chars ? s : s.substring(0, chars) + "...";
  }
}
