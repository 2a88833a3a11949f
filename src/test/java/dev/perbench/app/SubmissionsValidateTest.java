package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perbench.metrics.score.PerBenchScore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code perbench submissions validate} and {@code add}, and the committed submissions/ folder. */
class SubmissionsValidateTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Path SUBMISSIONS = Path.of("submissions");

  @TempDir Path tmp;

  // ---- the committed folder ----

  @Test
  void theCommittedFolderValidates() {
    CommandRun r = CommandRun.of("submissions", "validate", "--dir", SUBMISSIONS.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("4 baseline, 23 reported"), r.out());
    assertTrue(r.out().contains("prediction files checked: valid"), r.out());
    // The default folder is submissions/ of the checkout.
    assertEquals(0, CommandRun.of("submissions", "validate").exitCode());
  }

  @Test
  void theReportedEntriesReproduceTable3OverallFromTheirComponents() throws IOException {
    Map<String, Double> overall = new TreeMap<>();
    for (Path entry : entries(SUBMISSIONS)) {
      Path m = entry.resolve("results/perbench/metrics.json");
      if (!Files.exists(m)) {
        continue;
      }
      assertEquals("reported", read(entry.resolve("model.json")).get("kind").asText());
      JsonNode t = read(m).get("tasks");
      double computed =
          PerBenchScore.overall(
              100 * t.get("caption").get("meteor").asDouble(),
              t.get("mcq").get("accuracy").asDouble(),
              100 * t.get("vres").get("ciou").asDouble(),
              100 * t.get("vres").get("giou").asDouble());
      double printed = read(m).get("overall").asDouble();
      assertTrue(
          Math.abs(computed - printed) <= 0.05 + 1e-9,
          entry + ": " + computed + " vs the paper's " + printed);
      overall.put(entry.getFileName().toString(), printed);
    }
    assertEquals(
        Map.of(
            "lisa-7b-reported",
            0.0,
            "osprey-7b-reported",
            8.5,
            "glamm-7b-reported",
            15.3,
            "sa2va-4b-reported",
            39.0,
            "pixel-sail-0.5b-reported",
            38.4,
            "pixel-sail-3b-reported",
            42.2),
        overall);
  }

  @Test
  void reportedEntriesHoldEveryTableRow() throws IOException {
    int table1 = 0;
    int table2 = 0;
    for (Path entry : entries(SUBMISSIONS)) {
      JsonNode card = read(entry.resolve("model.json"));
      if (!card.get("kind").asText().equals("reported")) {
        continue;
      }
      assertTrue(
          card.get("source")
              .asText()
              .startsWith(
                  "Zhang et al., Pixel-SAIL: Single Transformer For Pixel-Grounded"
                      + " Understanding, arXiv 2504.10465, Table"),
          card.toString());
      if (Files.exists(entry.resolve("results/refcoco_val"))) {
        table1++;
      }
      if (Files.exists(entry.resolve("results/refcocog-regioncap_val"))) {
        table2++;
      }
    }
    assertEquals(19, table1);
    assertEquals(6, table2);
    JsonNode ps3ft =
        read(SUBMISSIONS.resolve("pixel-sail-3b-ft-reported/results/grefcoco_testB/metrics.json"));
    assertEquals(0.704, ps3ft.get("tasks").get("res").get("ciou").asDouble(), 1e-12);
    assertTrue(Files.exists(SUBMISSIONS.resolve("groundhog-7b-reported/results/grefcoco_val")));
    assertTrue(
        !Files.exists(SUBMISSIONS.resolve("groundhog-7b-reported/results/grefcoco_testA")),
        "a '-' cell is absent");
  }

  // model.schema.json against SubmissionCard, with a JSON Schema validator: ModelCardSchemaTest.

  // ---- each kind of error ----

  @Test
  void modelCardErrorsNameTheFileAndField() throws IOException {
    Path dir = copy();
    edit(
        dir.resolve("cris-reported/model.json"),
        c -> {
          c.put("kind", "paper");
          c.put("date", "2025-13-01");
          c.put("link", "not a url");
          c.put("size", "7 billion");
        });
    // A card of the wrong shape reports its first unknown, missing or mistyped field.
    edit(dir.resolve("lisa-7b-reported/model.json"), c -> c.put("licence", "MIT"));
    edit(dir.resolve("vlt-reported/model.json"), c -> c.remove("organisation"));
    edit(
        dir.resolve("lavt-reported/model.json"),
        c -> {
          c.put("date", "25/04/2025");
          c.put("link", "ftp://example.org/x");
          c.putNull("name");
        });
    Files.writeString(dir.resolve("rela-reported/model.json"), "{\"name\": \"ReLA\",");
    Files.delete(dir.resolve("f-llm-7b-reported/model.json"));
    String err = invalid(dir);
    contains(
        err,
        dir.resolve("cris-reported/model.json")
            + ": \"kind\": \"paper\" is not one of reported, reproduced, baseline, submitted");
    contains(
        err,
        dir.resolve("cris-reported/model.json") + ": \"date\": \"2025-13-01\" is not a real date");
    contains(
        err, dir.resolve("cris-reported/model.json") + ": \"link\": \"not a url\" is not a URL");
    contains(
        err,
        dir.resolve("cris-reported/model.json")
            + ": \"size\": \"7 billion\" is not a parameter count");
    contains(err, dir.resolve("lisa-7b-reported/model.json") + ": \"licence\": unknown field");
    contains(
        err, dir.resolve("vlt-reported/model.json") + ": \"organisation\": missing (required)");
    contains(
        err,
        dir.resolve("lavt-reported/model.json")
            + ": \"date\": \"25/04/2025\" is not an ISO 8601 date");
    contains(
        err,
        dir.resolve("lavt-reported/model.json")
            + ": \"link\": \"ftp://example.org/x\" is not an http(s) URL");
    contains(
        err, dir.resolve("lavt-reported/model.json") + ": \"name\": must be a string, not null");
    contains(err, dir.resolve("rela-reported/model.json") + ": not valid JSON: line 1");
    contains(
        err,
        dir.resolve("f-llm-7b-reported/model.json") + ": missing (every entry has a model card)");
    // Broken cards do not bury their (valid) results under problems that are not theirs.
    assertTrue(!err.contains("cris-reported/results"), err);
  }

  @Test
  void unknownBenchmarkFoldersAndStrayFilesAreErrors() throws IOException {
    Path dir = copy();
    Files.move(
        dir.resolve("vlt-reported/results/refcoco_testA"),
        dir.resolve("vlt-reported/results/refcoco_testa"));
    Files.move(
        dir.resolve("cris-reported/results/refcoco_val"),
        dir.resolve("cris-reported/results/refcoco-val"));
    Files.move(
        dir.resolve("lavt-reported/results/refcoco_val/metrics.json"),
        dir.resolve("lavt-reported/results/refcoco_val/metrics.jsn"));
    Files.writeString(dir.resolve("notes.txt"), "x");
    Files.writeString(dir.resolve("rela-reported/model.yaml"), "x");
    String err = invalid(dir);
    contains(
        err,
        dir.resolve("vlt-reported/results/refcoco_testa")
            + ": \"refcoco_testa\" is not a benchmark; did you mean \"refcoco_testA\"?");
    contains(
        err,
        dir.resolve("cris-reported/results/refcoco-val") + ": \"refcoco-val\" is not a benchmark");
    contains(
        err, dir.resolve("lavt-reported/results/refcoco_val/metrics.jsn") + ": unexpected file");
    contains(err, dir.resolve("lavt-reported/results/refcoco_val/metrics.json") + ": missing");
    contains(err, dir.resolve("notes.txt") + ": unexpected file");
    contains(err, dir.resolve("rela-reported/model.yaml") + ": unexpected file");
  }

  /**
   * One broken metrics.json: its file, the change, and the problem the validator must report,
   * naming the file and the field. A file's format (types, ranges, fields) is read strictly, so its
   * first format problem is reported; rules between fields and files are all reported.
   */
  record MetricsCase(String file, Consumer<ObjectNode> change, String problem) {
    @Override
    public String toString() {
      return file + " -> " + problem;
    }
  }

  static Stream<MetricsCase> brokenMetrics() {
    String ps3 = "pixel-sail-3b-reported/results/";
    String empty = "baseline-empty/results/perbench-mini/metrics.json";
    return Stream.of(
        new MetricsCase(
            ps3 + "perbench/metrics.json",
            m -> ((ObjectNode) m.get("tasks").get("vres")).put("ciou", 33.4),
            "\"tasks.vres.ciou\": 33.4 is outside [0, 1] (values are fractions: write 0.334 for"
                + " 33.4%)"),
        new MetricsCase(
            ps3 + "perbench/metrics.json",
            m -> ((ObjectNode) m.get("tasks").get("mcq")).put("accuracy", "0.74"),
            "\"tasks.mcq.accuracy\": must be a number"),
        new MetricsCase(
            ps3 + "perbench/metrics.json",
            m -> m.put("overall", 142.2),
            "\"overall\": 142.2 is not in [0, 100]"),
        new MetricsCase(
            ps3 + "refcoco_val/metrics.json",
            m -> m.put("benchmark", "refcoco:testA"),
            "\"benchmark\": \"refcoco:testA\" but the folder is for \"refcoco:val\""),
        new MetricsCase(
            ps3 + "refcoco_val/metrics.json",
            m ->
                ((ObjectNode) m.get("tasks"))
                    .putObject("mcq")
                    .put("convention", "x")
                    .put("accuracy", 0.5),
            "\"tasks.mcq\": refcoco:val has no mcq task (its tasks: res)"),
        new MetricsCase(
            ps3 + "refcoco_val/metrics.json",
            m -> ((ObjectNode) m.get("tasks")).putObject("detection").put("convention", "x"),
            "\"tasks.detection\": unknown field"),
        new MetricsCase(
            ps3 + "refcoco_val/metrics.json",
            m -> ((ObjectNode) m.get("tasks").get("res")).put("cIoU", 0.5),
            "\"tasks.res.cIoU\": unknown field"),
        new MetricsCase(
            ps3 + "refcoco_val/metrics.json",
            m -> ((ObjectNode) m.get("tasks").get("res")).remove("convention"),
            "\"tasks.res.convention\": missing"),
        new MetricsCase(
            ps3 + "refcoco_testA/metrics.json",
            m -> m.put("profile", "standard"),
            "\"metrics_version\": missing (required in harness results; numbers copied from a"
                + " paper have \"profile\": \"reported\")"),
        new MetricsCase(
            ps3 + "refcoco_testB/metrics.json",
            m -> m.put("overall", 50.0),
            "\"overall\": the PerBench overall score needs the caption, mcq and vres tasks"),
        new MetricsCase(
            "sa2va-4b-reported/results/perbench/metrics.json",
            m -> m.put("overall", 45.0),
            "\"overall\": 45.0 but its components give 39.0333"),
        new MetricsCase(
            empty,
            m -> {
              m.put("profile", "reported");
              m.remove(List.of("metrics_version", "n", "missing", "failed", "ci"));
            },
            "\"profile\": \"reported\" is only for entries of kind reported"),
        new MetricsCase(empty, m -> m.remove("ci"), "\"ci\": missing"),
        new MetricsCase(
            empty,
            m -> ((ObjectNode) m.get("tasks").get("res")).put("masks", -3),
            "\"tasks.res.masks\": -3 is less than 0"));
  }

  @ParameterizedTest
  @MethodSource("brokenMetrics")
  void metricsOutsideTheHarnessSchemaAreErrors(MetricsCase c) throws IOException {
    Path dir = copy();
    edit(dir.resolve(c.file()), c.change());
    contains(invalid(dir), dir.resolve(c.file()) + ": " + c.problem());
  }

  @Test
  void predictionsAreCheckedAndRescoredAgainstMetrics() throws IOException {
    Path dir = copy();
    // A count no range check can catch: only re-scoring the predictions shows it is wrong.
    edit(
        dir.resolve("baseline-oracle/results/perbench-mini/metrics.json"),
        m -> ((ObjectNode) m.get("tasks").get("mcq")).put("correct", 299));
    Path preds = dir.resolve("baseline-empty/results/perbench-mini/predictions.jsonl");
    Files.writeString(
        preds, Files.readString(preds) + "{\"sample_id\": \"no-such-sample\", \"text\": \"x\"}\n");
    edit(
        dir.resolve("baseline-full-image/results/perbench-mini/manifest.json"),
        m -> m.put("limit", 10));
    Path paperOnly = dir.resolve("baseline-random-choice/results/refcocog-regioncap_val");
    Files.createDirectories(paperOnly);
    Files.copy(
        dir.resolve("pixel-sail-3b-reported/results/refcocog-regioncap_val/metrics.json"),
        paperOnly.resolve("metrics.json"));
    String err = invalid(dir);
    contains(
        err,
        dir.resolve("baseline-oracle/results/perbench-mini/metrics.json")
            + ": does not match predictions.jsonl re-scored with profile standard:"
            + " tasks.mcq.correct is 299 in the file, 300 re-scored");
    contains(err, preds + ": 1 problem, the file is rejected:");
    contains(err, "unknown sample_id \"no-such-sample\"");
    contains(
        err,
        dir.resolve("baseline-full-image/results/perbench-mini/manifest.json")
            + ": \"limit\": 10; a run limited");
    contains(
        err,
        paperOnly
            + ": refcocog-regioncap:val is a paper-only benchmark (the harness cannot run it); only"
            + " reported entries may use it");
  }

  @Test
  void duplicateEntriesAreErrors() throws IOException {
    Path dir = copy();
    copyTree(dir.resolve("pixel-sail-3b-reported"), dir.resolve("pixel-sail-3b-again-reported"));
    copyTree(dir.resolve("baseline-oracle"), dir.resolve("Baseline-Oracle"));
    edit(dir.resolve("Baseline-Oracle/model.json"), c -> c.put("name", "another oracle"));
    String err = invalid(dir);
    contains(
        err,
        dir.resolve("pixel-sail-3b-reported/model.json")
            + ": duplicate entry: the same model as "
            + dir.resolve("pixel-sail-3b-again-reported/model.json")
            + " (name \"Pixel-SAIL\", size 3B, kind reported)");
    contains(
        err,
        dir
            + ": duplicate entry id \"baseline-oracle\" in different case: "
            + dir.resolve("Baseline-Oracle")
            + ", "
            + dir.resolve("baseline-oracle"));
    contains(
        err, dir.resolve("Baseline-Oracle") + ": entry id \"Baseline-Oracle\" is not lowercase");
  }

  @Test
  void everyProblemIsListedAtOnce() throws IOException {
    Path dir = copy();
    edit(dir.resolve("vlt-reported/model.json"), c -> c.put("kind", "x"));
    edit(dir.resolve("cris-reported/model.json"), c -> c.put("kind", "y"));
    edit(dir.resolve("lavt-reported/model.json"), c -> c.put("kind", "z"));
    String err = invalid(dir);
    assertTrue(err.contains(": 3 problems:"), err);
  }

  // ---- submissions add ----

  @Test
  void addTurnsARunIntoAnEntryThatValidates() throws IOException {
    Path dir = copy();
    Path run = tmp.resolve("run");
    assertEquals(
        0,
        CommandRun.of(
                "run",
                "--model",
                "baseline:oracle",
                "--bench",
                "perbench-mini",
                "--out",
                run.toString())
            .exitCode());
    CommandRun r =
        CommandRun.of(
            "submissions",
            "add",
            "--dir",
            dir.toString(),
            "--run",
            run.toString(),
            "--entry",
            "oracle-again-reproduced",
            "--name",
            "Oracle again",
            "--size",
            "1B");
    assertEquals(0, r.exitCode(), r.err());
    Path results = dir.resolve("oracle-again-reproduced/results/perbench-mini");
    for (String f : List.of("metrics.json", "predictions.jsonl", "manifest.json")) {
      assertEquals(Files.readString(run.resolve(f)), Files.readString(results.resolve(f)), f);
    }
    JsonNode card = read(dir.resolve("oracle-again-reproduced/model.json"));
    assertEquals("reproduced", card.get("kind").asText());
    assertTrue(card.get("source").asText().startsWith("perbench harness "), card.toString());
    assertTrue(r.out().contains("reproduced") && r.out().contains(": valid"), r.out());

    CommandRun again =
        CommandRun.of(
            "submissions",
            "add",
            "--dir",
            dir.toString(),
            "--run",
            run.toString(),
            "--entry",
            "oracle-again-reproduced");
    assertEquals(2, again.exitCode());
    assertTrue(again.err().contains("exists; add --replace"), again.err());

    Path limited = tmp.resolve("limited");
    assertEquals(
        0,
        CommandRun.of(
                "run",
                "--model",
                "baseline:oracle",
                "--bench",
                "perbench-mini",
                "--limit",
                "5",
                "--out",
                limited.toString())
            .exitCode());
    CommandRun refused =
        CommandRun.of(
            "submissions",
            "add",
            "--dir",
            dir.toString(),
            "--run",
            limited.toString(),
            "--entry",
            "limited-reproduced",
            "--name",
            "Limited");
    assertEquals(2, refused.exitCode());
    assertTrue(refused.err().contains("limited to 5 samples"), refused.err());
  }

  // ---- helpers ----

  private Path copy() {
    Path dir = tmp.resolve("submissions");
    copyTree(SUBMISSIONS, dir);
    return dir;
  }

  @Test
  void aCardWithTextAfterItsObjectIsRefused() throws IOException {
    // Hardening defect 4, for model cards: "{...} garbage" was accepted.
    Path dir = copy();
    Path card = dir.resolve("cris-reported/model.json");
    Files.writeString(card, Files.readString(card) + " garbage");
    String err = invalid(dir);
    contains(err, card + ": not valid JSON");
  }

  private static String invalid(Path dir) {
    CommandRun r = CommandRun.of("submissions", "validate", "--dir", dir.toString());
    assertEquals(2, r.exitCode(), r.out() + r.err());
    return r.err();
  }

  private static void contains(String text, String part) {
    assertTrue(text.contains(part), "expected <" + part + "> in:\n" + text);
  }

  private static void edit(Path file, Consumer<ObjectNode> change) throws IOException {
    ObjectNode node = (ObjectNode) JSON.readTree(file.toFile());
    change.accept(node);
    Files.writeString(file, JSON.writeValueAsString(node));
  }

  private static JsonNode read(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }

  private static List<Path> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
