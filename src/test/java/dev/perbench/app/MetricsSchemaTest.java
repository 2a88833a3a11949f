package dev.perbench.app;

import static dev.perbench.app.Mutations.all;
import static dev.perbench.app.Mutations.onlyReaderRejects;
import static dev.perbench.app.Mutations.onlySchemaRejects;
import static dev.perbench.app.Mutations.put;
import static dev.perbench.app.Mutations.remove;
import static dev.perbench.app.Mutations.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perbench.app.Mutations.Case;
import dev.perbench.app.Mutations.Disagreement;
import dev.perbench.data.catalog.BenchmarkCatalog;
import dev.perbench.data.catalog.BenchmarkSpec;
import dev.perbench.data.model.Task;
import dev.perbench.harness.json.StrictJson;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.submissions.MetricsCheck;
import dev.perbench.harness.submissions.PaperBenchmarks;
import dev.perbench.metrics.score.PerBenchScore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code docs/metrics.schema.json}: every violation is rejected by the schema, naming the field;
 * and, where it applies, by {@link MetricsCheck}, the Java check of {@code perbench submissions
 * validate}, naming the same field. The typed reader of metrics.json plugs in as {@link #READER}.
 */
class MetricsSchemaTest {
  /** Committed files: harness-produced (the oracle baseline) and reported (from a paper). */
  private static final Map<String, JsonNode> BASES =
      Map.of(
          "harness",
          Schemas.read(Path.of("submissions/baseline-oracle/results/perbench-mini/metrics.json")),
          "judged",
          judged(
              Schemas.read(
                  Path.of("submissions/baseline-oracle/results/perbench-mini/metrics.json"))),
          "mcq-judged",
          mcqJudged(
              Schemas.read(
                  Path.of("submissions/baseline-oracle/results/perbench-mini/metrics.json"))),
          "reported",
          Schemas.read(Path.of("submissions/pixel-sail-3b-reported/results/perbench/metrics.json")),
          "reported-res",
          Schemas.read(Path.of("submissions/rela-reported/results/grefcoco_val/metrics.json")));

  /** The harness base with one LLM judge, x, as the harness writes it. */
  static JsonNode judged(JsonNode harness) {
    ObjectNode m = (ObjectNode) harness.deepCopy();
    long described =
        m.at("/tasks/caption/n").asLong()
            - m.at("/tasks/caption/missing").asLong()
            - m.at("/tasks/caption/failed").asLong();
    ((ObjectNode) m.at("/tasks/caption"))
        .putObject("judges")
        .set(
            "x",
            Schemas.parse(
                "{\"score\": 71.5, \"ci\": [68.25, 74.75], \"protocol\": \"pairwise-ref\","
                    + " \"template_sha256\": \""
                    + "a".repeat(64)
                    + "\", \"judge_model_requested\": \"judge-7b\","
                    + " \"judge_model_reported\": \"judge-7b-0125\", \"endpoint\":"
                    + " \"127.0.0.1:8000\", \"temperature\": 0.0, \"seed\": 0, \"n\": "
                    + (described - 5)
                    + ", \"unparsed\": 3, \"failed\": 2, \"inconsistency\": 0.125, \"calls\":"
                    + " 600, \"cached\": 0, \"prompt_tokens\": 1200, \"completion_tokens\":"
                    + " 300}"));
    double overall =
        PerBenchScore.overallWithJudge(
            71.5,
            m.at("/tasks/mcq/accuracy").asDouble(),
            100 * m.at("/tasks/vres/ciou").asDouble(),
            100 * m.at("/tasks/vres/giou").asDouble());
    // after "overall", as the harness writes it
    ObjectNode ordered = m.objectNode();
    m.fields()
        .forEachRemaining(
            e -> {
              ordered.set(e.getKey(), e.getValue());
              if (e.getKey().equals("overall")) {
                ordered.putObject("overall_judge").put("x", overall);
              }
            });
    return ordered;
  }

  /**
   * The harness base with 10 of its 300 mcq answers unparsed (overall recomputed) and one judge, x,
   * that read them ({@code --judge-mcq}), as the harness writes it: 7 letters (6 correct), 1 NONE,
   * 1 unreadable, 1 failed.
   */
  static JsonNode mcqJudged(JsonNode harness) {
    ObjectNode m = (ObjectNode) harness.deepCopy();
    ObjectNode mcq = (ObjectNode) m.at("/tasks/mcq");
    mcq.put("accuracy", 290.0 / 300).put("correct", 290).put("unparsed", 10);
    ((ObjectNode) mcq.get("ci")).set("accuracy", Schemas.parse("[0.94, 0.985]"));
    mcq.putObject("judges")
        .set(
            "x",
            Schemas.parse(
                "{\"accuracy\": "
                    + 296.0 / 300
                    + ", \"ci\": [0.97, 0.996], \"template_sha256\": \""
                    + "b".repeat(64)
                    + "\", \"judge_model_requested\": \"judge-7b\","
                    + " \"judge_model_reported\": \"judge-7b-0125\", \"endpoint\":"
                    + " \"127.0.0.1:8000\", \"temperature\": 0.0, \"seed\": 0, \"asked\": 10,"
                    + " \"extracted\": 7, \"correct_extracted\": 6, \"none\": 1, \"unparsed\": 1,"
                    + " \"failed\": 1, \"calls\": 11, \"cached\": 0, \"prompt_tokens\": 900,"
                    + " \"completion_tokens\": 12}"));
    m.put(
        "overall",
        PerBenchScore.overall(
            100 * m.at("/tasks/caption/meteor").asDouble(),
            290.0 / 300,
            100 * m.at("/tasks/vres/ciou").asDouble(),
            100 * m.at("/tasks/vres/giou").asDouble()));
    return m;
  }

  /**
   * The Java reader: the message of everything it rejects, or null when it accepts: the typed
   * binding of {@link Evaluation}, then {@link MetricsCheck} as {@code submissions validate} calls
   * it, for the benchmark the file names.
   */
  static final Function<JsonNode, String> READER = MetricsSchemaTest::metricsCheck;

  static String metricsCheck(JsonNode m) {
    Evaluation e;
    try {
      e = StrictJson.bind(m, Evaluation.class);
    } catch (IllegalArgumentException ex) {
      return ex.getMessage();
    }
    String benchmark = e.benchmark();
    List<Task> tasks = tasksOf(benchmark);
    if (tasks == null) { // the benchmark was mutated: check against the base's
      benchmark = "perbench-mini";
      tasks = tasksOf(benchmark);
    }
    List<String> problems = new ArrayList<>();
    MetricsCheck.check(e, benchmark, tasks, e.reported(), problems::add);
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  static List<Task> tasksOf(String benchmark) {
    for (BenchmarkSpec s : BenchmarkCatalog.all()) {
      if (s.id().equals(benchmark)) {
        return s.tasks();
      }
    }
    return PaperBenchmarks.find(benchmark).map(PaperBenchmarks.PaperBenchmark::tasks).orElse(null);
  }

  /** Mutations of metrics_version. */
  static Stream<Case> metricsVersionViolations() {
    return Stream.of(
        remove("harness", "/metrics_version"),
        set("harness", "/metrics_version", "null"),
        set("harness", "/metrics_version", "0"),
        set("harness", "/metrics_version", "-1"),
        set("harness", "/metrics_version", "1.5"),
        set("harness", "/metrics_version", "\"1\""),
        set("reported", "/metrics_version", "1"));
  }

  /** Mutations of warnings: counts by code, only in harness results. */
  static Stream<Case> warningsViolations() {
    return Stream.of(
        set("harness", "/warnings", "{}"),
        set("harness", "/warnings", "[\"empty_visual_prompt\"]"),
        set("harness", "/warnings", "{\"Empty Prompt\": 1}"),
        set("harness", "/warnings", "{\"empty_visual_prompt\": 0}"),
        set("harness", "/warnings", "{\"empty_visual_prompt\": 1.5}"),
        set("reported", "/warnings", "{\"empty_visual_prompt\": 1}"));
  }

  @Test
  void warningsCountingSamplesByCodeAreAcceptedByBoth() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode doc = BASES.get("harness").deepCopy();
    doc.set(
        "warnings",
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree("{\"empty_visual_prompt\": 3, \"retried\": 1}"));
    Mutations.assertBothAccept(doc, Schemas.METRICS, READER);
  }

  static Stream<Case> rejected() {
    return Stream.of(
        // top level
        set("harness", "/extra", "1"),
        set("harness", "/accuracy", "1.0"),
        remove("harness", "/benchmark"),
        set("harness", "/benchmark", "7"),
        set("harness", "/benchmark", "null"),
        remove("harness", "/profile"),
        set("harness", "/profile", "\"strict\""),
        set("harness", "/profile", "\"Standard\""),
        set("harness", "/profile", "null"),
        set("harness", "/profile", "1"),
        remove("harness", "/n"),
        set("harness", "/n", "null"),
        set("harness", "/n", "-1"),
        set("harness", "/n", "1186.5"),
        set("harness", "/n", "\"1186\""),
        remove("harness", "/missing"),
        set("harness", "/missing", "-3"),
        remove("harness", "/failed"),
        set("harness", "/failed", "true"),
        remove("harness", "/tasks"),
        set("harness", "/tasks", "{}"),
        set("harness", "/tasks", "[]"),
        set("harness", "/tasks/detection", "{\"convention\": \"x\", \"map\": 0.5}"),
        set("harness", "/tasks/RES", "{\"convention\": \"x\", \"ciou\": 0.5}"),
        set("harness", "/overall", "142.2"),
        set("harness", "/overall", "-0.1"),
        set("harness", "/overall", "\"82.3\""),
        remove("harness", "/ci"),
        set("harness", "/ci", "null"),
        set("harness", "/ci", "[0.95, 1000, 0]"),
        set("harness", "/ci/level", "0"),
        set("harness", "/ci/level", "1"),
        set("harness", "/ci/level", "95"),
        set("harness", "/ci/level", "\"0.95\""),
        remove("harness", "/ci/level"),
        set("harness", "/ci/resamples", "-1"),
        set("harness", "/ci/resamples", "1000.5"),
        remove("harness", "/ci/resamples"),
        set("harness", "/ci/seed", "0.5"),
        set("harness", "/ci/seed", "\"0\""),
        remove("harness", "/ci/seed"),
        set("harness", "/ci/alpha", "0.05"),
        // a task
        set("harness", "/tasks/vres", "5"),
        remove("harness", "/tasks/vres/convention"),
        set("harness", "/tasks/vres/convention", "\"\""),
        set("harness", "/tasks/vres/convention", "\"  \""),
        set("harness", "/tasks/vres/convention", "3"),
        set("harness", "/tasks/vres/cIoU", "0.5"),
        set("harness", "/tasks/vres/precision@0.75", "0.5"),
        set("harness", "/tasks/vres/accuracy", "0.5"),
        set("harness", "/tasks/caption/masks", "3"),
        remove("harness", "/tasks/vres/n"),
        set("harness", "/tasks/vres/n", "-291"),
        remove("harness", "/tasks/vres/missing"),
        set("harness", "/tasks/vres/failed", "0.5"),
        // values
        remove("harness", "/tasks/vres/ciou"),
        set("harness", "/tasks/vres/ciou", "33.4"),
        set("harness", "/tasks/vres/ciou", "-0.1"),
        set("harness", "/tasks/vres/ciou", "\"0.5\""),
        remove("harness", "/tasks/vres/giou"),
        remove("harness", "/tasks/res/precision@0.7"),
        set("harness", "/tasks/res/precision@0.9", "1.01"),
        set("harness", "/tasks/res/n_acc", "1.5"),
        set("harness", "/tasks/res/t_acc", "\"x\""),
        remove("harness", "/tasks/vres/masks"),
        set("harness", "/tasks/vres/masks", "-3"),
        set("harness", "/tasks/vres/masks", "328.5"),
        remove("harness", "/tasks/mcq/accuracy"),
        set("harness", "/tasks/mcq/accuracy", "\"0.74\""),
        set("harness", "/tasks/mcq/accuracy", "74"),
        remove("harness", "/tasks/mcq/correct"),
        set("harness", "/tasks/mcq/correct", "-1"),
        remove("harness", "/tasks/mcq/unparsed"),
        set("harness", "/tasks/mcq/unparsed", "\"0\""),
        remove("harness", "/tasks/caption/meteor"),
        set("harness", "/tasks/caption/meteor", "1.2"),
        // intervals
        remove("harness", "/tasks/vres/ci"),
        set("harness", "/tasks/vres/ci", "null"),
        set("harness", "/tasks/vres/ci", "[0.4, 0.6]"),
        set("harness", "/tasks/vres/ci/ciou", "[0.4]"),
        set("harness", "/tasks/vres/ci/ciou", "[0.4, 0.5, 0.6]"),
        set("harness", "/tasks/vres/ci/ciou", "[\"0.4\", \"0.6\"]"),
        set("harness", "/tasks/vres/ci/ciou", "{\"lower\": 0.4, \"upper\": 0.6}"),
        set("harness", "/tasks/vres/ci/ciou", "[-0.1, 0.6]"),
        set("harness", "/tasks/vres/ci/giou", "[0.5, 1.5]"),
        set("harness", "/tasks/vres/ci/meteor", "[0.4, 0.6]"),
        set("harness", "/tasks/mcq/ci/ciou", "[0.4, 0.6]"),
        // reported numbers
        set("reported", "/n", "-1"),
        set("reported", "/profile", "\"paper\""),
        set("reported", "/extra", "1"),
        set("reported", "/tasks/detection", "{\"convention\": \"x\"}"),
        set("reported", "/tasks/vres", "[]"),
        remove("reported", "/tasks/vres/convention"),
        set("reported", "/tasks/vres/convention", "\"\""),
        set("reported", "/tasks/vres/cIoU", "0.334"),
        set("reported", "/tasks/vres/ciou", "33.4"),
        set("reported", "/tasks/mcq/accuracy", "\"0.74\""),
        set("reported", "/tasks/mcq/accuracy", "74"),
        set("reported", "/tasks/caption/meteor", "-0.2"),
        set("reported", "/overall", "142.2"),
        set("reported", "/overall", "\"42.2\""),
        set("reported", "/tasks/vres/ci", "{\"ciou\": [0.3, 1.3]}", "tasks.vres.ci.ciou"),
        all(
            "vres has no value",
            "reported",
            "tasks.vres",
            Mutations.delete("/tasks/vres/ciou"),
            Mutations.delete("/tasks/vres/giou")),
        all(
            "mcq's only value is null",
            "reported",
            "tasks.mcq",
            put("/tasks/mcq/accuracy", Schemas.parse("null"))),
        set("reported-res", "/tasks/res/ciou", "56.4"),
        set("reported-res", "/tasks/res/n", "-5"),
        set("reported-res", "/tasks/res/masks", "1.5"));
  }

  /** LLM judges: tasks.caption.judges and overall_judge. */
  static Stream<Case> judgeViolations() {
    String j = "/tasks/caption/judges/x";
    return Stream.of(
        // absent, a score or interval is null, which the Java check refuses with n > 0
        remove("judged", j + "/score"),
        remove("judged", j + "/ci"),
        set("judged", j + "/score", "-1"),
        set("judged", j + "/score", "\"71.5\""),
        remove("judged", j + "/protocol"),
        set("judged", j + "/protocol", "\"\""),
        set("judged", j + "/protocol", "3"),
        remove("judged", j + "/template_sha256"),
        set("judged", j + "/template_sha256", "\"abc\""),
        set("judged", j + "/template_sha256", "\"" + "A".repeat(64) + "\""),
        remove("judged", j + "/judge_model_requested"),
        set("judged", j + "/judge_model_requested", "\"\""),
        set("judged", j + "/judge_model_reported", "7"),
        remove("judged", j + "/endpoint"),
        set("judged", j + "/endpoint", "\"\""),
        set("judged", j + "/endpoint", "null"),
        remove("judged", j + "/temperature"),
        set("judged", j + "/temperature", "3"),
        set("judged", j + "/temperature", "\"0\""),
        set("judged", j + "/seed", "1.5"),
        remove("judged", j + "/n"),
        set("judged", j + "/n", "-1"),
        set("judged", j + "/n", "2.5"),
        set("judged", j + "/n", "null"),
        remove("judged", j + "/unparsed"),
        set("judged", j + "/unparsed", "-1"),
        remove("judged", j + "/failed"),
        set("judged", j + "/failed", "\"0\""),
        remove("judged", j + "/calls"),
        set("judged", j + "/calls", "-1"),
        remove("judged", j + "/cached"),
        set("judged", j + "/cached", "-3"),
        remove("judged", j + "/prompt_tokens"),
        set("judged", j + "/prompt_tokens", "-1"),
        remove("judged", j + "/completion_tokens"),
        set("judged", j + "/completion_tokens", "1.5"),
        set("judged", j + "/inconsistency", "1.5"),
        set("judged", j + "/inconsistency", "-0.5"),
        set("judged", j + "/ci", "[70]"),
        set("judged", j + "/ci", "[-1, 80]"),
        set("judged", j + "/ci", "[\"70\", \"80\"]"),
        set("judged", j + "/ci", "{\"lower\": 70, \"upper\": 80}"),
        set("judged", j + "/extra", "1"),
        set("judged", j, "null"),
        set("judged", j, "[]"),
        set("judged", "/tasks/caption/judges", "{}"),
        set("judged", "/tasks/caption/judges", "[]"),
        set("judged", "/tasks/caption/judges/a b", "{}", "tasks.caption.judges"),
        set("judged", "/overall_judge", "{}"),
        set("judged", "/overall_judge", "[40]"),
        set("judged", "/overall_judge/x", "-1"),
        set("judged", "/overall_judge/x", "\"40\""),
        set("judged", "/overall_judge/a:b", "40", "overall_judge"),
        set("reported", "/overall_judge", "{\"x\": 40}"),
        set(
            "reported",
            "/tasks/caption/judges",
            BASES.get("judged").at("/tasks/caption/judges").toString(),
            "tasks.caption.judges"));
  }

  /**
   * What only the Java check can see, comparing fields: the judges' counts against the caption
   * task's, score, interval and n together, and overall_judge against overall and the judges.
   */
  static Stream<Disagreement> judgeComparisons() {
    String j = "/tasks/caption/judges/x";
    return Stream.of(
        onlyReaderRejects(set("judged", j + "/n", "3")),
        onlyReaderRejects(set("judged", j + "/failed", "0")),
        onlyReaderRejects(set("judged", j + "/score", "null")),
        onlyReaderRejects(set("judged", j + "/ci", "null")),
        onlyReaderRejects(set("judged", j + "/ci", "[72, 80]")),
        onlyReaderRejects(set("judged", "/overall_judge/x", "50")),
        onlyReaderRejects(set("judged", "/overall_judge/x", "null")),
        onlyReaderRejects(remove("judged", "/overall_judge")),
        onlyReaderRejects(
            new Case(
                "overall_judge without judges",
                "judged",
                "overall_judge",
                Mutations.delete("/tasks/caption/judges"))),
        onlyReaderRejects(set("judged", "/overall_judge", "{\"y\": 40}")),
        onlyReaderRejects(set("judged", "/overall", "null")),
        // DISAGREEMENT: the typed reader cannot tell an absent nullable field from a null one
        // (where a null is allowed); the schema requires every field the harness writes
        onlySchemaRejects(remove("judged", j + "/judge_model_reported")),
        onlySchemaRejects(remove("judged", j + "/seed")),
        onlySchemaRejects(remove("judged", j + "/inconsistency")));
  }

  /** A judge's reading of the mcq answers: tasks.mcq.judges. */
  static Stream<Case> mcqJudgeViolations() {
    String j = "/tasks/mcq/judges/x";
    return Stream.of(
        remove("mcq-judged", j + "/accuracy"),
        set("mcq-judged", j + "/accuracy", "1.5"),
        set("mcq-judged", j + "/accuracy", "null"),
        set("mcq-judged", j + "/ci", "[0.9]"),
        set("mcq-judged", j + "/ci", "[0.9, 1.2]"),
        remove("mcq-judged", j + "/template_sha256"),
        set("mcq-judged", j + "/template_sha256", "\"abc\""),
        set("mcq-judged", j + "/judge_model_requested", "\"\""),
        set("mcq-judged", j + "/endpoint", "null"),
        set("mcq-judged", j + "/temperature", "3"),
        remove("mcq-judged", j + "/asked"),
        set("mcq-judged", j + "/asked", "-1"),
        remove("mcq-judged", j + "/extracted"),
        set("mcq-judged", j + "/correct_extracted", "1.5"),
        set("mcq-judged", j + "/none", "-1"),
        set("mcq-judged", j + "/unparsed", "\"1\""),
        remove("mcq-judged", j + "/failed"),
        set("mcq-judged", j + "/calls", "-1"),
        set("mcq-judged", j + "/cached", "null"),
        set("mcq-judged", j + "/prompt_tokens", "-1"),
        remove("mcq-judged", j + "/completion_tokens"),
        set("mcq-judged", j + "/score", "70"),
        set("mcq-judged", j, "null"),
        set("mcq-judged", "/tasks/mcq/judges", "{}"),
        set("mcq-judged", "/tasks/mcq/judges/a b", "{}", "tasks.mcq.judges"),
        set(
            "reported",
            "/tasks/mcq/judges",
            BASES.get("mcq-judged").at("/tasks/mcq/judges").toString(),
            "tasks.mcq.judges"));
  }

  /**
   * What only the Java check can see: the reading's counts against the mcq task's and each other,
   * and its accuracy against (correct + correct_extracted) / n.
   */
  static Stream<Disagreement> mcqJudgeComparisons() {
    String j = "/tasks/mcq/judges/x";
    return Stream.of(
        onlyReaderRejects(set("mcq-judged", j + "/asked", "9")),
        onlyReaderRejects(set("mcq-judged", j + "/none", "2")),
        onlyReaderRejects(set("mcq-judged", j + "/correct_extracted", "8")),
        onlyReaderRejects(set("mcq-judged", j + "/accuracy", "0.99")),
        onlyReaderRejects(set("mcq-judged", j + "/ci", "[0.99, 1.0]")),
        // DISAGREEMENT: the typed reader cannot tell an absent nullable field from a null one
        onlySchemaRejects(remove("mcq-judged", j + "/ci")),
        onlySchemaRejects(remove("mcq-judged", j + "/judge_model_reported")),
        onlySchemaRejects(remove("mcq-judged", j + "/seed")));
  }

  @ParameterizedTest
  @MethodSource({
    "rejected",
    "metricsVersionViolations",
    "warningsViolations",
    "judgeViolations",
    "mcqJudgeViolations",
    "formerDisagreements"
  })
  void everyViolationIsRejectedByTheSchemaAndTheReaderNamingTheSameField(Case c) {
    Mutations.assertBothReject(
        c, BASES.get(c.base()), Schemas.METRICS, READER, Mutations::namesQuotedPath);
  }

  /**
   * What the hand-written MetricsCheck used to accept and the schema rejects: null values in a
   * harness file, 0 resamples, an interval for a metric without one, counts and bootstrap settings
   * in reported numbers. The typed reader rejects them too.
   */
  static Stream<Case> formerDisagreements() {
    return Stream.of(
        set("harness", "/tasks/res/ciou", "null"),
        set("harness", "/tasks/mcq/correct", "null"),
        set("harness", "/ci/resamples", "0"),
        set("harness", "/tasks/vres/ci/precision@0.5", "[0.95, 1.0]"),
        set("reported", "/n", "1000"),
        set("reported", "/missing", "0"),
        set("reported", "/ci", "{\"level\": 0.95, \"resamples\": 1000, \"seed\": 0}"));
  }

  static Stream<Disagreement> disagreements() {
    return Stream.of(
        // DISAGREEMENT: the typed reader cannot tell an absent field from an explicit null (Jackson
        // gives a record's component null for both), so it reads a harness file without
        // "overall" as overall null, and an interval that is null as no interval; the schema
        // requires "overall" in a harness file and an interval to be [lower, upper].
        onlySchemaRejects(remove("harness", "/overall")),
        onlySchemaRejects(set("harness", "/tasks/caption/ci/meteor", "null")));
  }

  @ParameterizedTest
  @MethodSource({"disagreements", "judgeComparisons", "mcqJudgeComparisons"})
  void documentedDisagreementsBetweenSchemaAndReader(Disagreement d) {
    Mutations.assertOnlyOneRejects(d, BASES.get(d.c().base()), Schemas.METRICS, READER);
  }

  @Test
  void aNullTaskIsRejectedByBothButTheReaderNamesOverall() {
    // DISAGREEMENT (of the field named): for the reader a null vres is no vres, so it is
    // "overall" that has lost a component; the schema names tasks.vres.
    JsonNode doc = set("harness", "/tasks/vres", "null").apply(BASES.get("harness"));
    assertTrue(
        Schemas.validate(Schemas.METRICS, doc).stream().anyMatch(v -> v.at("tasks.vres")),
        "the schema names tasks.vres");
    String message = READER.apply(doc);
    assertTrue(message != null && message.contains("\"overall\""), String.valueOf(message));
  }

  @Test
  void theBasesAreValid() {
    for (JsonNode b : BASES.values()) {
      Mutations.assertBothAccept(b, Schemas.METRICS, READER);
    }
    assertEquals(2, BASES.get("harness").get("metrics_version").asInt());
  }
}
