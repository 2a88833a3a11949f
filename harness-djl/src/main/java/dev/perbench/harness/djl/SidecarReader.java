package dev.perbench.harness.djl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.data.model.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks a {@code djl:} model's sidecar. Strict on purpose: an unknown field is more
 * likely a typo ({@code "input-size"}) than an extension, and a wrong number here turns into a
 * silently wrong resize later. Every message names the file and the field.
 */
final class SidecarReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FIELDS =
      List.of(
          "format",
          "name",
          "version",
          "tasks",
          "input_size",
          "mask_stride",
          "mask_channels",
          "prompt_channels",
          "max_tokens",
          "vocab",
          "caption",
          "details");

  private final Path file;

  private SidecarReader(Path file) {
    this.file = file;
  }

  /** Reads the sidecar of {@code modelFile}. */
  static DjlSidecar read(Path modelFile) throws DjlModelException {
    Path file = DjlSidecar.of(modelFile);
    if (!Files.isRegularFile(file)) {
      throw new DjlModelException(
          "djl:"
              + modelFile
              + ": sidecar "
              + file
              + " not found; a djl:"
              + " model needs one (input_size, mask_stride, vocab, ...: see docs/djl-models.md)");
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new DjlModelException(
          file
              + ": not valid JSON: "
              + e.getOriginalMessage()
              + " (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")",
          e);
    } catch (IOException e) {
      throw new DjlModelException(file + ": cannot be read: " + e.getMessage(), e);
    }
    try {
      return new SidecarReader(file).parse(root);
    } catch (IllegalArgumentException e) {
      throw new DjlModelException(file + ": " + e.getMessage(), e);
    }
  }

  private DjlSidecar parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("expected a JSON object with fields " + FIELDS);
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException("unknown field \"" + name + "\"; expected " + FIELDS);
      }
    }
    String format = text(root, "format");
    if (!format.equals(DjlSidecar.FORMAT)) {
      throw new IllegalArgumentException(
          "\"format\" is \"" + format + "\"; this harness reads \"" + DjlSidecar.FORMAT + "\"");
    }
    List<Task> tasks = tasks(root);
    JsonNode size = required(root, "input_size");
    if (!size.isArray() || size.size() != 2 || !positive(size.get(0)) || !positive(size.get(1))) {
      throw new IllegalArgumentException(
          "\"input_size\" must be [H, W], two positive integers; got " + size);
    }
    int h = size.get(0).intValue();
    int w = size.get(1).intValue();
    int stride = positiveInt(root, "mask_stride");
    if (h % stride != 0 || w % stride != 0) {
      throw new IllegalArgumentException(
          "\"mask_stride\" " + stride + " does not divide \"input_size\" " + h + "x" + w);
    }
    List<String> vocab = vocab(root);
    CaptionTemplate caption = caption(root.get("caption"));
    if (caption == null && tasks.contains(Task.CAPTION)) {
      throw new IllegalArgumentException(
          "\"tasks\" has caption but there is no \"caption\" template");
    }
    return new DjlSidecar(
        file,
        format,
        text(root, "name"),
        text(root, "version"),
        tasks,
        h,
        w,
        stride,
        positiveInt(root, "mask_channels"),
        positiveInt(root, "prompt_channels"),
        positiveInt(root, "max_tokens"),
        vocab,
        caption,
        details(root.get("details")));
  }

  private static JsonNode required(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing \"" + field + "\"");
    }
    return v;
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = required(o, field);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException("\"" + field + "\" must be a non-empty string; got " + v);
    }
    return v.asText();
  }

  private static boolean positive(JsonNode v) {
    return v != null && v.canConvertToInt() && v.isIntegralNumber() && v.intValue() > 0;
  }

  private static int positiveInt(JsonNode o, String field) {
    JsonNode v = required(o, field);
    if (!positive(v)) {
      throw new IllegalArgumentException("\"" + field + "\" must be a positive integer; got " + v);
    }
    return v.intValue();
  }

  private static List<Task> tasks(JsonNode root) {
    JsonNode v = required(root, "tasks");
    if (!v.isArray() || v.isEmpty()) {
      throw new IllegalArgumentException(
          "\"tasks\" must be a non-empty list of task ids"
              + " (caption, mcq, vres, res); got "
              + v);
    }
    List<Task> tasks = new ArrayList<>();
    for (JsonNode t : v) {
      if (!t.isTextual()) {
        throw new IllegalArgumentException("\"tasks\": " + t + " is not a string");
      }
      Task task = Task.fromId(t.asText());
      if (tasks.contains(task)) {
        throw new IllegalArgumentException("\"tasks\": " + t + " repeats");
      }
      tasks.add(task);
    }
    return tasks;
  }

  private static List<String> vocab(JsonNode root) {
    JsonNode v = required(root, "vocab");
    if (!v.isArray()
        || v.size() < 2
        || !"<pad>".equals(v.get(0).asText())
        || !"<unk>".equals(v.get(1).asText())) {
      throw new IllegalArgumentException(
          "\"vocab\" must be a list of words starting with"
              + " \"<pad>\" (id 0) and \"<unk>\" (id 1)");
    }
    List<String> words = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode word : v) {
      if (!word.isTextual() || !seen.add(word.asText())) {
        throw new IllegalArgumentException(
            "\"vocab\"["
                + words.size()
                + "]: "
                + word
                + " is not a string or repeats an earlier entry");
      }
      words.add(word.asText());
    }
    return words;
  }

  private static CaptionTemplate caption(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject() || !v.path("template").isTextual() || !v.path("fields").isArray()) {
      throw new IllegalArgumentException(
          "\"caption\" must be {\"template\": str, \"fields\":"
              + " [{\"name\": str, \"values\": [str, ...]}, ...]}");
    }
    List<CaptionTemplate.Field> fields = new ArrayList<>();
    for (JsonNode f : v.get("fields")) {
      if (!f.path("name").isTextual() || !f.path("values").isArray()) {
        throw new IllegalArgumentException(
            "\"caption\".\"fields\"["
                + fields.size()
                + "] must be {\"name\": str, \"values\": [str, ...]}");
      }
      List<String> values = new ArrayList<>();
      f.get("values").forEach(x -> values.add(x.asText()));
      fields.add(new CaptionTemplate.Field(f.get("name").asText(), values));
    }
    return new CaptionTemplate(v.get("template").asText(), fields);
  }

  private static Map<String, String> details(JsonNode v) {
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isObject()) {
      throw new IllegalArgumentException("\"details\" must be an object");
    }
    v.properties()
        .forEach(
            e ->
                out.put(
                    e.getKey(),
                    e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
    return out;
  }
}
