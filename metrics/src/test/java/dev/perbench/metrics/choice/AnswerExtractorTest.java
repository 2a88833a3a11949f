package dev.perbench.metrics.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class AnswerExtractorTest {
  private static final Map<String, String> OPTIONS =
      Map.of("A", "red car", "B", "blue bicycle", "C", "a dog", "D", "the tree");

  @TestFactory
  @DisplayName("the hand-labelled outputs in choice.json are extracted as labelled")
  Stream<DynamicTest> referenceCases() throws IOException {
    JsonNode cases = load("choice.json").get("extraction");
    assertTrue(cases.size() >= 30);
    return StreamSupport.stream(cases.spliterator(), false)
        .map(
            c ->
                DynamicTest.dynamicTest(
                    "'" + c.get("output").asText() + "' -> " + c.get("expected").asText(),
                    () -> {
                      Optional<String> got =
                          AnswerExtractor.extract(
                              c.get("output").asText(), options(c.get("options")));
                      assertEquals(c.get("expected").asText(), got.orElse("UNPARSED"));
                    }));
  }

  @Test
  @DisplayName("a null output is unparsed, not an error")
  void nullOutput() {
    assertEquals(Optional.empty(), AnswerExtractor.extract(null, OPTIONS));
  }

  @Test
  @DisplayName("no options means nothing can be chosen")
  void noOptions() {
    assertEquals(Optional.empty(), AnswerExtractor.extract("A", Map.of()));
  }

  @Test
  @DisplayName("option keys must be single upper-case letters")
  void badOptionKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> AnswerExtractor.extract("A", Map.of("a", "x")));
    assertTrue(e.getMessage().contains("'a'"));
  }

  @Test
  @DisplayName("an explicit letter wins over option text that names another option")
  void letterBeatsText() {
    assertEquals(Optional.of("B"), AnswerExtractor.extract("B) the red car", OPTIONS));
  }

  static Map<String, String> options(JsonNode node) {
    Map<String, String> options = new LinkedHashMap<>();
    node.properties().forEach(e -> options.put(e.getKey(), e.getValue().asText()));
    return options;
  }

  static JsonNode load(String name) throws IOException {
    try (InputStream in = AnswerExtractorTest.class.getResourceAsStream("/reference/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource reference/" + name);
      }
      return new ObjectMapper().readTree(in);
    }
  }
}
