package dev.perbench.harness.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.perbench.data.model.ImageRef;
import dev.perbench.data.model.Sample;
import dev.perbench.data.model.VisualPrompt;
import dev.perbench.harness.model.ModelInput;
import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.mask.RleCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;

/**
 * The body of {@code POST /v1/predict}, written with Jackson's streaming generator (no tree: the
 * harness writes thousands of these a second):
 *
 * <pre>{@code
 * {"task": "vres", "sample_id": "vres:3", "prompt": "<image>\n... <Prompt0> ...",
 *  "image": {"png_base64": "iVBOR..."} | {"jpeg_base64": "/9j/..."} | {"path": "/data/a.jpg"},
 *  "image_size": [h, w],
 *  "visual_prompts": [{"slot": 0, "mask": {"size": [h, w], "counts": "..."}}],
 *  "options": {"key": "value"}}
 * }</pre>
 */
public final class PredictRequestJson {
  private static final JsonFactory JSON = new JsonFactory();

  private PredictRequestJson() {}

  /**
   * Writes the request for one input.
   *
   * @param sharedFs send the image's absolute path instead of its bytes
   * @param options passed through as {@code "options"}
   * @throws IOException when the image cannot be read
   * @throws IllegalArgumentException when the image is neither PNG nor JPEG
   */
  public static byte[] write(ModelInput input, boolean sharedFs, Map<String, String> options)
      throws IOException {
    Sample sample = input.sample();
    ImageRef image = sample.image();
    // Read (and check) the image before writing anything: a missing file is the common failure.
    byte[] bytes = sharedFs ? null : image.readBytes();
    String field = sharedFs ? "path" : format(bytes, image) + "_base64";

    ByteArrayOutputStream out =
        new ByteArrayOutputStream(512 + (bytes == null ? 0 : bytes.length * 4 / 3));
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("task", sample.task().id());
      g.writeStringField("sample_id", sample.id());
      g.writeStringField("prompt", input.prompt());
      g.writeObjectFieldStart("image");
      g.writeStringField(
          field,
          sharedFs
              ? image.file().toAbsolutePath().toString()
              : Base64.getEncoder().encodeToString(bytes));
      g.writeEndObject();
      g.writeArrayFieldStart("image_size");
      g.writeNumber(image.height());
      g.writeNumber(image.width());
      g.writeEndArray();
      g.writeArrayFieldStart("visual_prompts");
      for (VisualPrompt p : sample.visualPrompts()) {
        g.writeStartObject();
        g.writeNumberField("slot", p.slot());
        g.writeFieldName("mask");
        writeRle(g, p.mask());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("options");
      for (Map.Entry<String, String> e : options.entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /** Writes a mask as a compressed RLE object. */
  static void writeRle(JsonGenerator g, Mask mask) throws IOException {
    g.writeStartObject();
    g.writeArrayFieldStart("size");
    g.writeNumber(mask.height());
    g.writeNumber(mask.width());
    g.writeEndArray();
    g.writeStringField("counts", RleCodec.encode(mask));
    g.writeEndObject();
  }

  /** {@code png} or {@code jpeg}, from the file's signature (not its name, which may lie). */
  static String format(byte[] bytes, ImageRef image) {
    if (bytes.length >= 8
        && (bytes[0] & 0xff) == 0x89
        && bytes[1] == 'P'
        && bytes[2] == 'N'
        && bytes[3] == 'G') {
      return "png";
    }
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xff
        && (bytes[1] & 0xff) == 0xd8
        && (bytes[2] & 0xff) == 0xff) {
      return "jpeg";
    }
    throw new IllegalArgumentException(
        "image "
            + image.file()
            + " is neither PNG nor JPEG "
            + "(the protocol carries those two; use --shared-fs to send paths instead)");
  }
}
