package dev.perbench.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PorterStemmerTest {
  @Test
  @DisplayName("every (word, stem) pair in porter.json is NLTK's PorterStemmer().stem(word)")
  void allReferencePairs() {
    JsonNode stems = Reference.load("porter.json").get("stems");
    List<String> wrong = new ArrayList<>();
    for (JsonNode pair : stems) {
      String word = pair.get(0).asText();
      String expected = pair.get(1).asText();
      String actual = PorterStemmer.stem(word);
      if (!expected.equals(actual)) {
        wrong.add(word + " -> " + actual + " (NLTK: " + expected + ")");
      }
    }
    assertTrue(stems.size() > 4000, "porter.json holds " + stems.size() + " pairs");
    assertEquals(List.of(), wrong);
  }

  @Test
  @DisplayName("NLTK's extensions: irregular forms, short words, 4-letter 'ies'/'ied', 'y'")
  void nltkExtensions() {
    assertEquals("sky", PorterStemmer.stem("skies"));
    assertEquals("die", PorterStemmer.stem("dying"));
    assertEquals("die", PorterStemmer.stem("dies"));
    assertEquals("fli", PorterStemmer.stem("flies"));
    assertEquals("die", PorterStemmer.stem("died"));
    assertEquals("spi", PorterStemmer.stem("spied"));
    assertEquals("is", PorterStemmer.stem("is"));
    assertEquals("happi", PorterStemmer.stem("happy"));
    assertEquals("enjoy", PorterStemmer.stem("enjoy"));
    assertEquals("gener", PorterStemmer.stem("generalizations"));
  }

  @Test
  @DisplayName("NLTK's literal '*d' suffix quirk and code-point (not UTF-16) indexing are kept")
  void quirks() {
    assertEquals("ad", PorterStemmer.stem("a*ded"));
    assertEquals("a\uD83D\uDE00", PorterStemmer.stem("a\uD83D\uDE00\uD83D\uDE00ing"));
    assertEquals("sky", PorterStemmer.stem("SKIES"));
  }
}
