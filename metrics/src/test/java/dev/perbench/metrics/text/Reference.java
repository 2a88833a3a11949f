package dev.perbench.metrics.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Loads the NLTK vectors in src/test/resources/reference (written by gen_meteor.py). */
final class Reference {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Reference() {}

  static JsonNode load(String file) {
    try (InputStream in = Reference.class.getResourceAsStream("/reference/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource reference/" + file);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
