package dev.perbench.harness.run;

import static dev.perbench.harness.testing.TinySamples.rect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perbench.errors.InputException;
import dev.perbench.harness.model.Prediction;
import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.CaptionTaskResult;
import dev.perbench.harness.score.ChoiceJudgeScore;
import dev.perbench.harness.score.ChoiceTaskResult;
import dev.perbench.harness.score.EvalProfile;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.Interval;
import dev.perbench.harness.score.JudgeScore;
import dev.perbench.harness.score.PredictionSource;
import dev.perbench.harness.score.Scoring;
import dev.perbench.harness.score.SegmentationTaskResult;
import dev.perbench.harness.score.TaskResults;
import dev.perbench.harness.testing.TinySamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code metrics.json} and {@code metrics.csv}. */
class MetricsFilesTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** One res sample, rows 0-1 of column 0 predicted for column 0: (I, U) = (2, 4), IoU 1/2. */
  static Evaluation oneResSample() {
    return Scoring.score(
        "tiny",
        List.of(TinySamples.res("r", rect(0, 4, 0, 1))),
        PredictionSource.of(Map.of("r", Prediction.masks("r", List.of(rect(0, 2, 0, 1))))),
        EvalProfile.STANDARD,
        BootstrapSettings.percent95(50, 1));
  }

  /** Every kind of task, with values and intervals chosen by hand. */
  static Evaluation handMade() {
    return new Evaluation(
        Evaluation.METRICS_VERSION,
        "tiny",
        "standard",
        10L,
        1L,
        2L,
        new TaskResults(
            new CaptionTaskResult(
                "meteor (NLTK)",
                3L,
                0L,
                1L,
                0.5,
                new CaptionTaskResult.Ci(new Interval(0.125, 0.875))),
            new ChoiceTaskResult(
                "strict",
                4L,
                1L,
                0L,
                0.5,
                2L,
                1L,
                new ChoiceTaskResult.Ci(new Interval(0.25, 0.75))),
            new SegmentationTaskResult(
                "standard",
                3L,
                0L,
                1L,
                0.25,
                0.75,
                0.5,
                0.5,
                0.25,
                0.25,
                0.0,
                null,
                null,
                5L,
                new SegmentationTaskResult.Ci(new Interval(0.125, 0.5), new Interval(0.5, 1.0))),
            null),
        // (100 * 0.5 + 100 * 0.5 + 100 * (0.25 + 0.75) / 2) / 3
        50.0,
        BootstrapSettings.percent95(50, 1));
  }

  /** Numbers copied from a paper: no counts, no intervals, no version. */
  static Evaluation reported() {
    return new Evaluation(
        null,
        "perbench",
        Evaluation.REPORTED,
        null,
        null,
        null,
        new TaskResults(
            null,
            new ChoiceTaskResult(
                "as reported in Table 3", null, null, null, 0.71, null, null, null),
            new SegmentationTaskResult(
                "as reported",
                null,
                null,
                null,
                0.319,
                0.219,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null),
            null),
        null,
        null);
  }

  @Test
  void whatIsWrittenIsReadBackEqual() {
    for (Evaluation e : List.of(oneResSample(), handMade(), reported())) {
      RunDirectory dir = new RunDirectory(tmp.resolve(e.benchmark() + e.profile()));
      MetricsFiles.write(dir, e);
      assertEquals(e, MetricsFiles.read(dir.metricsJson()));
    }
  }

  @Test
  void fieldsAreWrittenInTheDocumentedOrderAndOverallEvenWhenNull() throws IOException {
    String text = MetricsFiles.jsonText(oneResSample());
    assertTrue(text.endsWith("}\n"), text);
    JsonNode tree = JSON.readTree(text);
    List<String> names = new ArrayList<>();
    tree.fieldNames().forEachRemaining(names::add);
    assertEquals(
        List.of(
            "metrics_version",
            "benchmark",
            "profile",
            "n",
            "missing",
            "failed",
            "tasks",
            "overall",
            "ci"),
        names);
    assertTrue(tree.get("overall").isNull());
    assertEquals(Evaluation.METRICS_VERSION, tree.get("metrics_version").asInt());
    assertEquals(
        JSON.readTree("{\"level\": 0.95, \"resamples\": 50, \"seed\": 1}"), tree.get("ci"));
    assertEquals(JSON.readTree("[0.5, 0.5]"), tree.get("tasks").get("res").get("ci").get("ciou"));
    // a reported file has no counts and no ci, but says overall is null
    JsonNode r = JSON.readTree(MetricsFiles.jsonText(reported()));
    List<String> reportedNames = new ArrayList<>();
    r.fieldNames().forEachRemaining(reportedNames::add);
    assertEquals(List.of("benchmark", "profile", "tasks", "overall"), reportedNames);
  }

  @Test
  void theCsvHasOneRowPerTaskAndMetric() {
    assertEquals(
        String.join(
            "\r\n",
            "benchmark,profile,task,metric,value,ci_lower,ci_upper",
            "tiny,standard,res,ciou,0.5,0.5,0.5",
            "tiny,standard,res,giou,0.5,0.5,0.5",
            "tiny,standard,res,precision@0.5,1.0,,",
            "tiny,standard,res,precision@0.6,0.0,,",
            "tiny,standard,res,precision@0.7,0.0,,",
            "tiny,standard,res,precision@0.8,0.0,,",
            "tiny,standard,res,precision@0.9,0.0,,",
            "tiny,standard,res,masks,1,,",
            ""),
        MetricsFiles.csvText(oneResSample()));
  }

  @Test
  void theCsvListsTasksInFileOrderAndOverallLast() {
    assertEquals(
        String.join(
            "\r\n",
            "benchmark,profile,task,metric,value,ci_lower,ci_upper",
            "tiny,standard,caption,meteor,0.5,0.125,0.875",
            "tiny,standard,mcq,accuracy,0.5,0.25,0.75",
            "tiny,standard,mcq,correct,2,,",
            "tiny,standard,mcq,unparsed,1,,",
            "tiny,standard,vres,ciou,0.25,0.125,0.5",
            "tiny,standard,vres,giou,0.75,0.5,1.0",
            "tiny,standard,vres,precision@0.5,0.5,,",
            "tiny,standard,vres,precision@0.6,0.5,,",
            "tiny,standard,vres,precision@0.7,0.25,,",
            "tiny,standard,vres,precision@0.8,0.25,,",
            "tiny,standard,vres,precision@0.9,0.0,,",
            "tiny,standard,vres,masks,5,,",
            "tiny,standard,,overall,50.0,,",
            ""),
        MetricsFiles.csvText(handMade()));
  }

  /** A judge's score as the harness writes it: 3 caption samples, 2 rated, 1 unparsed. */
  static JudgeScore judgeScore(Double score) {
    return new JudgeScore(
        score,
        score == null ? null : List.of(score - 10, score + 10),
        "pairwise-ref",
        "a".repeat(64),
        "judge-7b",
        "judge-7b-0125",
        "127.0.0.1:8000",
        0.0,
        0L,
        score == null ? 0 : 2,
        score == null ? 2 : 1,
        score == null ? 1 : 0,
        score == null ? null : 0.5,
        7,
        0,
        100,
        20);
  }

  @Test
  void judgesAreReadBackEqualAndAddRowsLeavingTheOthersAsTheyWere() {
    Evaluation plain = handMade();
    Map<String, JudgeScore> judges = new java.util.LinkedHashMap<>();
    judges.put("z-judge", judgeScore(null));
    judges.put("judge-7b", judgeScore(120.0));
    Evaluation judged = plain.withJudges(judges);
    // (120 + 100 * 0.5 + 100 * (0.25 + 0.75) / 2) / 3; a judge that rated nothing has null
    assertEquals(220.0 / 3, judged.overallJudge().get("judge-7b"));
    assertTrue(judged.overallJudge().containsKey("z-judge"));
    assertEquals(null, judged.overallJudge().get("z-judge"));
    assertEquals(
        List.of("judge-7b", "z-judge"), List.copyOf(judged.tasks().caption().judges().keySet()));
    RunDirectory dir = new RunDirectory(tmp.resolve("judged"));
    MetricsFiles.write(dir, judged);
    Evaluation back = MetricsFiles.read(dir.metricsJson());
    assertEquals(judged, back);
    assertEquals(MetricsFiles.jsonText(plain), MetricsFiles.jsonText(back.withJudges(null)));
    String csv = MetricsFiles.csvText(judged);
    assertEquals(
        MetricsFiles.csvText(plain),
        csv.replace("tiny,standard,caption,judge:judge-7b,120.0,110.0,130.0\r\n", "")
            .replace("tiny,standard,caption,judge:z-judge,,,\r\n", "")
            .replace("tiny,standard,,overall_judge:judge-7b," + 220.0 / 3 + ",,\r\n", "")
            .replace("tiny,standard,,overall_judge:z-judge,,,\r\n", ""));
    assertTrue(
        csv.contains(
            "tiny,standard,caption,meteor,0.5,0.125,0.875\r\n"
                + "tiny,standard,caption,judge:judge-7b,120.0,110.0,130.0\r\n"),
        csv);
    assertTrue(csv.endsWith(",overall_judge:z-judge,,,\r\n"), csv);
    String table = SummaryTable.render(judged);
    assertTrue(
        table.contains("caption  judge:judge-7b            120.00   [110.00, 130.00]"), table);
    assertTrue(table.contains("perbench overall_judge:judge-7b     73.33\n"), table);
    assertTrue(table.contains("perbench overall_judge:z-judge          -\n"), table);
    // the metric column is as wide as its longest name, so the values stay aligned
    assertTrue(table.contains("caption  meteor                     50.00"), table);
    // without an overall score, no overall_judge
    Evaluation noOverall = oneResSample();
    assertEquals(noOverall, noOverall.withJudges(null));
  }

  @Test
  void mcqJudgesAreReadBackEqualAndAddARowAfterTheMcqRowsLeavingEverythingElse() {
    Evaluation plain = handMade();
    // mcq: n 4, correct 2, unparsed 1; the judge read the correct letter from the unparsed one
    ChoiceJudgeScore reading =
        new ChoiceJudgeScore(
            0.75,
            new Interval(0.5, 1.0),
            "c".repeat(64),
            "judge-7b",
            null,
            "127.0.0.1:8000",
            0.0,
            0L,
            1,
            1,
            1,
            0,
            0,
            0,
            1,
            0,
            120,
            1);
    Evaluation judged = plain.withChoiceJudges(Map.of("judge-7b", reading));
    assertEquals(plain.overall(), judged.overall(), "overall keeps the strict accuracy");
    assertEquals(plain.tasks().mcq().accuracy(), judged.tasks().mcq().accuracy());
    RunDirectory dir = new RunDirectory(tmp.resolve("mcq-judged"));
    MetricsFiles.write(dir, judged);
    Evaluation back = MetricsFiles.read(dir.metricsJson());
    assertEquals(judged, back);
    assertEquals(MetricsFiles.jsonText(plain), MetricsFiles.jsonText(back.withChoiceJudges(null)));
    String csv = MetricsFiles.csvText(judged);
    String row = "tiny,standard,mcq,judge:judge-7b,0.75,0.5,1.0\r\n";
    assertTrue(csv.contains("tiny,standard,mcq,unparsed,1,,\r\n" + row), csv);
    assertEquals(MetricsFiles.csvText(plain), csv.replace(row, ""));
    String table = SummaryTable.render(judged);
    assertTrue(table.contains("mcq      judge:judge-7b       75.00   [50.00, 100.00]"), table);
    List<String> problems = new java.util.ArrayList<>();
    dev.perbench.harness.submissions.MetricsCheck.check(
        judged,
        "tiny",
        List.of(
            dev.perbench.data.model.Task.CAPTION,
            dev.perbench.data.model.Task.MCQ,
            dev.perbench.data.model.Task.VRES),
        false,
        problems::add);
    assertEquals(List.of(), problems);
    // counts that do not add up, or an accuracy its parts do not give
    problems.clear();
    dev.perbench.harness.submissions.MetricsCheck.check(
        plain.withChoiceJudges(
            Map.of(
                "judge-7b",
                new ChoiceJudgeScore(
                    0.5,
                    null,
                    "c".repeat(64),
                    "judge-7b",
                    null,
                    "h",
                    0.0,
                    0L,
                    2,
                    1,
                    1,
                    0,
                    0,
                    0,
                    1,
                    0,
                    0,
                    0))),
        "tiny",
        List.of(
            dev.perbench.data.model.Task.CAPTION,
            dev.perbench.data.model.Task.MCQ,
            dev.perbench.data.model.Task.VRES),
        false,
        problems::add);
    String all = String.join("; ", problems);
    assertTrue(
        all.contains("tasks.mcq.judges.judge-7b.asked\": 2, but tasks.mcq.unparsed is 1"), all);
    assertTrue(all.contains("extracted + none + unparsed + failed = 1"), all);
    assertTrue(all.contains("tasks.mcq.judges.judge-7b.accuracy"), all);
  }

  @Test
  void theCsvOfGrefcocoHasNaccAndTaccAndWritesBothFiles() throws IOException {
    // (no target, predicted empty): N-acc 1/1; (target, predicted half of it): T-acc 1/1
    Evaluation e =
        Scoring.score(
            "tiny",
            List.of(TinySamples.noTargetRes("e"), TinySamples.res("t", rect(0, 4, 0, 1))),
            PredictionSource.of(
                Map.of(
                    "e",
                    new Prediction("e", null, null, true, null),
                    "t",
                    Prediction.masks("t", List.of(rect(0, 2, 0, 1))))),
            EvalProfile.GREFCOCO,
            BootstrapSettings.percent95(50, 1));
    RunDirectory dir = new RunDirectory(tmp);
    MetricsFiles.write(dir, e);
    List<String> rows = Files.readAllLines(dir.metricsCsv());
    assertEquals(
        List.of(
            "tiny,grefcoco,res,precision@0.9,0.0,,",
            "tiny,grefcoco,res,n_acc,1.0,,",
            "tiny,grefcoco,res,t_acc,1.0,,",
            "tiny,grefcoco,res,masks,2,,"),
        rows.subList(rows.size() - 4, rows.size()));
    assertEquals(MetricsFiles.jsonText(e), Files.readString(dir.metricsJson()));
  }

  static Stream<Arguments> brokenFiles() {
    return Stream.of(
        broken("an unknown field", "metric_version", o -> o.put("metric_version", 1)),
        broken(
            "an unknown task field",
            "cIoU",
            o -> ((ObjectNode) o.get("tasks").get("res")).put("cIoU", 0.5)),
        broken("a missing required field", "benchmark", o -> o.remove("benchmark")),
        broken(
            "a missing required task field",
            "convention",
            o -> ((ObjectNode) o.get("tasks").get("res")).remove("convention")),
        broken(
            "a string for a number",
            "resamples",
            o -> ((ObjectNode) o.get("ci")).put("resamples", "50")),
        broken(
            "a string for a fraction",
            "ciou",
            o -> ((ObjectNode) o.get("tasks").get("res")).put("ciou", "high")),
        broken(
            "a fraction for a count",
            "masks",
            o -> ((ObjectNode) o.get("tasks").get("res")).put("masks", 1.5)),
        broken("a number for a string", "profile", o -> o.put("profile", 3)));
  }

  static Arguments broken(String what, String field, Consumer<ObjectNode> change) {
    return Arguments.of(what, field, change);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFiles")
  void strictReadingNamesTheFileAndTheField(String what, String field, Consumer<ObjectNode> change)
      throws IOException {
    ObjectNode tree = (ObjectNode) JSON.readTree(MetricsFiles.jsonText(oneResSample()));
    change.accept(tree);
    Path file = tmp.resolve("metrics.json");
    Files.writeString(file, JSON.writeValueAsString(tree));
    InputException e = assertThrows(InputException.class, () -> MetricsFiles.read(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(field), e.getMessage() + " should name " + field);
  }

  @Test
  void aDuplicateKeyIsRefusedNamingIt() throws IOException {
    Path file = tmp.resolve("metrics.json");
    Files.writeString(
        file,
        MetricsFiles.jsonText(oneResSample())
            .replaceFirst("\"profile\"", "\"benchmark\" : \"other\",\n  \"profile\""));
    InputException e = assertThrows(InputException.class, () -> MetricsFiles.read(file));
    assertTrue(e.getMessage().contains("benchmark"), e.getMessage());
  }

  @Test
  void aMissingFileIsAnInputErrorNamingIt() {
    Path file = tmp.resolve("absent.json");
    InputException e = assertThrows(InputException.class, () -> MetricsFiles.read(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }
}
