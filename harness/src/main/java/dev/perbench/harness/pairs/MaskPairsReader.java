package dev.perbench.harness.pairs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.perbench.data.coco.SegmentationJson;
import dev.perbench.errors.InputException;
import dev.perbench.harness.io.JsonLines;
import dev.perbench.harness.json.RleJson;
import dev.perbench.harness.json.StrictJson;
import dev.perbench.metrics.mask.Mask;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Streams a pairs file: JSON Lines of {@code {"id", "size": [h, w], "gt": SEG|null, "pred":
 * SEG|null}}. Every problem is a {@link InputException} naming the file and line. Only the ids are
 * kept in memory (to refuse duplicates).
 */
public final class MaskPairsReader implements Closeable {
  private static final Set<String> FIELDS = Set.of("id", "size", "gt", "pred");

  private final Path file;
  private final JsonLines.Reader in;
  private final Map<String, Integer> seen = new HashMap<>();
  private int lineNumber;

  private MaskPairsReader(Path file, JsonLines.Reader in) {
    this.file = file;
    this.in = in;
  }

  /**
   * Opens a pairs file (CRLF line ends and a byte order mark are read as plain lines).
   *
   * @throws InputException when it is missing, a folder or unreadable
   */
  public static MaskPairsReader open(Path file) {
    return new MaskPairsReader(file, JsonLines.open(file));
  }

  /** The next pair, or null at the end of the file. Blank lines are skipped. */
  public MaskPair next() {
    JsonLines.Line line;
    do {
      line = in.next();
      if (line == null) {
        return null;
      }
      lineNumber = (int) line.number();
    } while (line.blank());
    try {
      if (line.text() == null) {
        throw new IllegalArgumentException("not UTF-8 text (save the file as UTF-8)");
      }
      return parse(line.text());
    } catch (IllegalArgumentException e) {
      throw new InputException(file + ":" + lineNumber + ": " + e.getMessage(), e);
    }
  }

  private MaskPair parse(String text) {
    JsonNode node = header(text);
    String id = node.get("id").asText();
    Integer first = seen.putIfAbsent(id, lineNumber);
    if (first != null) {
      throw duplicateId(id, first);
    }
    return body(node, id, lineNumber);
  }

  /**
   * The checks of a line that come before its id is looked up among the ids seen: JSON syntax, an
   * object, known fields only, a string id. Split from {@link #body} so that the parallel path
   * ({@link PairScorer}) reports the same first problem of a line as this reader.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  static JsonNode header(String text) {
    JsonNode node;
    try {
      // Strict: a duplicate key or a second value on the line is an error, not ignored.
      node = StrictJson.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(StrictJson.describe(e));
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(
          "expected a JSON object {\"id\", \"size\", \"gt\", \"pred\"}");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown field \"" + name + "\" (expected id, size, gt, pred)");
      }
    }
    JsonNode id = node.get("id");
    if (id == null || !id.isTextual()) {
      throw new IllegalArgumentException("\"id\" must be a string");
    }
    return node;
  }

  static IllegalArgumentException duplicateId(String id, int firstLine) {
    return new IllegalArgumentException(
        "duplicate id \"" + id + "\" (first seen on line " + firstLine + ")");
  }

  /** The checks after the id: size, gt, pred; the masks. */
  static MaskPair body(JsonNode node, String id, int line) {
    int[] size = SegmentationJson.parseSize(node.get("size"), "\"size\"");
    return new MaskPair(id, line, segmentation(node, "gt", size), segmentation(node, "pred", size));
  }

  private static Mask segmentation(JsonNode node, String field, int[] size) {
    JsonNode value = node.get(field);
    if (value == null) {
      throw new IllegalArgumentException(
          "missing \""
              + field
              + "\" (write null for "
              + (field.equals("gt") ? "no target" : "no prediction")
              + ")");
    }
    if (value.isNull()) {
      return null;
    }
    try {
      String unknown = value.isObject() ? RleJson.unknownField(value) : null;
      if (unknown != null) {
        throw new IllegalArgumentException(
            "unknown field \"" + unknown + "\" in an RLE object (it has size and counts)");
      }
      return SegmentationJson.parse(value, size[0], size[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + field + "\": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    in.close();
  }
}
