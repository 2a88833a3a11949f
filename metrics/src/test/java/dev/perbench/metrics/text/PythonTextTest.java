package dev.perbench.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class PythonTextTest {
  private static final JsonNode METEOR = Reference.load("meteor.json");

  @TestFactory
  @DisplayName("split() and lower() equal Python's str.split() and str.lower() on meteor.json")
  Stream<DynamicTest> splitAndLower() {
    return StreamSupport.stream(METEOR.get("tokenize").spliterator(), false)
        .map(
            c ->
                DynamicTest.dynamicTest(
                    "'" + printable(c.get("text").asText()) + "'",
                    () -> {
                      String text = c.get("text").asText();
                      assertEquals(Reference.strings(c.get("split")), PythonText.split(text));
                      assertEquals(c.get("lower").asText(), PythonText.lower(text));
                    }));
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .forEach(
            cp ->
                out.append(
                    cp < 0x20 || (cp > 0x7e && cp < 0xa1)
                        ? String.format("\\u%04x", cp)
                        : Character.toString(cp)));
    return out.toString();
  }

  @Test
  @DisplayName("isSpace holds for exactly the code points Python's str.isspace() accepts")
  void whitespaceTable() {
    List<Integer> expected = new ArrayList<>();
    METEOR.get("whitespace").forEach(n -> expected.add(n.intValue()));
    List<Integer> actual = new ArrayList<>();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (PythonText.isSpace(cp)) {
        actual.add(cp);
      }
    }
    assertEquals(new TreeSet<>(expected), new TreeSet<>(actual));
  }

  @Test
  @DisplayName("blank text has no tokens and a zero-width space is not a separator")
  void edges() {
    assertEquals(List.of(), PythonText.split(""));
    assertEquals(List.of(), PythonText.split(" \t\u3000\n"));
    assertEquals(List.of("a\u200bb", "c"), PythonText.split(" a\u200bb\u00a0c "));
  }
}
