package dev.perbench.harness.submissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.harness.testing.Mini;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SubmissionValidator} on small folders of reported entries written by the test. */
class SubmissionValidatorTest {
  static final String REFCOCO_VAL =
      "{\"benchmark\": \"refcoco:val\", \"profile\": \"reported\", \"tasks\": {\"res\":"
          + " {\"convention\": \"cIoU as reported in Table 1\", \"ciou\": 0.804}}}\n";

  @TempDir Path folder;

  @BeforeEach
  void readme() throws IOException {
    Files.writeString(folder.resolve("README.md"), "# entries\n");
  }

  static String card(String name, String size) {
    return "{\"name\": \""
        + name
        + "\", \"organisation\": null, \"size\": "
        + (size == null ? "null" : "\"" + size + "\"")
        + ", \"link\": \"https://example.org/model\", \"kind\": \"reported\", \"source\":"
        + " \"A paper, Table 1\", \"date\": \"2025-04\"}\n";
  }

  /** An entry with a card and reported refcoco:val results in the folder {@code results}. */
  Path entry(String id, String name, String size, String results) throws IOException {
    Path entry = Files.createDirectories(folder.resolve(id));
    Files.writeString(entry.resolve("model.json"), card(name, size));
    Path r = Files.createDirectories(entry.resolve("results").resolve(results));
    Files.writeString(r.resolve("metrics.json"), REFCOCO_VAL);
    return entry;
  }

  SubmissionValidator.Report validate() {
    return Submissions.validate(folder, Mini.roots());
  }

  static String only(SubmissionValidator.Report r) {
    assertEquals(1, r.problems().size(), String.join("\n", r.problems()));
    return r.problems().get(0);
  }

  static void assertMentions(String problem, String... parts) {
    for (String p : parts) {
      assertTrue(problem.contains(p), problem + " should mention " + p);
    }
  }

  @Test
  void aFolderOfDistinctValidEntriesIsValid() throws IOException {
    entry("model-a", "Model A", "3B", "refcoco_val");
    entry("model-b", "Model B", "3B", "refcoco_val");
    // the same name in another size is another model
    entry("model-a-7b", "Model A", "7B", "refcoco_val");
    SubmissionValidator.Report r = validate();
    assertEquals(List.of(), r.problems());
    assertTrue(r.valid());
    assertEquals(3, r.entries());
    assertEquals(Map.of("reported", 3), r.kinds());
    assertEquals(3, r.results());
    assertEquals(0, r.predictionsChecked());
    assertTrue(Submissions.summary(r).contains("3 entries"), Submissions.summary(r));
  }

  @Test
  void aResultsFolderInTheWrongCaseIsNoBenchmarkButSuggestsTheRightOne() throws IOException {
    Path e = entry("model-a", "Model A", "3B", "RefCOCO_val");
    String p = only(validate());
    assertMentions(p, e.resolve("results").resolve("RefCOCO_val").toString());
    assertMentions(p, "did you mean \"refcoco_val\"");
  }

  @Test
  void aResultsFolderNamedWithTheColonSuggestsTheUnderscore() throws IOException {
    entry("model-a", "Model A", "3B", "refcoco:val");
    assertMentions(only(validate()), "did you mean \"refcoco_val\"");
  }

  @Test
  void anUnknownBenchmarkWithoutACloseNameGetsNoSuggestion() throws IOException {
    entry("model-a", "Model A", "3B", "imagenet");
    String p = only(validate());
    assertMentions(p, "\"imagenet\"", "refcoco_val");
    assertFalse(p.contains("did you mean"), p);
  }

  @Test
  void twoEntriesOfTheSameNameSizeAndKindAreDuplicatesWhateverTheCase() throws IOException {
    Path a = entry("model-a", "Same Model", "3B", "refcoco_val");
    Path b = entry("model-b", "same model", "3B", "refcoco_val");
    String p = only(validate());
    assertMentions(
        p, "duplicate", b.resolve("model.json").toString(), a.resolve("model.json").toString());
  }

  @Test
  void anEntryIdThatIsNotLowercaseIsAProblem() throws IOException {
    Path e = entry("Model_A", "Model A", "3B", "refcoco_val");
    assertMentions(only(validate()), e.toString(), "\"Model_A\"");
  }

  @Test
  void entryIdsThatDifferOnlyInCaseCollide() throws IOException {
    entry("model-a", "Model A", "3B", "refcoco_val");
    entry("Model-A", "Model B", "3B", "refcoco_val");
    SubmissionValidator.Report r = validate();
    assertEquals(2, r.problems().size(), String.join("\n", r.problems()));
    assertTrue(
        r.problems().stream()
            .anyMatch(
                p ->
                    p.contains("\"model-a\"")
                        && p.contains(folder.resolve("model-a").toString())
                        && p.contains(folder.resolve("Model-A").toString())),
        String.join("\n", r.problems()));
  }

  @Test
  void anEntryWithoutACardOrResultsIsAProblemNamingWhatIsMissing() throws IOException {
    Path e = Files.createDirectories(folder.resolve("bare"));
    SubmissionValidator.Report r = validate();
    assertEquals(2, r.problems().size(), String.join("\n", r.problems()));
    assertMentions(r.problems().get(0), e.resolve("model.json").toString());
    assertMentions(r.problems().get(1), e.resolve("results").toString());
  }

  @Test
  void aStrayFileAtTheTopIsAProblemButTheReadmeIsNot() throws IOException {
    entry("model-a", "Model A", "3B", "refcoco_val");
    Files.writeString(folder.resolve("notes.txt"), "x");
    assertMentions(only(validate()), folder.resolve("notes.txt").toString());
  }

  @Test
  void aBrokenCardNamesTheField() throws IOException {
    Path e = entry("model-a", "Model A", "3 billion", "refcoco_val");
    assertMentions(only(validate()), e.resolve("model.json").toString(), "\"size\"");
  }
}
