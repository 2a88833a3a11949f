package dev.perbench.harness.pairs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.data.coco.SegmentationJson;
import dev.perbench.errors.InputException;
import dev.perbench.metrics.mask.Mask;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS = Set.of("id", "size", "gt", "pred");

  private final Path file;
  private final BufferedReader in;
  private final Map<String, Integer> seen = new HashMap<>();
  private int lineNumber;

  private MaskPairsReader(Path file, BufferedReader in) {
    this.file = file;
    this.in = in;
  }

  public static MaskPairsReader open(Path file) {
    try {
      return new MaskPairsReader(file, Files.newBufferedReader(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such file");
    } catch (IOException e) {
      throw new InputException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** The next pair, or null at the end of the file. Blank lines are skipped. */
  public MaskPair next() {
    String text;
    do {
      try {
        text = in.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(file + ": read failed after line " + lineNumber, e);
      }
      if (text == null) {
        return null;
      }
      lineNumber++;
    } while (text.isBlank());
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new InputException(file + ":" + lineNumber + ": " + e.getMessage(), e);
    }
  }

  private MaskPair parse(String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
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
    Integer first = seen.putIfAbsent(id.asText(), lineNumber);
    if (first != null) {
      throw new IllegalArgumentException(
          "duplicate id \"" + id.asText() + "\" (first seen on line " + first + ")");
    }
    int[] size = SegmentationJson.parseSize(node.get("size"), "\"size\"");
    return new MaskPair(
        id.asText(), lineNumber, segmentation(node, "gt", size), segmentation(node, "pred", size));
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
      return SegmentationJson.parse(value, size[0], size[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + field + "\": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
