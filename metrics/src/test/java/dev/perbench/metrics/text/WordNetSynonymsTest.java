package dev.perbench.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WordNetSynonymsTest {
  private static final WordNetSynonyms V39 = WordNetSynonyms.of(NltkVersion.NLTK_3_9);
  private static final WordNetSynonyms V38 = WordNetSynonyms.of(NltkVersion.NLTK_3_8);

  @Test
  @DisplayName("every word of wordnet_synonyms.json has NLTK's synonym set, under 3.9+ and 3.8.1")
  void allReferenceWords() {
    JsonNode words = Reference.load("wordnet_synonyms.json").get("words");
    List<String> wrong = new ArrayList<>();
    int differing = 0;
    for (JsonNode row : words) {
      String word = row.get("word").asText();
      List<String> expected = Reference.strings(row.get("synonyms"));
      List<String> expected38 =
          row.has("synonyms_3_8") ? Reference.strings(row.get("synonyms_3_8")) : expected;
      differing += row.has("synonyms_3_8") ? 1 : 0;
      if (!expected.equals(sorted(V39.of(word)))) {
        wrong.add("3.9 " + word + ": " + sorted(V39.of(word)) + " (NLTK: " + expected + ")");
      }
      if (!expected38.equals(sorted(V38.of(word)))) {
        wrong.add("3.8 " + word + ": " + sorted(V38.of(word)) + " (NLTK: " + expected38 + ")");
      }
    }
    assertTrue(words.size() > 5000 && differing > 100, words.size() + " words, " + differing);
    assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())));
  }

  @Test
  @DisplayName("names keep WordNet's case, lose adjective markers; multi-word names are left out")
  void names() {
    assertTrue(V39.of("labrador").contains("Labrador"));
    assertTrue(V39.of("galore").contains("galore")); // data.adj writes "galore(ip)"
    assertTrue(V39.of("big").contains("large"));
    assertFalse(V39.of("dog").contains("domestic_dog"));
    assertTrue(V39.of("DOGS").contains("hound"));
    assertEquals(Set.of(), V39.of("catss"));
    assertTrue(V38.of("catss").contains("cat"));
    assertEquals(Set.of(), V39.of(""));
  }

  @Test
  @DisplayName("a data-file name's syntactic marker is removed as NLTK's regular expression does")
  void markers() {
    assertEquals("galore", WordNet.withoutMarker("galore(ip)"));
    assertEquals("elect", WordNet.withoutMarker("elect(p)"));
    assertEquals("plain", WordNet.withoutMarker("plain"));
    assertEquals("a)", WordNet.withoutMarker("a)"));
    assertEquals("x(", WordNet.withoutMarker("x("));
    assertEquals("", WordNet.withoutMarker("()"));
  }

  private static List<String> sorted(Set<String> set) {
    return new ArrayList<>(new TreeSet<>(set));
  }
}
