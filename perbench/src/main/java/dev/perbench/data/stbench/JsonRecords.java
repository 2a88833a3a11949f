package dev.perbench.data.stbench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Streams the records of a file holding one JSON list of objects, one record in memory at a time.
 * Duplicate keys in an object are an error (Python would silently keep the last one).
 */
final class JsonRecords {
  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
              .build());

  /** Receives each record with its 0-based index. */
  interface RecordHandler {
    void record(int index, JsonNode record);
  }

  private JsonRecords() {}

  static void forEach(Path file, RecordHandler handler) {
    int index = 0;
    try (JsonParser parser = JSON.createParser(Files.newInputStream(file))) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new DataFormatException(file, "expected a JSON list of records");
      }
      for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
        if (t == null) {
          throw new DataFormatException(
              file, "the file ends inside the list, after record " + (index - 1));
        }
        JsonNode record = JSON.readTree(parser);
        if (!record.isObject()) {
          throw new DataFormatException(file, "record " + index + " is not a JSON object");
        }
        handler.record(index++, record);
      }
      if (parser.nextToken() != null) {
        throw new DataFormatException(file, "unexpected content after the list of records");
      }
      if (index == 0) {
        // An empty task would silently drop out of the benchmark and of its overall score.
        throw new DataFormatException(
            file, "the list of records is empty; a PerBench task file holds its task's records");
      }
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, "file not found");
    } catch (JsonProcessingException e) {
      throw new DataFormatException(
          file,
          "malformed JSON near record "
              + index
              + " (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + "): "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new DataFormatException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  /** A required string field. */
  static String text(JsonNode record, String field, Path file, String where) {
    JsonNode value = record.get(field);
    if (value == null || !value.isTextual()) {
      throw new DataFormatException(file, where + ": \"" + field + "\" must be a string");
    }
    return value.asText();
  }

  /** A required field of the given JSON kind ("list" or "object"). */
  static JsonNode child(JsonNode record, String field, boolean list, Path file, String where) {
    JsonNode value = record.get(field);
    if (value == null || (list ? !value.isArray() : !value.isObject())) {
      throw new DataFormatException(
          file, where + ": \"" + field + "\" must be a JSON " + (list ? "list" : "object"));
    }
    return value;
  }
}
