package dev.perbench.harness.submissions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perbench.errors.InputException;
import dev.perbench.harness.model.Model;
import dev.perbench.harness.model.ModelOptions;
import dev.perbench.harness.model.ModelProviders;
import dev.perbench.harness.run.RunConfig;
import dev.perbench.harness.run.RunDirectory;
import dev.perbench.harness.run.RunManifest;
import dev.perbench.harness.run.Runs;
import dev.perbench.harness.run.Shard;
import dev.perbench.harness.score.EvalProfile;
import dev.perbench.harness.testing.Mini;
import dev.perbench.harness.testing.TestModels;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Submissions#add} of runs of the built-in baselines over perbench-mini. */
class SubmissionsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CARD = SubmissionValidator.MODEL_CARD;

  @TempDir static Path runs;
  static Path oracle;
  static Path empty;
  static Path limited;
  static Path sharded;
  static Path unfinished;

  @TempDir Path tmp;
  Path folder;

  static RunConfig config(String model, Shard shard, Integer limit) {
    return new RunConfig(
        Mini.ID, model, EvalProfile.STANDARD, shard, limit, "cpu", 2, 0, 0, 0, 100);
  }

  static Path run(String name, RunConfig c, Model model) throws Exception {
    Path dir = runs.resolve(name);
    Runs.run(
        c, Mini.split(), model, new RunDirectory(dir), runs, new PrintWriter(new StringWriter()));
    return dir;
  }

  static Model baseline(String name) throws Exception {
    return ModelProviders.open("baseline:" + name, ModelOptions.defaults(), Mini.split());
  }

  @BeforeAll
  static void runs() throws Exception {
    oracle = run("oracle", config("baseline:oracle", Shard.ALL, null), baseline("oracle"));
    empty = run("empty", config("baseline:empty", Shard.ALL, null), baseline("empty"));
    limited = run("limited", config("baseline:oracle", Shard.ALL, 5), baseline("oracle"));
    sharded =
        run("sharded", config("baseline:oracle", new Shard(0, 200), null), baseline("oracle"));
    unfinished = runs.resolve("unfinished");
    assertThrows(
        InterruptedException.class,
        () ->
            run(
                "unfinished",
                config("test:interrupting", Shard.ALL, null),
                new TestModels.Interrupting()));
  }

  @BeforeEach
  void folder() throws IOException {
    folder = Files.createDirectories(tmp.resolve("submissions"));
  }

  static Submissions.CardFields card(String name, String kind) {
    return new Submissions.CardFields(name, null, null, null, kind, null, null, null);
  }

  static final Submissions.CardFields NONE = card(null, "baseline");

  Path entry(String id) {
    return folder.resolve(id);
  }

  static void assertMentions(Exception e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), e.getMessage() + " should mention " + p);
    }
  }

  @Test
  void aFinishedRunBecomesANewEntryWithACardAndValidates() throws IOException {
    Path results =
        Submissions.add(folder, oracle, "oracle-again", card("Oracle again", "baseline"), false);
    assertEquals(entry("oracle-again").resolve("results").resolve("perbench-mini"), results);
    for (String f : List.of("metrics.json", "predictions.jsonl", "manifest.json")) {
      assertArrayEquals(
          Files.readAllBytes(oracle.resolve(f)), Files.readAllBytes(results.resolve(f)), f);
    }
    JsonNode card = JSON.readTree(entry("oracle-again").resolve(CARD).toFile());
    assertEquals("Oracle again", card.get("name").asText());
    assertEquals("baseline", card.get("kind").asText());
    assertTrue(card.get("organisation").isNull());
    RunManifest m = RunManifest.read(oracle.resolve("manifest.json"));
    // the defaults: the harness version and commit of the run, and the day it started
    assertEquals(
        "perbench harness " + m.harness().version() + ", commit " + m.harness().gitCommit(),
        card.get("source").asText());
    assertEquals(m.started().substring(0, 10), card.get("date").asText());

    SubmissionValidator.Report r = Submissions.validate(folder, Mini.roots());
    assertEquals(List.of(), r.problems());
    assertTrue(r.valid());
    assertEquals(1, r.entries());
    assertEquals(Map.of("baseline", 1), r.kinds());
    assertEquals(1, r.results());
    assertEquals(1, r.predictionsChecked(), "the predictions were re-scored");
  }

  @Test
  void aNewEntryNeedsANameAndNothingIsWrittenWithoutOne() {
    InputException e =
        assertThrows(
            InputException.class, () -> Submissions.add(folder, oracle, "nameless", NONE, false));
    assertMentions(e, "name");
    assertFalse(Files.exists(entry("nameless")));
  }

  @Test
  void theReportedKindIsForPapersNotRuns() {
    InputException e =
        assertThrows(
            InputException.class,
            () -> Submissions.add(folder, oracle, "paper", card("Paper", "reported"), false));
    assertMentions(e, "reported");
    assertFalse(Files.exists(entry("paper")));
  }

  @Test
  void anInvalidCardIsRefusedNamingTheFieldAndNothingIsWritten() {
    Submissions.CardFields badSize =
        new Submissions.CardFields("Model", null, "3 billion", null, "baseline", null, null, null);
    InputException e =
        assertThrows(
            InputException.class, () -> Submissions.add(folder, oracle, "bad", badSize, false));
    assertMentions(e, "size", "3 billion");
    assertFalse(Files.exists(entry("bad")));
  }

  @Test
  void cardOptionsAreRefusedForAnExistingEntry() throws IOException {
    Submissions.add(folder, oracle, "oracle-again", card("Oracle again", "baseline"), false);
    byte[] before = Files.readAllBytes(entry("oracle-again").resolve(CARD));
    for (Submissions.CardFields c :
        List.of(
            card("Other name", "baseline"),
            new Submissions.CardFields(null, "Org", null, null, "baseline", null, null, null),
            new Submissions.CardFields(null, null, null, null, "baseline", null, null, "n"))) {
      InputException e =
          assertThrows(
              InputException.class, () -> Submissions.add(folder, empty, "oracle-again", c, true));
      assertMentions(e, CARD);
    }
    assertArrayEquals(before, Files.readAllBytes(entry("oracle-again").resolve(CARD)));
  }

  @Test
  void existingResultsAreReplacedOnlyWhenAskedTo() throws IOException {
    Path results =
        Submissions.add(folder, oracle, "entry", card("Changing model", "submitted"), false);
    byte[] oracleMetrics = Files.readAllBytes(results.resolve("metrics.json"));
    InputException e =
        assertThrows(
            InputException.class, () -> Submissions.add(folder, empty, "entry", NONE, false));
    assertMentions(e, "replace", results.toString());
    assertArrayEquals(oracleMetrics, Files.readAllBytes(results.resolve("metrics.json")));

    assertEquals(results, Submissions.add(folder, empty, "entry", NONE, true));
    byte[] emptyMetrics = Files.readAllBytes(empty.resolve("metrics.json"));
    assertArrayEquals(emptyMetrics, Files.readAllBytes(results.resolve("metrics.json")));
    assertNotEquals(new String(oracleMetrics), new String(emptyMetrics));
    assertEquals(
        "Changing model",
        JSON.readTree(entry("entry").resolve(CARD).toFile()).get("name").asText(),
        "the card is kept");
    assertTrue(Submissions.validate(folder, Mini.roots()).valid());
  }

  @Test
  void onlyAFinishedUnlimitedUnshardedRunCanBeAdded() {
    Object[][] cases = {
      {unfinished, "finish"}, {limited, "limit"}, {sharded, "shard"},
    };
    for (Object[] c : cases) {
      Path run = (Path) c[0];
      InputException e =
          assertThrows(
              InputException.class,
              () -> Submissions.add(folder, run, "entry", card("Model", "baseline"), false));
      assertMentions(e, run.resolve("manifest.json").toString(), (String) c[1]);
    }
    assertFalse(Files.exists(entry("entry")));
  }

  @Test
  void aFolderThatIsNoRunIsRefused() throws IOException {
    Path notARun = Files.createDirectories(tmp.resolve("not-a-run"));
    InputException e =
        assertThrows(
            InputException.class,
            () -> Submissions.add(folder, notARun, "entry", card("Model", "baseline"), false));
    assertMentions(e, "manifest.json");
  }

  @Test
  void anEntryIdMustBeLowercaseLettersDigitsDotsDashesAndUnderscores() throws IOException {
    for (String bad : List.of("Oracle", "-oracle", "my entry", "a/b", "")) {
      InputException e =
          assertThrows(
              InputException.class,
              () -> Submissions.add(folder, oracle, bad, card("Model", "baseline"), false));
      assertMentions(e, "\"" + bad + "\"");
    }
    try (var entries = Files.list(folder)) {
      assertEquals(0, entries.count());
    }
  }

  @Test
  void metricsThatTheirPredictionsDoNotGiveAreAProblemNamingTheField() throws IOException {
    Path results =
        Submissions.add(folder, oracle, "tampered", card("Tampered", "submitted"), false);
    Path metrics = results.resolve("metrics.json");
    ObjectNode tree = (ObjectNode) JSON.readTree(metrics.toFile());
    // a value and interval that pass the schema checks, but that the predictions do not give
    ObjectNode res = (ObjectNode) tree.get("tasks").get("res");
    res.put("ciou", 0.9);
    ((ObjectNode) res.get("ci")).putArray("ciou").add(0.85).add(0.95);
    Files.writeString(metrics, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
    SubmissionValidator.Report r = Submissions.validate(folder, Mini.roots());
    assertEquals(1, r.problems().size(), r.problems().toString());
    assertMentions(
        new Exception(r.problems().get(0)),
        metrics.toString(),
        "predictions.jsonl",
        "tasks.res.ciou");
  }

  /** The oracle, but the first {@code failures} samples of the benchmark fail. */
  static Model failingFirst(int failures) throws Exception {
    Model oracle = baseline("oracle");
    java.util.Set<String> failing = new java.util.HashSet<>();
    Mini.split().samples().subList(0, failures).forEach(x -> failing.add(x.id()));
    return new Model() {
      @Override
      public dev.perbench.harness.model.ModelInfo info()
          throws dev.perbench.harness.model.ModelException, InterruptedException {
        return oracle.info();
      }

      @Override
      public java.util.List<dev.perbench.harness.model.Prediction> predict(
          java.util.List<dev.perbench.harness.model.ModelInput> batch)
          throws dev.perbench.harness.model.ModelException, InterruptedException {
        return oracle.predict(batch).stream()
            .map(
                p ->
                    failing.contains(p.sampleId())
                        ? dev.perbench.harness.model.Prediction.failed(p.sampleId(), "boom")
                        : p)
            .toList();
      }
    };
  }

  @Test
  void aRunWithMoreFailuresThanTheToleranceIsRefusedAndOneWithinItIsShown() throws Exception {
    // Hardening defect 10: a run in which every sample failed became an entry.
    int n = Mini.split().samples().size(); // 1,186: 1% allows 11
    Path many = run("many-failed", config("test:failing", Shard.ALL, null), failingFirst(12));
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                Submissions.add(folder, many, "failing-many", card("Failing", "submitted"), false));
    assertMentions(e, "12 of 1,186 samples failed (1.0%); a leaderboard entry allows at most 1%");
    assertFalse(Files.exists(entry("failing-many")));

    Path few = run("few-failed", config("test:failing-few", Shard.ALL, null), failingFirst(11));
    Submissions.add(folder, few, "failing-few", card("Failing few", "submitted"), false);
    SubmissionValidator.Report r = Submissions.validate(folder, Mini.roots());
    assertEquals(java.util.List.of(), r.problems());
    // A result with too many failures put in by hand is refused by the validator too.
    Files.copy(
        new RunDirectory(many).metricsJson(),
        entry("failing-few").resolve("results/perbench-mini/metrics.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.delete(entry("failing-few").resolve("results/perbench-mini/predictions.jsonl"));
    Files.delete(entry("failing-few").resolve("results/perbench-mini/manifest.json"));
    assertTrue(
        Submissions.validate(folder, Mini.roots()).problems().stream()
            .anyMatch(x -> x.contains("\"failed\": 12 of 1,186 samples failed (1.0%)")));
    assertTrue(
        r.notes().stream().anyMatch(x -> x.contains("11 of " + n + " samples failed")),
        r.notes().toString());
  }

  @Test
  void anAdditionThatWouldMakeTheFolderInvalidIsTakenOutAgain() throws Exception {
    // Hardening (bad-input suite): submissions add left a new entry in a folder it then refused.
    Submissions.add(folder, oracle, "oracle-one", card("Oracle", "baseline"), false, Mini.roots());
    byte[] before = Files.readAllBytes(entry("oracle-one").resolve(CARD));
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                Submissions.add(
                    folder, oracle, "oracle-two", card("Oracle", "baseline"), false, Mini.roots()));
    assertMentions(e, "nothing was added", "duplicate entry");
    assertFalse(Files.exists(entry("oracle-two")));
    assertArrayEquals(before, Files.readAllBytes(entry("oracle-one").resolve(CARD)));

    // A folder that is already invalid is refused before anything is replaced.
    Path results = entry("oracle-one").resolve("results/perbench-mini");
    byte[] metrics = Files.readAllBytes(results.resolve("metrics.json"));
    Files.writeString(folder.resolve("stray.txt"), "makes the folder invalid");
    assertMentions(
        assertThrows(
            InputException.class,
            () -> Submissions.add(folder, empty, "oracle-one", NONE, true, Mini.roots())),
        "problems before anything is added");
    Files.delete(folder.resolve("stray.txt"));
    assertArrayEquals(metrics, Files.readAllBytes(results.resolve("metrics.json")));
  }
}
