package dev.perbench.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A one-off check, opt-in: the synonym set of every WordNet lemma, exception form and several
 * inflections of each (about 850,000 words), as written by {@code gen_meteor.py --exhaustive FILE}.
 *
 * <p>It carries the JUnit tag {@code opt-in}, which the build leaves out (surefire's {@code
 * excludedGroups}, property {@code excludedGroups} in the root pom), so that normal builds neither
 * run it nor report it as skipped. Run it with the tag let in and the file named:
 *
 * <pre>
 * mvn -pl metrics test -Dtest=WordNetExhaustiveTest -DexcludedGroups=none -Dmeteor.exhaustive=FILE
 * </pre>
 */
@Tag("opt-in")
@EnabledIfSystemProperty(named = "meteor.exhaustive", matches = ".+")
class WordNetExhaustiveTest {
  @Test
  @DisplayName("every word of the exhaustive file has NLTK's synonym set (NLTK 3.9+)")
  void everyWord() throws IOException {
    ObjectMapper json = new ObjectMapper();
    WordNetSynonyms synonyms = WordNetSynonyms.of(NltkVersion.NLTK_3_9);
    List<String> wrong = new ArrayList<>();
    int n = 0;
    try (BufferedReader in =
        Files.newBufferedReader(
            Path.of(System.getProperty("meteor.exhaustive")), StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode row = json.readTree(line);
        String word = row.get(0).asText();
        List<String> expected = Reference.strings(row.get(1));
        List<String> actual = new ArrayList<>(new TreeSet<>(synonyms.of(word)));
        if (!expected.equals(actual) && wrong.size() < 20) {
          wrong.add(word + ": " + actual + " (NLTK: " + expected + ")");
        }
        n++;
      }
    }
    System.out.println("WordNetExhaustiveTest: " + n + " words checked");
    assertEquals(List.of(), wrong);
  }
}
